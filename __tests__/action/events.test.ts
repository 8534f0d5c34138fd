import { readRunEvent, untrustedCodeReason, type RunnerContext } from '../../src/github/events';
import { webhookExample } from '../emulator';

/**
 * Which events may run the workspace's code (the smoke command, the reward function) with the job's token and
 * secrets, read from real webhook payloads (@octokit/webhooks-examples) as the runner hands them to the Action.
 */

type Json = Record<string, any>;

function context(eventName: string, payload: Json): RunnerContext {
  return { eventName, sha: 'f'.repeat(40), payload, runId: 1, serverUrl: 'https://github.com', repository: payload.repository?.full_name ?? 'octo-org/octo-repo' };
}

const reasonFor = (eventName: string, payload: Json) => untrustedCodeReason(readRunEvent(context(eventName, payload)));

/** The same pull request, its head in another account's fork (the examples only hold same-repository ones). */
function fromFork(payload: Json): Json {
  const forked = structuredClone(payload);
  forked.pull_request.head.repo = { ...forked.pull_request.head.repo, full_name: `contributor/${forked.repository.name}` };
  return forked;
}

describe('trusted events: the workspace holds only code pushed to this repository with write access', () => {
  test.each([
    ['push', undefined],
    ['workflow_dispatch', undefined],
    ['merge_group', 'checks_requested'],
    ['release', 'published'],
  ])('%s', (event, action) => {
    expect(reasonFor(event, webhookExample(event, action))).toBeUndefined();
  });

  test('schedule (not a webhook: the runner gives `{ schedule }`)', () => {
    expect(reasonFor('schedule', { schedule: '17 6 * * 1', repository: { full_name: 'octo-org/octo-repo' } })).toBeUndefined();
  });

  test('pull_request from a branch of this repository, whatever its action', () => {
    for (const action of ['opened', 'synchronize', 'reopened']) expect(reasonFor('pull_request', webhookExample('pull_request', action))).toBeUndefined();
  });
});

describe('untrusted events: they can carry a pull request\'s code', () => {
  test('pull_request from a fork, and from a deleted fork (no head repository)', () => {
    const payload = webhookExample('pull_request', 'opened');
    expect(reasonFor('pull_request', fromFork(payload))).toBe('the pull request comes from a fork');
    const deleted: Json = structuredClone(payload);
    deleted.pull_request.head.repo = null;
    expect(reasonFor('pull_request', deleted)).toBe('the pull request comes from a fork');
  });

  test('pull_request_target, even from a branch of this repository', () => {
    expect(reasonFor('pull_request_target', webhookExample('pull_request', 'opened'))).toMatch(/^this is a pull_request_target run, which has a write token/);
  });

  test.each([
    ['issue_comment', 'created', /anyone who can comment starts/],
    ['workflow_run', 'completed', /code of the pull request that started the first workflow/],
    ['pull_request_review', 'submitted', /runs on a pull request's code/],
    ['pull_request_review_comment', 'created', /runs on a pull request's code/],
  ])('%s', (event, action, why) => {
    expect(reasonFor(event, webhookExample(event, action))).toMatch(why);
  });

  test.each([
    ['pull_request_review_thread', 'resolved'],
    ['check_run', 'rerequested'],
    ['check_suite', 'rerequested'],
    ['repository_dispatch', undefined],
    ['deployment', 'created'],
    ['issues', 'opened'],
  ])('%s and any other event rl-review does not know to be safe', (event, action) => {
    expect(reasonFor(event, webhookExample(event, action))).toBe(
      `this is a ${event} run, and rl-review trusts the code in the workspace only under push, schedule, workflow_dispatch, merge_group, release and pull_request from a branch of this repository`,
    );
  });
});

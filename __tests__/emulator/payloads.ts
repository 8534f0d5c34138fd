// Webhook event payloads for GITHUB_EVENT_PATH: real examples from @octokit/webhooks-examples, pointed at the
// emulator's repository and pull request.
import type { GitHubEmulator } from './emulator';
import { relocate, renderIssue, renderPullRequest, renderRepository, renderUser, webhookExample } from './resources';
import type { PullRequestRecord } from './state';

type Json = Record<string, unknown>;

/** A `pull_request` (or `pull_request_target`) payload; `synchronize` carries the `before`/`after` of the push. */
export async function pullRequestPayload(
  emulator: GitHubEmulator,
  pull: PullRequestRecord,
  action: 'opened' | 'synchronize' | 'reopened' | 'edited' = 'opened',
  push?: { before: string; after: string },
): Promise<Json> {
  const { site, state } = emulator;
  const example = relocate(webhookExample('pull_request', action), site, emulator.repository.fullName);
  return {
    ...example,
    action,
    number: pull.number,
    pull_request: renderPullRequest(site, pull, { commits: await state.commitCount(pull), files: await state.files(pull) }),
    ...(action === 'synchronize' ? { before: push?.before ?? pull.headHistory.at(-2) ?? pull.head.sha, after: pull.head.sha } : {}),
    repository: renderRepository(site),
    organization: organization(emulator),
    sender: renderUser(site, pull.author),
  };
}

/** An `issue_comment.created` payload: someone (the pull request's author) comments `body` on its conversation. */
export function issueCommentPayload(emulator: GitHubEmulator, pull: PullRequestRecord, body: string): Json {
  const { site } = emulator;
  const example = relocate(webhookExample('issue_comment', 'created'), site, emulator.repository.fullName);
  const issue = renderIssue(site, site.state.issues.get(pull.number)!);
  const comment = { ...(example.comment as Json), body, user: renderUser(site, pull.author), issue_url: issue.url };
  return { ...example, issue, comment, repository: renderRepository(site), organization: organization(emulator), sender: renderUser(site, pull.author) };
}

/** A `workflow_dispatch` payload for a run on `ref` (default: the default branch). */
export function workflowDispatchPayload(emulator: GitHubEmulator, { ref, inputs = {} }: { ref?: string; inputs?: Record<string, string> } = {}): Json {
  const { site, state } = emulator;
  const example = relocate(webhookExample('workflow_dispatch'), site, emulator.repository.fullName);
  return {
    ...example,
    inputs,
    ref: ref ?? `refs/heads/${state.repository.defaultBranch}`,
    repository: renderRepository(site),
    organization: organization(emulator),
    sender: renderUser(site, state.repository.owner),
    workflow: '.github/workflows/rl-review.yml',
  };
}

/** A `schedule` payload. @octokit/webhooks-examples has none (schedules are not webhooks): this is what runners get. */
export function schedulePayload(cron = '0 3 * * 1'): Json {
  return { schedule: cron };
}

function organization(emulator: GitHubEmulator): Json {
  const { site, state } = emulator;
  const owner = state.repository.owner;
  const api = `${site.apiUrl}/orgs/${owner.login}`;
  return {
    login: owner.login,
    id: owner.id,
    node_id: renderUser(site, owner).node_id,
    url: api,
    repos_url: `${api}/repos`,
    events_url: `${api}/events`,
    hooks_url: `${api}/hooks`,
    issues_url: `${api}/issues`,
    members_url: `${api}/members{/member}`,
    public_members_url: `${api}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${owner.id}?v=4`,
    description: null,
  };
}

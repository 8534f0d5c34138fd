import { createRequire } from 'node:module';
import { inScope } from '../../src/action/analyze';
import { isInPaths, readInputs } from '../../src/action/inputs';
import type { Finding } from '../../src/findings';
import { parseFilePatch } from '../../src/github/diff';
import { readRunEvent, runLinks, type RunnerContext } from '../../src/github/events';

const require = createRequire(import.meta.url);
/** Real webhook payloads, as a runner writes them to GITHUB_EVENT_PATH. */
const webhooks = require('@octokit/webhooks-examples/api.github.com/index.json') as { name: string; examples: Record<string, unknown>[] }[];
const payload = (event: string, action?: string) =>
  structuredClone(webhooks.find((w) => w.name === event)!.examples.find((e) => action === undefined || e.action === action)!);

const inputs = (values: Record<string, string>) => readInputs((name) => values[name] ?? '');

describe('inputs', () => {
  test('defaults: review comments on changed lines, config from the base, fail on errors', () => {
    expect(inputs({ 'github-token': 't' })).toEqual({
      githubToken: 't', paths: ['.'], config: undefined, configRef: 'base', failOn: 'error', scope: 'changed-lines',
      comment: 'review', maxComments: 25, auditIssue: false,
    });
  });

  test('paths: one per line or comma-separated', () => {
    expect(inputs({ 'github-token': 't', paths: 'train/\nrewards.py, agent' }).paths).toEqual(['train/', 'rewards.py', 'agent']);
  });

  test.each([
    [{ scope: 'everything' }, "input 'scope' must be one of changed-lines, changed-files, all (got 'everything')"],
    [{ comment: 'inline' }, "input 'comment' must be one of review, summary, off (got 'inline')"],
    [{ 'max-comments': '-1' }, "input 'max-comments' must be a whole number, 0 or more (got '-1')"],
    [{ 'audit-issue': 'yes' }, "input 'audit-issue' must be true or false (got 'yes')"],
    [{ paths: '../other' }, "input 'paths': '../other' must be relative to the repository root and stay inside it"],
    [{ 'github-token': '' }, "input 'github-token' is empty"],
  ])('%j is refused with an error naming the input', (values, message) => {
    expect(() => inputs({ 'github-token': 't', ...values })).toThrow(message);
  });

  test('isInPaths: a path is in `.`, in its directory, and not in a sibling with the same prefix', () => {
    expect(isInPaths('train/a.py', ['.'])).toBe(true);
    expect(isInPaths('train/a.py', ['train/'])).toBe(true);
    expect(isInPaths('training/a.py', ['train'])).toBe(false);
  });
});

describe('events', () => {
  const runner = (eventName: string, body: Record<string, unknown>): RunnerContext =>
    ({ eventName, payload: body, sha: 'f'.repeat(40), runId: 42, serverUrl: 'https://ghes.example.com', repository: 'Codertocat/Hello-World' });

  test('a pull_request payload gives the PR number, head and base commits', () => {
    const event = readRunEvent(runner('pull_request', payload('pull_request', 'opened')));
    expect(event).toEqual({
      kind: 'pull-request', eventName: 'pull_request', repository: { owner: 'Codertocat', repo: 'Hello-World' }, number: 2,
      headSha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821', baseSha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e', changedFiles: 1, fromFork: false,
      defaultBranch: 'master',
    });
  });

  test('a head branch in another repository is a fork', () => {
    const body = payload('pull_request', 'synchronize') as { pull_request: { head: { repo: { full_name: string } } } };
    body.pull_request.head.repo.full_name = 'someone/Hello-World';
    expect(readRunEvent(runner('pull_request_target', body))).toMatchObject({ kind: 'pull-request', fromFork: true });
  });

  test('workflow_dispatch and schedule are audits of GITHUB_SHA', () => {
    expect(readRunEvent(runner('workflow_dispatch', payload('workflow_dispatch')))).toMatchObject({ kind: 'audit', sha: 'f'.repeat(40) });
    expect(readRunEvent(runner('schedule', {}))).toMatchObject({ kind: 'audit', eventName: 'schedule' });
  });

  test('a payload without the head commit is a clear error', () => {
    expect(() => readRunEvent(runner('pull_request', { number: 3, pull_request: { number: 3 } }))).toThrow(
      "pull_request event payload (GITHUB_EVENT_PATH): 'pull_request.head.sha' is missing",
    );
  });

  test('links go to the run\'s own server (GitHub Enterprise Server too), paths encoded for Markdown links', () => {
    const links = runLinks(runner('schedule', {}), { owner: 'o', repo: 'r' });
    expect(links.runUrl).toBe('https://ghes.example.com/o/r/actions/runs/42');
    expect(links.blobUrl('abc', 'src/a (1).py', 3, 5)).toBe('https://ghes.example.com/o/r/blob/abc/src/a%20%281%29.py#L3-L5');
  });
});

describe('scope', () => {
  const f = (path: string, line: number) => ({ path, line, endLine: line }) as Finding;
  const files = new Map([
    ['a.py', parseFilePatch('a.py', '@@ -1,2 +1,3 @@\n x\n+y\n z')],
    ['huge.py', undefined],
  ]);

  test('changed-lines: only added lines; a file whose patch GitHub omitted is reported whole', () => {
    expect(inScope(f('a.py', 2), 'changed-lines', files)).toBe(true);
    expect(inScope(f('a.py', 3), 'changed-lines', files)).toBe(false);
    expect(inScope(f('huge.py', 900), 'changed-lines', files)).toBe(true);
  });

  test('changed-files: any line of a changed file; all: anything', () => {
    expect(inScope(f('a.py', 3), 'changed-files', files)).toBe(true);
    expect(inScope(f('b.py', 1), 'changed-files', files)).toBe(false);
    expect(inScope(f('b.py', 1), 'all', files)).toBe(true);
  });
});

/**
 * The bundled Action (dist/index.js) run as a child process with a runner's environment against the GitHub API
 * emulator (__tests__/emulator): every request is checked against GitHub's OpenAPI description, the pull requests
 * are real git branches with real `git diff` patches. Build first: `npm run build`.
 *
 * Most of a run's time is Octokit's throttling (a second between writes, three between notifying ones, as GitHub
 * asks), so the tests run concurrently, each on its own pull request of one shared repository.
 */
import { Octokit } from '@octokit/rest';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fingerprintOf } from '../src/findings';
import {
  ACTIONS_BOT, CONTRIBUTOR, GitRepository, newestGhesSpec, pullRequestPayload, runAction, startEmulator, STEP_SUMMARY_LIMIT_BYTES,
  workflowDispatchPayload, type Account, type ActionRun, type FileChanges, type GitHubEmulator, type PullRequestRecord,
} from './emulator';
import { outsideFences } from './helpers/markdown';

const dedent = (text: string) => text.replace(/^\n/, '').replace(/^ {4}/gm, '');

/** RL101: a prompt for generation built without add_generation_prompt=True (line 2 of this snippet). */
const flaggedRollout = (name: string, comment = '') => dedent(`
    def ${name}(engine, tok, messages):
        prompt = tok.apply_chat_template(messages, tokenize=False)${comment}
        return engine.generate(prompt)
`);

const fixedRollout = (name: string) => dedent(`
    def ${name}(engine, tok, messages):
        prompt = tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
        return engine.generate(prompt)
`);

/** Filler that no rule flags, to put lines between a finding and a hunk. */
const filler = (count: number) => Array.from({ length: count }, (_, i) => `STEP_${i} = ${i}\n`).join('');

/** Text outside fenced code blocks and inline code: what GitHub renders as Markdown and HTML. */
function rendered(markdown: string): string {
  return outsideFences(markdown).replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
}

/** Generous: the machine may be busy, and a run waits out GitHub's pacing of writes. */
const TIMEOUT_MS = 120_000;

let gh: GitHubEmulator;
let git: GitRepository;
/** Runs whose temp directories (checkout, RUNNER_TEMP with the report files) are removed at the end. */
const runs: ActionRun[] = [];

beforeAll(async () => {
  git = await GitRepository.create({
    'README.md': '# an RL project\n',
    'train/__init__.py': '',
    // Unchanged by every PR: what `config-ref: base` reads.
    '.github/rl-review.yml': 'rules:\n  RL101: error\n',
  });
  gh = await startEmulator({ repository: git });
});

afterAll(async () => {
  // Any request GitHub's API would have rejected (shape, route, rules) fails the suite.
  expect(gh.violations).toEqual([]);
  for (const run of runs) run.remove();
  await gh.close();
  git.remove();
});

let gitQueue: Promise<unknown> = Promise.resolve();

/** The concurrent tests share one git work tree: branch switches and commits go one at a time. */
function withGit<T>(work: () => Promise<T>): Promise<T> {
  const done = gitQueue.then(work);
  gitQueue = done.catch(() => undefined);
  return done;
}

/** A branch off main with `changes`, and a PR from it. */
function openPullRequest(branch: string, changes: FileChanges, options: { fromFork?: boolean } = {}): Promise<PullRequestRecord> {
  return withGit(async () => {
    await git.branch(branch, 'main');
    await git.commit(changes, `Change ${branch}`);
    await git.switch('main');
    return gh.openPullRequest({ head: branch, ...options });
  });
}

function push(pull: PullRequestRecord, changes: FileChanges): Promise<{ before: string; after: string }> {
  return withGit(async () => {
    await git.switch(pull.head.ref);
    await git.commit(changes, 'Fix');
    await git.switch('main');
    return gh.synchronize(pull.number);
  });
}

async function review(pull: PullRequestRecord, options: { inputs?: Record<string, string>; token?: string; event?: 'pull_request' | 'pull_request_target'; push?: { before: string; after: string } } = {}): Promise<ActionRun> {
  const payload = await pullRequestPayload(gh, pull, options.push ? 'synchronize' : 'opened', options.push);
  const run = await runAction({ emulator: gh, eventName: options.event ?? 'pull_request', eventPayload: payload, inputs: options.inputs, token: options.token });
  runs.push(run);
  return run;
}

/** The REST client of another account (`CONTRIBUTOR`, the pull request's author, by default). */
const clientOf = (account: Account = CONTRIBUTOR) => new Octokit({ auth: gh.createToken('write', account), baseUrl: gh.url });
const repo = { owner: 'octo-org', repo: 'rl-project' };

/** The line RL101 flags in `flaggedRollout`, and the fingerprint rl-review gives it in `path`. */
const FLAGGED_LINE = '    prompt = tok.apply_chat_template(messages, tokenize=False)';
const flaggedFingerprint = (path: string) => fingerprintOf('RL101', path, FLAGGED_LINE);

const reviewCommentsOf = (pull: PullRequestRecord) => gh.state.reviewComments.filter((c) => c.pullNumber === pull.number);
const reviewsOf = (pull: PullRequestRecord) => gh.state.reviews.filter((r) => r.pullNumber === pull.number);
const summaryCommentsOf = (pull: PullRequestRecord) =>
  gh.state.issueComments.filter((c) => c.issueNumber === pull.number && c.body.startsWith('<!-- rl-review:summary -->'));
const checkRunsOf = (sha: string) => gh.state.checkRuns.filter((c) => c.headSha === sha);

/** Requests that create or edit a review, a comment or a summary of this PR. */
function writesTo(pull: PullRequestRecord): number {
  const commentIds = [...reviewCommentsOf(pull), ...summaryCommentsOf(pull)].map((c) => c.id);
  const ofThisPull = new RegExp(`/(pulls|issues)/(${pull.number}|comments/(${commentIds.join('|')}))(/|$)`);
  return gh.requests.filter((r) => ['POST', 'PATCH'].includes(r.method) && ofThisPull.test(r.path)).length;
}

describe('rl-review Action on pull requests', () => {
  test.concurrent('first run, re-run on the same sha, then a push that fixes one finding', async () => {
    const pull = await openPullRequest('lifecycle', {
      'train/rollout.py': flaggedRollout('rollout') + '\n' + flaggedRollout('sample'),
    });

    const first = await review(pull);
    expect(first.exitCode).toBe(1);
    expect(first.outputs).toMatchObject({ findings: '2', errors: '2', conclusion: 'failure' });
    expect(reviewsOf(pull)).toHaveLength(1);
    const comments = reviewCommentsOf(pull);
    expect(comments.map((c) => [c.path, c.line])).toEqual([['train/rollout.py', 2], ['train/rollout.py', 6]]);
    expect(comments[0].body).toMatch(/^<!-- rl-review:finding fingerprint=[0-9a-f]+ rule=RL101 name=missing-generation-prompt -->/);
    expect(comments[0].body).toContain('```suggestion\n    prompt = tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)\n```');
    expect(comments[0].body).toContain(`${gh.serverUrl}/rl-review/rl-review/blob/v1/docs/rules/missing-generation-prompt.md`);
    expect(summaryCommentsOf(pull)).toHaveLength(1);
    const [check] = checkRunsOf(pull.head.sha);
    expect(check).toMatchObject({ name: 'rl-review', status: 'completed', conclusion: 'failure' });
    // Both findings have an inline comment: an annotation would show each a second time on the diff.
    expect(check.annotations).toHaveLength(0);
    expect(first.summary).toContain('**Blocking the merge:**\n\n1. 🔴 error [RL101 missing-generation-prompt]');
    expect(JSON.parse(readFileSync(first.outputs['report-file'], 'utf8')).findings).toHaveLength(2);

    const writesBefore = writesTo(pull);
    const rerun = await review(pull);
    expect(rerun.outputs.findings).toBe('2');
    expect(writesTo(pull)).toBe(writesBefore);
    expect(reviewCommentsOf(pull)).toHaveLength(2);
    expect(summaryCommentsOf(pull)).toHaveLength(1);

    const pushed = await push(pull, { 'train/rollout.py': flaggedRollout('rollout') + '\n' + fixedRollout('sample') });
    const afterFix = await review(pull, { push: pushed });
    expect(afterFix.outputs.findings).toBe('1');
    expect(reviewsOf(pull)).toHaveLength(1);
    const [kept, fixed] = reviewCommentsOf(pull);
    expect(kept.body).not.toContain('Resolved');
    expect(fixed.body).toMatch(/^<!-- rl-review:finding .* resolved -->\n✅ \*\*Resolved\*\*/);
    expect(gh.state.reviewThreads.find((t) => t.commentIds.includes(fixed.id))?.isResolved).toBe(true);
    expect(gh.state.reviewThreads.find((t) => t.commentIds.includes(kept.id))?.isResolved).toBe(false);
    expect(summaryCommentsOf(pull)[0].body).toContain('Blocks merge** at `fail-on: error`: 1 error');
  }, TIMEOUT_MS);

  test.concurrent('a finding outside the diff goes to the summary, never to a 422', async () => {
    await withGit(() => git.commit({ 'train/agent.py': flaggedRollout('act') + filler(30) }, 'Agent'));
    const pull = await openPullRequest('outside', { 'train/agent.py': flaggedRollout('act') + filler(30) + 'LAST = 1\n' });

    const run = await review(pull, { inputs: { scope: 'changed-files' } });
    expect(run.outputs.findings).toBe('1');
    expect(reviewCommentsOf(pull)).toEqual([]);
    expect(gh.requests.filter((r) => r.status === 422 && r.path.includes(`/pulls/${pull.number}/`))).toEqual([]);
    const [summary] = summaryCommentsOf(pull);
    expect(summary.body).toContain('<summary><b>Outside the diff</b>');
    expect(summary.body).toContain(`[train/agent.py:2](${gh.serverUrl}/octo-org/rl-project/blob/${pull.head.sha}/train/agent.py#L2)`);
  }, TIMEOUT_MS);

  test.concurrent('a fork PR: read-only token (403) falls back to annotations and the job summary; pull_request_target reads the PR as data; the PR cannot switch its rule off', async () => {
    const pull = await openPullRequest('from-fork', {
      'train/fork_rollout.py': flaggedRollout('rollout'),
      '.github/rl-review.yml': 'rules:\n  RL101: off\n',
    }, { fromFork: true });

    const run = await review(pull, { token: gh.createToken('read'), inputs: { 'fail-on': 'never' } });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ findings: '1', conclusion: 'success' });
    expect(run.stdout).toContain('The token cannot write to this repository');
    expect(run.annotations).toContainEqual(expect.objectContaining({
      command: 'error', properties: expect.objectContaining({ file: 'train/fork_rollout.py', line: '2', title: 'RL101 missing-generation-prompt' }),
    }));
    expect(run.summary).toContain('train/fork\\_rollout.py:2');
    expect(run.summary).toContain('The PR review was not posted: this pull request comes from a fork');
    expect(reviewsOf(pull)).toEqual([]);
    expect(checkRunsOf(pull.head.sha)).toEqual([]);
    expect(gh.requests.some((r) => r.status === 403)).toBe(true);

    // The safe setup for comments on fork PRs: pull_request_target checks out the base; the PR's files are data from the API.
    const target = await review(pull, { event: 'pull_request_target' });
    expect(target.outputs.findings).toBe('1');
    expect(reviewCommentsOf(pull).map((c) => c.path)).toEqual(['train/fork_rollout.py']);
    expect(existsSync(`${target.workspace}/train/fork_rollout.py`)).toBe(false);
    expect(gh.requests.some((r) => r.path.includes('/git/blobs/'))).toBe(true);
  }, TIMEOUT_MS);

  test.concurrent('a huge PR: 320 files, 25 inline comments, the other 295 as annotations in batches of 50 and in the review body', async () => {
    const files = Object.fromEntries(Array.from({ length: 320 }, (_, i) => [`workers/w${String(i).padStart(3, '0')}.py`, flaggedRollout(`rollout_${i}`)]));
    const pull = await openPullRequest('huge', files);

    const run = await review(pull);
    expect(run.outputs.findings).toBe('320');
    const [check] = checkRunsOf(pull.head.sha);
    expect(check.annotations).toHaveLength(295);
    const commented = new Set(reviewCommentsOf(pull).map((c) => c.path));
    expect(check.annotations.some((a: { path: string }) => commented.has(a.path))).toBe(false);
    expect(check.conclusion).toBe('failure');
    expect(reviewCommentsOf(pull)).toHaveLength(25);
    const [posted] = reviewsOf(pull);
    expect(posted.body).toContain('295 more are over `max-comments: 25`');
    const [summary] = summaryCommentsOf(pull);
    expect(summary.body.length).toBeLessThanOrEqual(65_536);
    expect(Buffer.byteLength(run.summary)).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT_BYTES);
  }, TIMEOUT_MS);

  test.concurrent('Markdown injection in file contents and paths stays inert', async () => {
    const hostile = '  # ``` </details> <img src=x onerror=alert(1)> @octocat #1 <!-- rl-review:summary -->';
    const path = 'train/@octocat <b>x</b>.py';
    const pull = await openPullRequest('injection', { [path]: flaggedRollout('rollout', hostile) });

    const run = await review(pull);
    expect(run.outputs.findings).toBe('1');
    const [comment] = reviewCommentsOf(pull);
    expect(comment.path).toBe(path);
    // The suggestion keeps the line verbatim inside a fence longer than its backtick run.
    expect(comment.body).toContain(`\`\`\`\`suggestion\n    prompt = tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)${hostile}\n\`\`\`\``);
    const [summary] = summaryCommentsOf(pull);
    for (const body of [comment.body, summary.body, reviewsOf(pull)[0].body]) {
      const html = rendered(body);
      expect(html).not.toMatch(/<img\b/);
      // Only rl-review's own collapsed sections: every <details> closed, no other <b>.
      expect(html.match(/<\/details>/g)?.length ?? 0).toBe(html.match(/<details[ >]/g)?.length ?? 0);
      expect(html.replace(/<summary><b>[\w ,()-]+<\/b>/g, '')).not.toMatch(/<b\b/);
      expect(rendered(body)).not.toMatch(/@octocat/);
    }
    expect(summary.body).toContain('&lt;b&gt;x&lt;/b&gt;');
  }, TIMEOUT_MS);

  test.concurrent('a 502 and a secondary rate limit are retried; a 422 on one comment is bisected away', async () => {
    const pull = await openPullRequest('faults', {
      'train/a.py': flaggedRollout('rollout'),
      'train/b.py': flaggedRollout('rollout'),
      'train/c.py': flaggedRollout('rollout'),
    });
    const forThisPull = (request: { parameters: Record<string, unknown> }) =>
      request.parameters.pull_number === pull.number || request.parameters.issue_number === pull.number;
    const badGateway = gh.injectFault({ operation: 'pulls/list-files', kind: 'bad-gateway', when: forThisPull });
    const rateLimit = gh.injectFault({ operation: 'issues/create-comment', kind: 'secondary-rate-limit', retryAfterSeconds: 1, when: forThisPull });
    const rejected = gh.injectFault({
      operation: 'pulls/create-review',
      kind: 'review-comment-rejected',
      times: Infinity,
      when: (request) => forThisPull(request) && (request.body as { comments: { path: string }[] }).comments.some((c) => c.path === 'train/c.py'),
    });

    const run = await review(pull);
    expect([badGateway.fired, rateLimit.fired]).toEqual([1, 1]);
    // [a, b, c] is rejected; pending reviews find that [a, b] is accepted and [c] is not; [a, b] is posted.
    expect(rejected.fired).toBe(2);
    expect(reviewCommentsOf(pull).map((c) => c.path).sort()).toEqual(['train/a.py', 'train/b.py']);
    // One review per push, as the README promises: the pending reviews that found the rejected comment are gone.
    expect(reviewsOf(pull).map((r) => r.state)).toEqual(['COMMENTED']);
    expect(reviewsOf(pull)[0].body).toContain('2 new findings on the diff');
    const [summary] = summaryCommentsOf(pull);
    expect(summary.body).toMatch(/`train\/c.py:2` RL101: GitHub rejected the comment/);
    expect(run.outputs.findings).toBe('3');
  }, TIMEOUT_MS);
});

describe("only rl-review's own comments count: a hidden marker proves nothing, the author does", () => {
  test.concurrent("another user's comment starting with the summary marker is left alone; rl-review posts and edits its own", async () => {
    const pull = await openPullRequest('forged-summary', { 'train/forged_summary.py': flaggedRollout('rollout') });
    const forgedBody = '<!-- rl-review:summary -->\n## rl-review\n\n✅ passes';
    const forged = gh.state.addIssueComment(pull.number, forgedBody, CONTRIBUTOR);

    await review(pull);
    expect(forged.body).toBe(forgedBody);
    const ours = summaryCommentsOf(pull).filter((c) => c.author.login === ACTIONS_BOT.login);
    expect(ours).toHaveLength(1);
    expect(ours[0].body).toContain('Blocks merge** at `fail-on: error`: 1 error');

    // Fixed: the bot's own summary says so; the forged one still says what its author wrote.
    const pushed = await push(pull, { 'train/forged_summary.py': fixedRollout('rollout') });
    await review(pull, { push: pushed });
    expect(forged.body).toBe(forgedBody);
    expect(summaryCommentsOf(pull).filter((c) => c.author.login === ACTIONS_BOT.login)).toEqual([ours[0]]);
    expect(ours[0].body).toContain('Passes** at `fail-on: error`: 0 errors');
  }, TIMEOUT_MS);

  test.concurrent("a review comment by the pull request's author carrying a finding's fingerprint does not stop rl-review from posting it", async () => {
    const path = 'train/fingerprint_copy.py';
    const pull = await openPullRequest('fingerprint-copy', { [path]: flaggedRollout('rollout') });
    const marker = `<!-- rl-review:finding fingerprint=${flaggedFingerprint(path)} rule=RL101 name=missing-generation-prompt -->`;
    await clientOf().rest.pulls.createReview({
      ...repo, pull_number: pull.number, event: 'COMMENT', body: 'looks fine', comments: [{ path, line: 2, body: `${marker}\nNothing to see here.` }],
    });

    await review(pull);
    const byAuthor = (account: Account) => reviewCommentsOf(pull).filter((c) => c.author.login === account.login);
    expect(byAuthor(ACTIONS_BOT).map((c) => [c.path, c.line])).toEqual([[path, 2]]);
    expect(byAuthor(ACTIONS_BOT)[0].body).toContain('missing-generation-prompt');
    expect(byAuthor(CONTRIBUTOR)[0].body).toBe(`${marker}\nNothing to see here.`);
  }, TIMEOUT_MS);

  test.concurrent("a forged marker does not make rl-review rewrite someone else's comment to Resolved or resolve its thread", async () => {
    const path = 'train/forged_marker.py';
    const pull = await openPullRequest('forged-marker', { [path]: fixedRollout('rollout') });
    // Any fingerprint: this run reports nothing in this file, so a comment of rl-review's here would be resolved.
    const body = '<!-- rl-review:finding fingerprint=0123abcd rule=RL101 name=missing-generation-prompt -->\nPlease keep this open.';
    await clientOf().rest.pulls.createReview({ ...repo, pull_number: pull.number, event: 'COMMENT', body: 'x', comments: [{ path, line: 2, body }] });
    const [forged] = reviewCommentsOf(pull);

    const run = await review(pull);
    expect(run.outputs.findings).toBe('0');
    expect(forged.body).toBe(body);
    expect(gh.state.reviewThreads.find((t) => t.commentIds.includes(forged.id))?.isResolved).toBe(false);
    expect(run.stdout).toContain('0 marked resolved');
  }, TIMEOUT_MS);
});

describe("when the token's account cannot be learned, nothing is edited", () => {
  test.concurrent('the review and the summary comment are not posted; the check run and the job summary carry the findings', async () => {
    const pull = await openPullRequest('no-identity', { 'train/no_identity.py': flaggedRollout('rollout') });
    const summaryBody = '<!-- rl-review:summary -->\nwritten by rl-review in an earlier run';
    // An app token of its own, so that only this test's runs meet the fault.
    const app: Account = { login: 'lost-app[bot]', id: 9100, type: 'Bot' };
    const earlier = gh.state.addIssueComment(pull.number, summaryBody, app);
    gh.injectFault({ operation: 'graphql', kind: 'read-only-token', times: Infinity, when: ({ actor, body }) => actor === app.login && /viewer/.test(String((body as { query?: string }).query)) });

    const run = await review(pull, { token: gh.createToken('write', app) });
    expect(run.outputs.findings).toBe('1');
    expect(reviewCommentsOf(pull)).toEqual([]);
    expect(earlier.body).toBe(summaryBody);
    expect(run.stdout).toContain("cannot tell which comments are rl-review's: GitHub did not say whose the token is");
    expect(checkRunsOf(pull.head.sha)[0].conclusion).toBe('failure');
    expect(run.summary).toContain('train/no\\_identity.py:2');
  }, TIMEOUT_MS);
});

describe('rl-review Action audits', () => {
  test.concurrent('workflow_dispatch: the whole repository to the job summary, valid SARIF 2.1.0 and one audit issue; no PR calls', async () => {
    await withGit(() => git.commit({ 'train/audit_target.py': flaggedRollout('rollout') }, 'Audit target'));
    // Its own account, to tell its requests from those of the PR tests running beside it.
    const token = gh.createToken('write', { login: 'auditor[bot]', id: 9001, type: 'Bot' });
    const audit = async () => {
      const run = await runAction({ emulator: gh, eventName: 'workflow_dispatch', eventPayload: workflowDispatchPayload(gh), inputs: { 'audit-issue': 'true' }, token });
      runs.push(run);
      return run;
    };

    const run = await audit();
    expect(run.exitCode).toBe(1);
    expect(Number(run.outputs.findings)).toBeGreaterThanOrEqual(1);
    expect(run.summary).toContain('train/audit\\_target.py:2');
    const sarif = JSON.parse(readFileSync(run.outputs['sarif-file'], 'utf8'));
    const schema = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
    expect(sarif.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation.uri))
      .toContain('train/audit_target.py');
    await audit();
    const issues = [...gh.state.issues.values()].filter((i) => i.title === 'rl-review audit' && i.author.login === 'auditor[bot]');
    expect(issues).toHaveLength(1);
    expect(issues[0].body).toContain('train/audit\\_target.py:2');
    const auditRequests = gh.requests.filter((r) => r.actor === 'auditor[bot]');
    expect(auditRequests.length).toBeGreaterThan(0);
    expect(auditRequests.filter((r) => r.path.includes('/pulls'))).toEqual([]);
    expect(existsSync(run.outputs['report-file'])).toBe(true);
  }, TIMEOUT_MS);
});

describe('rl-review Action audit issue', () => {
  test.concurrent("one issue for good: closed when clean, reopened when findings return; a newer look-alike opened by someone else is never touched", async () => {
    await withGit(() => git.commit({ 'train/audit_issue_target.py': flaggedRollout('rollout') }, 'Audit issue target'));
    // A personal access token: the issue is the user's, found by its author like a bot's.
    const maintainer: Account = { login: 'Release-Manager', id: 7001, type: 'User' };
    const token = gh.createToken('write', maintainer);
    const audit = async (paths: string) => {
      const run = await runAction({ emulator: gh, eventName: 'workflow_dispatch', eventPayload: workflowDispatchPayload(gh), inputs: { 'audit-issue': 'true', paths }, token });
      runs.push(run);
      return run;
    };
    const issuesBy = (account: Account) => [...gh.state.issues.values()].filter((i) => i.title === 'rl-review audit' && i.author.login === account.login);

    await audit('train/audit_issue_target.py');
    const [ours] = issuesBy(maintainer);
    expect(ours.state).toBe('open');

    const forgedBody = '<!-- rl-review:audit -->\n## rl-review\n\nAll clear: nothing to fix here.';
    await clientOf().rest.issues.create({ ...repo, title: 'rl-review audit', body: forgedBody });
    const [forged] = issuesBy(CONTRIBUTOR);

    const clean = await audit('train/__init__.py');
    expect(clean.stdout).toContain('audit issue closed');
    expect(ours.state).toBe('closed');
    expect([forged.state, forged.body]).toEqual(['open', forgedBody]);

    const again = await audit('train/audit_issue_target.py');
    expect(again.stdout).toContain('audit issue reopened');
    expect(issuesBy(maintainer)).toEqual([ours]);
    expect(ours.state).toBe('open');
    expect(ours.body).toContain('audit\\_issue\\_target.py:2');
    expect([forged.state, forged.body]).toEqual(['open', forgedBody]);
    // Looked up among the issues the token's account opened, not by paging through all of them.
    const lookups = gh.requests.filter((r) => r.actor === maintainer.login && r.operationId === 'issues/list-for-repo');
    expect(lookups.length).toBeGreaterThan(0);
    expect(lookups.every((r) => new URL(r.path, gh.url).searchParams.get('creator') === maintainer.login)).toBe(true);
  }, TIMEOUT_MS);
});

describe('rl-review Action on GitHub Enterprise Server', () => {
  test.concurrent('a PR review through GITHUB_API_URL=/api/v3, links on the server, checked against the GHES description', async () => {
    const repository = await GitRepository.create({ 'README.md': '# ghes\n' });
    await repository.branch('feature');
    await repository.commit({ 'rollout.py': flaggedRollout('rollout') }, 'Rollout');
    const ghes = await startEmulator({ repository, spec: newestGhesSpec() });
    try {
      const pull = await ghes.openPullRequest({ head: 'feature' });
      const run = await runAction({ emulator: ghes, eventName: 'pull_request', eventPayload: await pullRequestPayload(ghes, pull) });
      runs.push(run);
      expect(ghes.violations).toEqual([]);
      expect(ghes.url).toMatch(/\/api\/v3$/);
      expect(run.outputs.findings).toBe('1');
      expect(ghes.state.reviewComments).toHaveLength(1);
      expect(ghes.state.checkRuns[0].conclusion).toBe('failure');
      const summary = ghes.state.issueComments[0].body;
      expect(summary).toContain(`${ghes.serverUrl}/octo-org/rl-project/blob/${pull.head.sha}/rollout.py#L2`);
      expect(summary).not.toContain('https://github.com');
    } finally {
      await ghes.close();
      repository.remove();
    }
  }, TIMEOUT_MS);
});

// The emulator itself, driven by the real Octokit client: GitHub's contract (OpenAPI), GitHub's rules, faults,
// GraphQL, a GHES description, and the runner harness.
import { Octokit } from '@octokit/rest';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CONTRIBUTOR,
  GitRepository,
  MAX_LISTED_FILES,
  newestGhesSpec,
  OpenApiContract,
  pullRequestPayload,
  runAction,
  startEmulator,
  type GitHubEmulator,
  type PullRequestRecord,
  type Violation,
} from './index';

const lines = (count: number, line: (n: number) => string): string =>
  Array.from({ length: count }, (_, index) => `${line(index + 1)}\n`).join('');

const BASE_TRAIN = lines(20, (n) => `step_${n} = ${n}`);
// Line 10 changed; two lines added after line 18: two hunks, @@ -7,7 +7,7 @@ and @@ -16,5 +16,7 @@.
const HEAD_TRAIN = BASE_TRAIN.replace('step_10 = 10\n', 'step_10 = 100\n').replace('step_18 = 18\n', 'step_18 = 18\nextra_a = 1\nextra_b = 2\n');

/** A repository with a base commit on main and a `feature` branch changing it. */
async function trainingRepository(): Promise<GitRepository> {
  const git = await GitRepository.create({
    'train.py': BASE_TRAIN,
    'README.md': '# project\n',
    '.github/rl-review.yml': 'fail-on: warning\n',
  });
  await git.branch('feature');
  await git.commit(
    { 'train.py': HEAD_TRAIN, 'reward.py': 'def reward(answer):\n    return 1.0\n', 'README.md': null, '.github/rl-review.yml': 'fail-on: never\n' },
    'Change training',
  );
  return git;
}

/** The real client, quiet: the tests assert on the errors it throws. */
function client(gh: GitHubEmulator, token = gh.token): Octokit {
  const quiet = (): void => undefined;
  return new Octokit({ auth: token, baseUrl: gh.url, log: { debug: quiet, info: quiet, warn: quiet, error: quiet } });
}

const repo = { owner: 'octo-org', repo: 'rl-project' };

/** Takes the violations recorded so far (so the next check starts clean). */
function takeViolations(gh: GitHubEmulator): Violation[] {
  return gh.violations.splice(0);
}

/** What Octokit throws for an error response. */
interface RequestFailure {
  status: number;
  response: { data: Record<string, unknown>; headers: Record<string, string> };
}

async function rejection<Failure = RequestFailure>(promise: Promise<unknown>): Promise<Failure> {
  try {
    await promise;
  } catch (error) {
    return error as Failure;
  }
  throw new Error('expected the request to fail');
}

describe('GitHub API emulator', () => {
  const contract = OpenApiContract.load('api.github.com');
  let git: GitRepository;
  let gh: GitHubEmulator;
  let pull: PullRequestRecord;
  const octokit = (token?: string): Octokit => client(gh, token);

  beforeAll(async () => {
    git = await trainingRepository();
  });

  afterAll(() => git.remove());

  beforeEach(async () => {
    gh = await startEmulator({ repository: git });
    pull = await gh.openPullRequest({ head: 'feature', title: 'Tune training' });
  });

  afterEach(async () => {
    expect(gh.violations).toEqual([]);
    await gh.close();
  });

  test('serves the pull request with its real shas, shaped as the OpenAPI description says', async () => {
    const { data } = await octokit().rest.pulls.get({ ...repo, pull_number: pull.number });
    expect(data.head.sha).toBe(await git.revParse('feature'));
    expect(data.base.sha).toBe(await git.revParse('main'));
    expect(data).toMatchObject({ number: pull.number, changed_files: 4, additions: 6, deletions: 3, commits: 1, mergeable: true });
    expect(contract.checkResponse('pulls/get', 200, data)).toEqual([]);
  });

  test("lists the files with git's patches, as GitHub's diff entries", async () => {
    const { data: files } = await octokit().rest.pulls.listFiles({ ...repo, pull_number: pull.number });
    expect(contract.checkResponse('pulls/list-files', 200, files)).toEqual([]);
    expect(files.map((file) => [file.filename, file.status, file.additions, file.deletions])).toEqual([
      ['.github/rl-review.yml', 'modified', 1, 1],
      ['README.md', 'removed', 0, 1],
      ['reward.py', 'added', 2, 0],
      ['train.py', 'modified', 3, 1],
    ]);
    expect(files.find((file) => file.filename === 'train.py')?.patch).toBe(
      [
        '@@ -7,7 +7,7 @@ step_6 = 6',
        ' step_7 = 7',
        ' step_8 = 8',
        ' step_9 = 9',
        '-step_10 = 10',
        '+step_10 = 100',
        ' step_11 = 11',
        ' step_12 = 12',
        ' step_13 = 13',
        '@@ -16,5 +16,7 @@ step_15 = 15',
        ' step_16 = 16',
        ' step_17 = 17',
        ' step_18 = 18',
        '+extra_a = 1',
        '+extra_b = 2',
        ' step_19 = 19',
        ' step_20 = 20',
      ].join('\n'),
    );
  });

  test('accepts a review whose comments sit on diff lines, single- and multi-line', async () => {
    const { data: review } = await octokit().rest.pulls.createReview({
      ...repo,
      pull_number: pull.number,
      commit_id: pull.head.sha,
      event: 'COMMENT',
      body: 'rl-review found 2 problems',
      comments: [
        { path: 'train.py', line: 10, side: 'RIGHT', body: 'RL101: changed line' },
        { path: 'train.py', start_line: 19, line: 20, side: 'RIGHT', start_side: 'RIGHT', body: 'RL102: added lines' },
      ],
    });
    expect(contract.checkResponse('pulls/create-review', 200, review)).toEqual([]);
    expect(review).toMatchObject({ state: 'COMMENTED', commit_id: pull.head.sha, user: { login: 'github-actions[bot]' } });

    const { data: comments } = await octokit().rest.pulls.listReviewComments({ ...repo, pull_number: pull.number });
    expect(contract.checkResponse('pulls/list-review-comments', 200, comments)).toEqual([]);
    expect(comments.map((comment) => [comment.path, comment.start_line, comment.line, comment.position])).toEqual([
      ['train.py', null, 10, 5],
      ['train.py', 19, 20, 14],
    ]);
    expect(comments[0].diff_hunk).toBe('@@ -7,7 +7,7 @@ step_6 = 6\n step_7 = 7\n step_8 = 8\n step_9 = 9\n-step_10 = 10\n+step_10 = 100');
    expect(gh.state.reviewThreads).toHaveLength(2);
  });

  test("rejects a review with a comment outside the diff as GitHub does (422, not saying which comment), creating nothing", async () => {
    const error = await rejection(
      octokit().rest.pulls.createReview({
        ...repo,
        pull_number: pull.number,
        event: 'COMMENT',
        body: 'two findings',
        comments: [
          { path: 'train.py', line: 10, body: 'in the diff' },
          { path: 'train.py', line: 1, body: 'outside every hunk' },
        ],
      }),
    );
    expect(error.status).toBe(422);
    expect(error.response.data).toMatchObject({
      message: 'Unprocessable Entity',
      errors: ["Pull request review thread line must be part of the diff and Pull request review thread diff hunk can't be blank"],
    });
    expect(gh.state.reviews).toEqual([]);
    expect(gh.state.reviewComments).toEqual([]);
  });

  test('rejects a multi-line comment spanning two hunks, and one whose start does not precede its line', async () => {
    const review = (start_line: number, line: number): Promise<unknown> =>
      octokit().rest.pulls.createReview({ ...repo, pull_number: pull.number, event: 'COMMENT', body: 'x', comments: [{ path: 'train.py', start_line, line, body: 'x' }] });
    expect((await rejection(review(12, 19))).response.data.errors).toEqual(['Pull request review thread start line must be part of the same hunk as the line.']);
    expect((await rejection(review(10, 10))).response.data.errors).toEqual(['Pull request review thread start line must precede the end line.']);
  });

  test('answers a body that breaks the OpenAPI schema with 422 and records a contract violation', async () => {
    // Octokit's types refuse this body; a client without them sends it all the same.
    const comments = JSON.parse('[{ "path": "train.py", "line": "10", "body": "a string is not a line number" }]');
    const error = await rejection(octokit().rest.pulls.createReview({ ...repo, pull_number: pull.number, event: 'COMMENT', body: 'x', comments }));
    expect(error.status).toBe(422);
    expect(String(error.response.data.message)).toMatch(/^Invalid request\./);
    expect(takeViolations(gh)).toEqual([
      expect.objectContaining({ kind: 'invalid-body', operationId: 'pulls/create-review', problems: ['body/comments/0/line must be integer'] }),
    ]);
  });

  test('answers a route or method GitHub does not have with 404 and records it', async () => {
    expect((await rejection(octokit().request('GET /repos/{owner}/{repo}/pulls/1/reviewers', repo))).status).toBe(404);
    expect((await rejection(octokit().request('DELETE /repos/{owner}/{repo}/pulls/1', repo))).status).toBe(404);
    expect((await rejection(octokit().request('GET /repos/{owner}/{repo}/pulls/latest', repo))).status).toBe(404);
    expect(takeViolations(gh).map((violation) => [violation.kind, violation.problems])).toEqual([
      ['unknown-route', ['no path of api.github.com matches']],
      ['unknown-route', ['/repos/{owner}/{repo}/pulls/{pull_number} has no DELETE']],
      ['unknown-route', ['parameter/pull_number must be integer']],
    ]);
  });

  test('refuses bodies over 65,536 characters with the error GitHub gives', async () => {
    const error = await rejection(octokit().rest.issues.createComment({ ...repo, issue_number: pull.number, body: 'x'.repeat(65_537) }));
    expect(error.status).toBe(422);
    expect(error.response.data.errors).toEqual([
      { resource: 'IssueComment', code: 'unprocessable', field: 'data', message: 'Body is too long (maximum is 65536 characters)' },
    ]);
    await octokit().rest.issues.createComment({ ...repo, issue_number: pull.number, body: 'x'.repeat(65_536) });
  });

  test("a read-only token (a fork's) reads but gets 403 on writes", async () => {
    const readOnly = gh.createToken('read');
    await octokit(readOnly).rest.pulls.listFiles({ ...repo, pull_number: pull.number });
    const error = await rejection(octokit(readOnly).rest.issues.createComment({ ...repo, issue_number: pull.number, body: 'summary' }));
    expect(error.status).toBe(403);
    expect(error.response.data.message).toBe('Resource not accessible by integration');
    expect(gh.state.issueComments).toEqual([]);
  });

  test("a workflow's permissions block limits the token per scope", async () => {
    const token = gh.createToken({ contents: 'read', 'pull-requests': 'write' });
    await octokit(token).rest.issues.createComment({ ...repo, issue_number: pull.number, body: 'pull-requests: write covers PR comments' });
    const error = await rejection(octokit(token).rest.checks.create({ ...repo, name: 'rl-review', head_sha: pull.head.sha }));
    expect(error.status).toBe(403);
  });

  test('takes at most 50 annotations per check-run request, and appends them across updates', async () => {
    const annotations = (count: number) =>
      Array.from({ length: count }, (_, index) => ({ path: 'train.py', start_line: index + 1, end_line: index + 1, annotation_level: 'warning' as const, message: `finding ${index}` }));
    const error = await rejection(
      octokit().rest.checks.create({ ...repo, name: 'rl-review', head_sha: pull.head.sha, output: { title: 'rl-review', summary: 's', annotations: annotations(51) } }),
    );
    expect(error.status).toBe(422);
    expect(takeViolations(gh)).toEqual([expect.objectContaining({ kind: 'invalid-body', problems: ['body/output/annotations must NOT have more than 50 items'] })]);

    const { data: run } = await octokit().rest.checks.create({
      ...repo,
      name: 'rl-review',
      head_sha: pull.head.sha,
      status: 'in_progress',
      output: { title: 'rl-review', summary: 'first batch', annotations: annotations(50) },
    });
    expect(contract.checkResponse('checks/create', 201, run)).toEqual([]);
    expect(run.pull_requests.map((linked) => linked.number)).toEqual([pull.number]);
    await octokit().rest.checks.update({ ...repo, check_run_id: run.id, conclusion: 'failure', output: { title: 'rl-review', summary: 'done', annotations: annotations(3) } });
    expect(gh.state.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure', output: { summary: 'done' } });
    expect(gh.state.checkRuns[0].annotations).toHaveLength(53);
  });

  test('faults: a 502, a secondary rate limit with retry-after, a read-only token, each for as many requests as asked', async () => {
    const badGateway = gh.injectFault({ operation: 'pulls/get', kind: 'bad-gateway' });
    expect((await rejection(octokit().rest.pulls.get({ ...repo, pull_number: pull.number }))).status).toBe(502);
    await octokit().rest.pulls.get({ ...repo, pull_number: pull.number });
    expect(badGateway.fired).toBe(1);

    gh.injectFault({ operation: 'issues/create-comment', kind: 'secondary-rate-limit', retryAfterSeconds: 2 });
    const limited = await rejection(octokit().rest.issues.createComment({ ...repo, issue_number: pull.number, body: 'summary' }));
    expect(limited.status).toBe(403);
    expect(limited.response.headers['retry-after']).toBe('2');
    expect(String(limited.response.data.message)).toMatch(/^You have exceeded a secondary rate limit/);

    gh.injectFault({ operation: 'checks/create', kind: 'read-only-token', times: Infinity });
    for (let attempt = 0; attempt < 2; attempt++) {
      const forbidden = await rejection(octokit().rest.checks.create({ ...repo, name: 'rl-review', head_sha: pull.head.sha }));
      expect(forbidden.response.data.message).toBe('Resource not accessible by integration');
    }
  });

  test('a rejected-review fault fails only the reviews it matches, to exercise the retry-by-halves path', async () => {
    gh.injectFault({
      operation: 'pulls/create-review',
      kind: 'review-comment-rejected',
      times: Infinity,
      when: ({ body }) => (body as { comments?: { path: string }[] }).comments?.some((comment) => comment.path === 'reward.py') ?? false,
    });
    const review = (path: string, line: number) => octokit().rest.pulls.createReview({ ...repo, pull_number: pull.number, event: 'COMMENT', body: 'x', comments: [{ path, line, body: 'x' }] });
    expect((await rejection(review('reward.py', 1))).status).toBe(422);
    await review('train.py', 10);
    expect(gh.state.reviews).toHaveLength(1);
  });

  test('GraphQL: lists review threads and resolves one; an unknown field is an error and a violation', async () => {
    await octokit().rest.pulls.createReview({ ...repo, pull_number: pull.number, event: 'COMMENT', body: 'x', comments: [{ path: 'train.py', line: 10, body: 'RL101' }] });
    const query = `query($owner: String!, $name: String!, $number: Int!) {
      repository(owner: $owner, name: $name) {
        pullRequest(number: $number) {
          reviewThreads(first: 100) {
            nodes { id isResolved isOutdated path line comments(first: 1) { nodes { databaseId body author { login } } } }
            pageInfo { hasNextPage endCursor }
          }
        }
      }
    }`;
    type Threads = { repository: { pullRequest: { reviewThreads: { nodes: { id: string; isResolved: boolean; comments: { nodes: { body: string }[] } }[] } } } };
    const listed = await octokit().graphql<Threads>(query, { owner: 'octo-org', name: 'rl-project', number: pull.number });
    const [thread] = listed.repository.pullRequest.reviewThreads.nodes;
    // GraphQL names a bot author by its app's slug, without REST's `[bot]`.
    expect(thread).toMatchObject({ isResolved: false, isOutdated: false, path: 'train.py', line: 10, comments: { nodes: [{ body: 'RL101', author: { login: 'github-actions' } }] } });

    await octokit().graphql('mutation($id: ID!) { resolveReviewThread(input: { threadId: $id }) { thread { isResolved } } }', { id: thread.id });
    expect(gh.state.reviewThreads[0].isResolved).toBe(true);

    const error = await rejection<{ errors: { message: string }[] }>(
      octokit().graphql('query { repository(owner: "octo-org", name: "rl-project") { pullRequest(number: 1) { threads { id } } } }'),
    );
    expect(error.errors[0].message).toBe("Field 'threads' doesn't exist on type 'PullRequest'");
    expect(takeViolations(gh).map((violation) => violation.kind)).toEqual(['invalid-graphql']);
  });

  test("GraphQL viewer: any token learns whose it is, as REST's `user.login` shows that account", async () => {
    type Viewer = { viewer: { login: string; databaseId: number } };
    const query = 'query { viewer { login databaseId } }';
    expect(await octokit().graphql<Viewer>(query)).toEqual({ viewer: { login: 'github-actions[bot]', databaseId: 41898282 } });
    // A personal access token is its user's; a token without any permission may still ask.
    const pat = gh.createToken({}, CONTRIBUTOR);
    expect(await octokit(pat).graphql<Viewer>(query)).toEqual({ viewer: { login: CONTRIBUTOR.login, databaseId: CONTRIBUTOR.id } });
    const threads = 'query { repository(owner: "octo-org", name: "rl-project") { pullRequest(number: 1) { id } } }';
    const error = await rejection<{ errors: { type: string; message: string }[] }>(octokit(pat).graphql(threads));
    expect(error.errors[0]).toMatchObject({ type: 'FORBIDDEN', message: 'Resource not accessible by integration' });
    expect(takeViolations(gh)).toEqual([]);
  });

  test('a pending review is seen by its author only and can be deleted; a submitted one cannot', async () => {
    const { data: pending } = await octokit().rest.pulls.createReview({ ...repo, pull_number: pull.number, comments: [{ path: 'train.py', line: 10, body: 'draft' }] });
    expect(pending.state).toBe('PENDING');
    expect(contract.checkResponse('pulls/create-review', 200, pending)).toEqual([]);
    const other = gh.createToken('write', CONTRIBUTOR);
    expect((await octokit(other).rest.pulls.listReviewComments({ ...repo, pull_number: pull.number })).data).toEqual([]);
    expect((await rejection(octokit(other).rest.pulls.deletePendingReview({ ...repo, pull_number: pull.number, review_id: pending.id }))).status).toBe(404);
    const { data: deleted } = await octokit().rest.pulls.deletePendingReview({ ...repo, pull_number: pull.number, review_id: pending.id });
    expect(contract.checkResponse('pulls/delete-pending-review', 200, deleted)).toEqual([]);
    expect([gh.state.reviews, gh.state.reviewComments, gh.state.reviewThreads]).toEqual([[], [], []]);

    const { data: submitted } = await octokit().rest.pulls.createReview({ ...repo, pull_number: pull.number, event: 'COMMENT', body: 'x' });
    expect((await rejection(octokit().rest.pulls.deletePendingReview({ ...repo, pull_number: pull.number, review_id: submitted.id }))).status).toBe(422);
  });

  test('after a push, a comment on an untouched line follows it and one on a changed line becomes outdated', async () => {
    await git.branch('pushed', 'feature');
    const pushed = await gh.openPullRequest({ head: 'pushed' });
    await octokit().rest.pulls.createReview({
      ...repo,
      pull_number: pushed.number,
      event: 'COMMENT',
      body: 'x',
      comments: [
        { path: 'train.py', line: 10, body: 'on the changed line' },
        { path: 'train.py', line: 19, body: 'on an added line' },
      ],
    });
    await git.commit({ 'train.py': `# header\n${HEAD_TRAIN.replace('step_10 = 100', 'step_10 = 1000')}` }, 'Fix step 10');
    const { before, after } = await gh.synchronize(pushed.number);
    expect(before).not.toBe(after);
    const { data: comments } = await octokit().rest.pulls.listReviewComments({ ...repo, pull_number: pushed.number });
    expect(comments.map((comment) => [comment.body, comment.line, comment.original_line, comment.commit_id === after])).toEqual([
      ['on the changed line', null, 10, false],
      ['on an added line', 20, 19, true],
    ]);
  });

  test('reads a file at a ref (the base branch config), as JSON or raw', async () => {
    const { data } = await octokit().rest.repos.getContent({ ...repo, path: '.github/rl-review.yml', ref: 'main' });
    expect(contract.checkResponse('repos/get-content', 200, data)).toEqual([]);
    expect(Buffer.from((data as { content: string }).content, 'base64').toString()).toBe('fail-on: warning\n');
    const raw = await octokit().rest.repos.getContent({ ...repo, path: '.github/rl-review.yml', ref: 'feature', mediaType: { format: 'raw' } });
    expect(raw.data).toBe('fail-on: never\n');
    expect((await rejection(octokit().rest.repos.getContent({ ...repo, path: 'missing.yml' }))).status).toBe(404);
  });

  test('lists artifacts by name and serves their zip', async () => {
    gh.state.addArtifact('rl-review-baseline', { 'baseline.json': '{"findings":[]}' }, { run: { headBranch: 'main', headSha: pull.base.sha } });
    const { data } = await octokit().rest.actions.listArtifactsForRepo({ ...repo, name: 'rl-review-baseline' });
    expect(contract.checkResponse('actions/list-artifacts-for-repo', 200, data)).toEqual([]);
    expect(data.artifacts[0].workflow_run).toMatchObject({ head_branch: 'main', head_sha: pull.base.sha });
    const download = await octokit().rest.actions.downloadArtifact({ ...repo, artifact_id: data.artifacts[0].id, archive_format: 'zip' });
    const unzipped = execFileSync('python3', ['-c', 'import io,sys,zipfile; print(zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read())).read("baseline.json").decode())'], {
      input: Buffer.from(download.data as ArrayBuffer),
    });
    expect(unzipped.toString().trim()).toBe('{"findings":[]}');
  });

  test('lists pull requests among issues, as GitHub does, and filters issues by label', async () => {
    const { data: issue } = await octokit().rest.issues.create({ ...repo, title: 'rl-review audit', body: 'report', labels: ['rl-review'] });
    expect(contract.checkResponse('issues/create', 201, issue)).toEqual([]);
    const { data: all } = await octokit().rest.issues.listForRepo(repo);
    expect(all.map((listed) => [listed.title, 'pull_request' in listed])).toEqual([
      ['rl-review audit', false],
      ['Tune training', true],
    ]);
    const { data: labelled } = await octokit().rest.issues.listForRepo({ ...repo, labels: 'rl-review' });
    expect(labelled.map((listed) => listed.number)).toEqual([issue.number]);
  });

  test('runs an Action with the environment, inputs, outputs, summary and workflow commands of a runner', async () => {
    const run = await runAction({
      emulator: gh,
      eventName: 'pull_request',
      eventPayload: await pullRequestPayload(gh, pull),
      inputs: { 'fail-on': 'warning' },
      entry: fileURLToPath(new URL('fixtures/probe-action.mjs', import.meta.url)),
    });
    try {
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
      expect(run.outputs).toEqual({ 'head-sha': pull.head.sha, 'fail-on': 'warning', report: 'line one\nline two' });
      expect(run.summary).toContain(`ran on ${pull.mergeCommitSha}`);
      // actions/checkout's default: the test merge commit, which has the pull request's files.
      expect(existsSync(join(run.workspace, 'reward.py'))).toBe(true);
      expect(run.annotations).toEqual([{ command: 'error', properties: { file: 'reward.py', line: '2' }, message: 'reward pays an empty answer' }]);
    } finally {
      run.remove();
    }
  });
});

describe('a large pull request', () => {
  let gh: GitHubEmulator;
  let git: GitRepository;
  let pull: PullRequestRecord;

  beforeAll(async () => {
    git = await GitRepository.create({ 'README.md': '# project\n' });
    await git.branch('many-files');
    const files: Record<string, string> = { 'big.py': lines(20_001, (n) => `value_${n} = ${n}`) };
    for (let index = 0; index <= MAX_LISTED_FILES; index++) files[`pkg/module_${String(index).padStart(4, '0')}.py`] = `x = ${index}\n`;
    await git.commit(files, 'Add many files');
    gh = await startEmulator({ repository: git });
    pull = await gh.openPullRequest({ head: 'many-files', author: CONTRIBUTOR });
  });

  afterAll(async () => {
    await gh.close();
    git.remove();
  });

  test('paginates with per_page, page and a Link header, stops at 3000 files, and omits the patch of a huge diff', async () => {
    const octokit = client(gh);
    const first = await octokit.rest.pulls.listFiles({ ...repo, pull_number: pull.number, per_page: 100 });
    expect(first.data).toHaveLength(100);
    expect(first.headers.link).toContain('page=2>; rel="next"');
    expect(first.headers.link).toContain('page=30>; rel="last"');

    const all = await octokit.paginate(octokit.rest.pulls.listFiles, { ...repo, pull_number: pull.number, per_page: 100 });
    expect(all).toHaveLength(MAX_LISTED_FILES);
    const big = all.find((file) => file.filename === 'big.py');
    expect(big).toMatchObject({ status: 'added', additions: 20_001 });
    expect(big).not.toHaveProperty('patch');

    const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: pull.number });
    expect(data.changed_files).toBe(MAX_LISTED_FILES + 2);
    expect((await rejection(octokit.rest.pulls.get({ ...repo, pull_number: pull.number, mediaType: { format: 'diff' } }))).status).toBe(406);
    expect(gh.violations).toEqual([]);
  });
});

describe('a GitHub Enterprise Server description', () => {
  test('loads, and the API is served under /api/v3 as on GHES', async () => {
    const git = await trainingRepository();
    const gh = await startEmulator({ repository: git, spec: newestGhesSpec() });
    try {
      const pull = await gh.openPullRequest({ head: 'feature' });
      expect(gh.url).toMatch(/\/api\/v3$/);
      const { data } = await client(gh).rest.pulls.get({ ...repo, pull_number: pull.number });
      expect(data.html_url).toBe(`${gh.serverUrl}/octo-org/rl-project/pull/${pull.number}`);
      expect(OpenApiContract.load(newestGhesSpec()).checkResponse('pulls/get', 200, data)).toEqual([]);
      expect((await fetch(`${gh.serverUrl}/repos/octo-org/rl-project`)).status).toBe(404);
      expect(takeViolations(gh).map((violation) => violation.kind)).toEqual(['unknown-route']);
    } finally {
      await gh.close();
      git.remove();
    }
  });
});

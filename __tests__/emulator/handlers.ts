// The REST operations the Action uses, by operationId, with GitHub's rules for each.
import { checkBodyLength, GitHubError, notFound, unprocessable, type Reply } from './errors';
import type { ContractOperation } from './openapi';
import { commentableLines, diffHunk, MAX_LISTED_FILES, type PullFile } from './pull-files';
import {
  renderArtifact,
  renderCheckRun,
  renderContent,
  renderIssue,
  renderIssueComment,
  renderPullFile,
  renderPullRequest,
  renderRepository,
  renderReview,
  renderReviewComment,
  type Site,
} from './resources';
import {
  ACTIONS_BOT,
  nodeId,
  timestamp,
  type Account,
  type AnnotationRecord,
  type CheckRunRecord,
  type EmulatorState,
  type PullRequestRecord,
  type ReviewCommentRecord,
  type ReviewState,
  type Side,
} from './state';

export interface HandlerContext {
  site: Site;
  state: EmulatorState;
  operation: ContractOperation;
  /** Path and query parameters, coerced to their schema types. */
  parameters: Record<string, unknown>;
  /** The request body: `any` because its shape is the operation's OpenAPI schema, checked before any handler runs. */
  body: any;
  actor: Account;
  url: URL;
  accept: string;
}

export type Handler = (context: HandlerContext) => Promise<Reply> | Reply;

/** A valid request the emulator does not implement (a parameter or media type it ignores would give wrong answers). */
export class NotEmulated extends Error {}

type Json = Record<string, unknown>;

function json(status: number, body: unknown): Reply {
  return { status, body };
}

/** GitHub's page-based pagination: `per_page` (max 100) and `page`, with a `Link` header for the other pages. */
function paginate<T>(context: HandlerContext, items: T[], render: (item: T) => unknown): Reply {
  const perPage = Math.min(Math.max(Number(context.parameters.per_page ?? 30), 1), 100);
  const page = Math.max(Number(context.parameters.page ?? 1), 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const link = (number: number, rel: string): string => {
    const url = new URL(context.url);
    url.searchParams.set('page', String(number));
    return `<${url.href}>; rel="${rel}"`;
  };
  const links = [
    ...(page > 1 ? [link(Math.min(page - 1, last), 'prev')] : []),
    ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
    ...(page > 1 ? [link(1, 'first')] : []),
  ];
  return {
    status: 200,
    body: items.slice((page - 1) * perPage, page * perPage).map(render),
    headers: links.length > 0 ? { link: links.join(', ') } : {},
  };
}

function pullRequestOf(context: HandlerContext): PullRequestRecord {
  const pull = context.state.pullRequests.get(Number(context.parameters.pull_number));
  if (!pull) throw notFound(context.operation);
  return pull;
}

function byId<T extends { id: number }>(context: HandlerContext, items: T[], key: string): T {
  const item = items.find((candidate) => candidate.id === Number(context.parameters[key]));
  if (!item) throw notFound(context.operation);
  return item;
}

/** GitHub's `sort`/`direction`/`since` on comment and issue lists. */
function sortAndFilter<T extends { createdAt: string; updatedAt: string }>(context: HandlerContext, items: T[], defaultDirection: 'asc' | 'desc'): T[] {
  const { sort = 'created', direction, since } = context.parameters as { sort?: 'created' | 'updated'; direction?: 'asc' | 'desc'; since?: string };
  const key = sort === 'updated' ? 'updatedAt' : 'createdAt';
  const sign = (direction ?? defaultDirection) === 'asc' ? 1 : -1;
  return items
    .filter((item) => since === undefined || item.updatedAt >= since)
    .map((item, index) => ({ item, index }))
    .sort((a, b) => sign * (a.item[key].localeCompare(b.item[key]) || a.index - b.index))
    .map(({ item }) => item);
}

async function renderPull(context: HandlerContext, pull: PullRequestRecord): Promise<unknown> {
  return renderPullRequest(context.site, pull, { commits: await context.state.commitCount(pull), files: await context.state.files(pull) });
}

/** The whole diff (`Accept: application/vnd.github.diff`), which GitHub refuses past 300 files or 20,000 lines. */
async function pullRequestDiff(context: HandlerContext, pull: PullRequestRecord): Promise<Reply> {
  const tooLarge = (what: string, limit: number): Reply => ({
    status: 406,
    body: {
      message: `Sorry, the diff exceeded the maximum number of ${what} (${limit}). Consider using 'List pull requests files' API or locally cloning the repository instead.`,
      errors: [{ resource: 'PullRequest', field: 'diff', code: 'too_large' }],
      documentation_url: context.operation.documentationUrl,
      status: '406',
    },
  });
  if ((await context.state.files(pull)).length > 300) return tooLarge('files', 300);
  const git = context.state.repository.git;
  const mergeBase = await git.mergeBase(pull.base.sha, pull.head.sha);
  const diff = await git.git(['diff', '--no-color', '--no-ext-diff', '--no-textconv', '-M', mergeBase, pull.head.sha]);
  if (diff.split('\n').length > 20_000) return tooLarge('lines', 20_000);
  return { status: 200, body: diff, headers: { 'content-type': 'application/vnd.github.diff; charset=utf-8' } };
}

interface ReviewCommentInput {
  path: string;
  body: string;
  line?: number;
  side?: string;
  start_line?: number;
  start_side?: string;
  position?: number;
}

interface Anchor {
  file: PullFile;
  side: Side;
  line: number;
  startLine: number | null;
  startSide: Side | null;
  position: number;
  diffHunk: string;
}

/** Ruby's `to_sentence`, which joins GitHub's validation messages. */
function toSentence(parts: string[]): string {
  if (parts.length <= 2) return parts.join(' and ');
  return `${parts.slice(0, -1).join(', ')}, and ${parts.at(-1)}`;
}

/**
 * Where a review comment goes in the diff, or the message GitHub gives when it cannot go there. GitHub's 422 carries
 * these messages but not which comment they are about.
 */
function anchorComment(files: PullFile[], comment: ReviewCommentInput): Anchor | string {
  const file = files.find((candidate) => candidate.filename === comment.path);
  if (!file) return 'Path could not be resolved';
  if (comment.line === undefined) {
    const line = file.lines.find((candidate) => candidate.position === comment.position && candidate.kind !== 'hunk');
    if (comment.position === undefined || !line) return toSentence(['Pull request review thread position is invalid', "Pull request review thread diff hunk can't be blank"]);
    const side: Side = line.right === undefined ? 'LEFT' : 'RIGHT';
    return { file, side, line: (line.right ?? line.left)!, startLine: null, startSide: null, position: line.position, diffHunk: diffHunk(file, line) };
  }
  const side = comment.side ?? 'RIGHT';
  const startSide = comment.start_side ?? side;
  if ((side !== 'LEFT' && side !== 'RIGHT') || (startSide !== 'LEFT' && startSide !== 'RIGHT')) {
    return 'Pull request review thread side is not included in the list';
  }
  const end = commentableLines(file, side).get(comment.line);
  const start = comment.start_line === undefined ? undefined : commentableLines(file, startSide).get(comment.start_line);
  const problems: string[] = [];
  if (!end) problems.push('Pull request review thread line must be part of the diff');
  if (comment.start_line !== undefined) {
    if (end && start && start.position >= end.position) return 'Pull request review thread start line must precede the end line.';
    if (!end || !start || start.hunk !== end.hunk) problems.push('Pull request review thread start line must be part of the same hunk as the line.');
  }
  if (!end) problems.push("Pull request review thread diff hunk can't be blank");
  if (problems.length > 0 || !end) return toSentence(problems);
  return {
    file,
    side,
    line: comment.line,
    startLine: comment.start_line ?? null,
    startSide: comment.start_line === undefined ? null : startSide,
    position: end.position,
    diffHunk: diffHunk(file, end),
  };
}

const REVIEW_STATES: Record<string, ReviewState> = { APPROVE: 'APPROVED', REQUEST_CHANGES: 'CHANGES_REQUESTED', COMMENT: 'COMMENTED' };

async function createReview(context: HandlerContext): Promise<Reply> {
  const { state, operation, actor } = context;
  const pull = pullRequestOf(context);
  const request = (context.body ?? {}) as { commit_id?: string; body?: string; event?: string; comments?: ReviewCommentInput[] };
  const comments = request.comments ?? [];
  checkBodyLength(operation, 'PullRequestReview', request.body);
  for (const comment of comments) checkBodyLength(operation, 'PullRequestReviewComment', comment.body);
  const commitId = request.commit_id ?? pull.head.sha;
  if (!pull.headHistory.includes(commitId)) throw unprocessable(operation, ['Commit id is not part of the pull request']);
  const reviewState = request.event ? REVIEW_STATES[request.event] : 'PENDING';
  if (reviewState === 'APPROVED' && actor.login === ACTIONS_BOT.login) {
    throw unprocessable(operation, ['GitHub Actions is not permitted to approve pull requests.']);
  }
  if (!request.body && (reviewState === 'CHANGES_REQUESTED' || (reviewState === 'COMMENTED' && comments.length === 0))) {
    throw unprocessable(operation, ["Review body can't be blank"]);
  }
  if (
    reviewState === 'PENDING' &&
    state.reviews.some((review) => review.pullNumber === pull.number && review.author.login === actor.login && review.state === 'PENDING')
  ) {
    throw unprocessable(operation, ['User can only have one pending review per pull request']);
  }
  const files = await state.files(pull, commitId);
  const anchors: Anchor[] = [];
  for (const comment of comments) {
    const anchor = anchorComment(files, comment);
    if (typeof anchor === 'string') throw unprocessable(operation, [anchor]);
    anchors.push(anchor);
  }

  const now = timestamp();
  const review = {
    id: state.nextId(),
    pullNumber: pull.number,
    author: actor,
    body: request.body ?? '',
    state: reviewState,
    commitId,
    submittedAt: reviewState === 'PENDING' ? undefined : now,
  };
  state.reviews.push(review);
  comments.forEach((comment, index) => {
    const anchor = anchors[index];
    const record: ReviewCommentRecord = {
      id: state.nextId(),
      reviewId: review.id,
      pullNumber: pull.number,
      threadId: '',
      author: actor,
      body: comment.body,
      path: comment.path,
      side: anchor.side,
      line: anchor.line,
      startLine: anchor.startLine,
      startSide: anchor.startSide,
      position: anchor.position,
      originalLine: anchor.line,
      originalStartLine: anchor.startLine,
      originalPosition: anchor.position,
      commitId,
      originalCommitId: commitId,
      diffHunk: anchor.diffHunk,
      createdAt: now,
      updatedAt: now,
    };
    record.threadId = nodeId('PRRT', record.id);
    state.reviewComments.push(record);
    state.reviewThreads.push({ id: record.threadId, pullNumber: pull.number, commentIds: [record.id], isResolved: false, resolvedBy: undefined });
  });
  return json(200, renderReview(context.site, review));
}

/** Pending reviews and their comments are visible to their author only. */
function isVisible(context: HandlerContext, reviewId: number): boolean {
  const review = context.state.reviews.find((candidate) => candidate.id === reviewId);
  return review !== undefined && (review.state !== 'PENDING' || review.author.login === context.actor.login);
}

function checkRunOutput(context: HandlerContext, run: CheckRunRecord, output: Json | undefined): void {
  if (!output) return;
  const annotations = (output.annotations ?? []) as AnnotationRecord[];
  for (const annotation of annotations) {
    if ((annotation.start_column !== undefined || annotation.end_column !== undefined) && annotation.start_line !== annotation.end_line) {
      throw unprocessable(context.operation, ['start_column and end_column may only be given when start_line and end_line are the same']);
    }
  }
  if ('title' in output) run.output.title = output.title as string;
  if ('summary' in output) run.output.summary = output.summary as string;
  if ('text' in output) run.output.text = output.text as string;
  run.annotations.push(...annotations);
}

/** `status`/`conclusion` as GitHub settles them: a conclusion completes the run, a completed run needs a conclusion. */
function settleStatus(context: HandlerContext, run: CheckRunRecord, request: Json): void {
  if (typeof request.conclusion === 'string') {
    run.conclusion = request.conclusion;
    run.status = 'completed';
  } else if (typeof request.status === 'string') {
    run.status = request.status;
  }
  if (run.status === 'completed' && run.conclusion === null) {
    throw unprocessable(context.operation, ['Conclusion is required when status is completed']);
  }
  if (run.status === 'completed') run.completedAt = (request.completed_at as string | undefined) ?? run.completedAt ?? timestamp();
}

async function createCheckRun(context: HandlerContext): Promise<Reply> {
  const request = context.body as Json;
  const headSha = String(request.head_sha);
  if (!(await context.state.repository.git.resolveCommit(headSha)) || !/^[0-9a-f]{40}$/.test(headSha)) {
    throw unprocessable(context.operation, [`No commit found for SHA: ${headSha}`]);
  }
  const run: CheckRunRecord = {
    id: context.state.nextId(),
    name: String(request.name),
    headSha,
    status: 'queued',
    conclusion: null,
    startedAt: (request.started_at as string | undefined) ?? timestamp(),
    completedAt: null,
    detailsUrl: (request.details_url as string | undefined) ?? null,
    externalId: (request.external_id as string | undefined) ?? '',
    output: { title: null, summary: null, text: null },
    annotations: [],
  };
  settleStatus(context, run, request);
  checkRunOutput(context, run, request.output as Json | undefined);
  context.state.checkRuns.push(run);
  return json(201, renderCheckRun(context.site, run));
}

function updateCheckRun(context: HandlerContext): Reply {
  const run = byId(context, context.state.checkRuns, 'check_run_id');
  const request = context.body as Json;
  if (typeof request.name === 'string') run.name = request.name;
  if (typeof request.details_url === 'string') run.detailsUrl = request.details_url;
  settleStatus(context, run, request);
  checkRunOutput(context, run, request.output as Json | undefined);
  return json(200, renderCheckRun(context.site, run));
}

function issueOf(context: HandlerContext): number {
  const number = Number(context.parameters.issue_number);
  if (!context.state.issues.has(number)) throw notFound(context.operation);
  return number;
}

function labelNames(labels: unknown[] | undefined): string[] | undefined {
  return labels?.map((label) => (typeof label === 'string' ? label : String((label as { name?: string }).name)));
}

function listIssues(context: HandlerContext): Reply {
  const { parameters } = context;
  const unsupported = ['milestone', 'assignee', 'type', 'mentioned', 'issue_field_values'].filter((name) => parameters[name] !== undefined);
  if (unsupported.length > 0) throw new NotEmulated(`issues filter ${unsupported.join(', ')}`);
  const wantedState = (parameters.state as string | undefined) ?? 'open';
  const wantedLabels = typeof parameters.labels === 'string' ? parameters.labels.split(',').map((label) => label.trim()) : [];
  const issues = [...context.state.issues.values()].filter(
    (issue) =>
      (wantedState === 'all' || issue.state === wantedState) &&
      wantedLabels.every((label) => issue.labels.includes(label)) &&
      (parameters.creator === undefined || issue.author.login === parameters.creator),
  );
  if (parameters.sort === 'comments') throw new NotEmulated('issues sort=comments');
  return paginate(context, sortAndFilter(context, issues, 'desc'), (issue) => renderIssue(context.site, issue));
}

async function getContent(context: HandlerContext): Promise<Reply> {
  const { state, operation } = context;
  const git = state.repository.git;
  const ref = (context.parameters.ref as string | undefined) ?? state.repository.defaultBranch;
  const commit = await git.resolveCommit(ref);
  if (!commit) throw new GitHubError({ status: 404, body: { message: `No commit found for the ref ${ref}`, documentation_url: operation.documentationUrl, status: '404' } });
  const path = String(context.parameters.path ?? '').replace(/^\/+|\/+$/g, '');
  const entry = await git.treeEntry(commit, path);
  if (!entry) throw notFound(operation);
  if (entry.type === 'tree') {
    if (/raw/.test(context.accept)) throw new NotEmulated('a directory with the raw media type');
    const entries = await git.listDirectory(commit, path);
    return json(
      200,
      entries.map((child) => renderContent(context.site, { type: child.type === 'tree' ? 'dir' : 'file', path: child.path, sha: child.sha, size: child.size }, ref)),
    );
  }
  if (entry.type !== 'blob' || entry.mode === '120000') throw new NotEmulated('symlinks and submodules');
  const content = (await git.readFile(commit, path))!;
  if (/application\/vnd\.github(\.v3)?\.raw/.test(context.accept)) {
    return { status: 200, body: content, headers: { 'content-type': 'application/vnd.github.raw; charset=utf-8' } };
  }
  return json(200, renderContent(context.site, { type: 'file', path: entry.path, sha: entry.sha, size: entry.size }, ref, content));
}

export const handlers: Record<string, Handler> = {
  'repos/get': (context) => json(200, renderRepository(context.site)),

  'repos/get-content': getContent,

  // How the Action downloads a pull request's files: by blob sha, any size up to GitHub's 100 MB, base64 in 60-character lines.
  'git/get-blob': async (context) => {
    const sha = String(context.parameters.file_sha);
    const git = context.state.repository.git;
    const isBlob = /^[0-9a-f]{40}$/.test(sha) && (await git.git(['cat-file', '-t', sha]).catch(() => '')).trim() === 'blob';
    if (!isBlob) throw notFound(context.operation);
    const content = await git.gitBuffer(['cat-file', 'blob', sha]);
    const base64 = content.toString('base64');
    const { owner, name } = context.state.repository;
    return json(200, {
      sha,
      node_id: nodeId('B', parseInt(sha.slice(0, 8), 16)),
      size: content.length,
      url: `${context.site.apiUrl}/repos/${owner.login}/${name}/git/blobs/${sha}`,
      content: base64.replace(/(.{60})/g, '$1\n') + (base64.length % 60 === 0 ? '' : '\n'),
      encoding: 'base64',
    });
  },

  'pulls/get': async (context) => {
    const pull = pullRequestOf(context);
    if (/diff/.test(context.accept)) return pullRequestDiff(context, pull);
    if (/patch|sha/.test(context.accept)) throw new NotEmulated(`pulls/get with Accept: ${context.accept}`);
    return json(200, await renderPull(context, pull));
  },

  'pulls/list': async (context) => {
    const { state: wanted = 'open', head, base } = context.parameters as { state?: string; head?: string; base?: string };
    const pulls = [...context.state.pullRequests.values()].filter(
      (pull) =>
        (wanted === 'all' || pull.state === wanted) &&
        (head === undefined || head === `${pull.head.repoOwner.login}:${pull.head.ref}`) &&
        (base === undefined || base === pull.base.ref),
    );
    const rendered = await Promise.all(sortAndFilter(context, pulls, 'desc').map((pull) => renderPull(context, pull)));
    return paginate(context, rendered, (pull) => pull);
  },

  'pulls/list-files': async (context) => {
    const pull = pullRequestOf(context);
    const files = (await context.state.files(pull)).slice(0, MAX_LISTED_FILES);
    return paginate(context, files, (file) => renderPullFile(context.site, pull, file));
  },

  'pulls/create-review': createReview,

  'pulls/list-reviews': (context) => {
    const pull = pullRequestOf(context);
    const reviews = context.state.reviews.filter((review) => review.pullNumber === pull.number && isVisible(context, review.id));
    return paginate(context, reviews, (review) => renderReview(context.site, review));
  },

  // A pending review (and its comments) is deleted without a trace; a submitted one cannot be.
  'pulls/delete-pending-review': (context) => {
    const { state } = context;
    const pull = pullRequestOf(context);
    const review = state.reviews.find((candidate) => candidate.id === Number(context.parameters.review_id) && candidate.pullNumber === pull.number);
    if (!review || !isVisible(context, review.id)) throw notFound(context.operation);
    if (review.state !== 'PENDING') throw unprocessable(context.operation, ['Can not delete a non-pending pull request review']);
    state.reviews.splice(state.reviews.indexOf(review), 1);
    for (const comment of state.reviewComments.filter((candidate) => candidate.reviewId === review.id)) {
      state.reviewComments.splice(state.reviewComments.indexOf(comment), 1);
      state.reviewThreads.splice(state.reviewThreads.findIndex((thread) => thread.id === comment.threadId), 1);
    }
    return json(200, renderReview(context.site, review));
  },

  'pulls/list-review-comments': (context) => {
    const pull = pullRequestOf(context);
    const comments = context.state.reviewComments.filter((comment) => comment.pullNumber === pull.number && isVisible(context, comment.reviewId));
    return paginate(context, sortAndFilter(context, comments, 'asc'), (comment) => renderReviewComment(context.site, comment));
  },

  'pulls/update-review-comment': (context) => {
    const comment = byId(context, context.state.reviewComments, 'comment_id');
    checkBodyLength(context.operation, 'PullRequestReviewComment', context.body.body);
    comment.body = context.body.body;
    comment.updatedAt = timestamp();
    return json(200, renderReviewComment(context.site, comment));
  },

  'pulls/delete-review-comment': (context) => {
    const { state } = context;
    const comment = byId(context, state.reviewComments, 'comment_id');
    state.reviewComments.splice(state.reviewComments.indexOf(comment), 1);
    const thread = state.reviewThreads.find((candidate) => candidate.id === comment.threadId)!;
    thread.commentIds = thread.commentIds.filter((id) => id !== comment.id);
    if (thread.commentIds.length === 0) state.reviewThreads.splice(state.reviewThreads.indexOf(thread), 1);
    return { status: 204 };
  },

  'issues/get': (context) => json(200, renderIssue(context.site, context.state.issues.get(issueOf(context))!)),

  'issues/list-for-repo': listIssues,

  'issues/create': (context) => {
    const { state, body } = context;
    checkBodyLength(context.operation, 'Issue', body.body);
    const now = timestamp();
    const issue = {
      number: state.nextNumber(),
      id: state.nextId(),
      title: String(body.title),
      body: body.body ?? null,
      author: context.actor,
      state: 'open' as const,
      stateReason: null,
      labels: labelNames(body.labels) ?? [],
      isPullRequest: false,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
    };
    state.issues.set(issue.number, issue);
    return json(201, renderIssue(context.site, issue));
  },

  'issues/update': (context) => {
    const issue = context.state.issues.get(issueOf(context))!;
    const { body } = context;
    checkBodyLength(context.operation, 'Issue', body.body);
    if (body.title !== undefined && body.title !== null) issue.title = String(body.title);
    if (body.body !== undefined) issue.body = body.body;
    if (body.labels !== undefined) issue.labels = labelNames(body.labels)!;
    if (body.state !== undefined && body.state !== issue.state) {
      issue.state = body.state;
      issue.closedAt = body.state === 'closed' ? timestamp() : null;
      issue.stateReason = body.state === 'closed' ? (body.state_reason ?? 'completed') : 'reopened';
    }
    issue.updatedAt = timestamp();
    return json(200, renderIssue(context.site, issue));
  },

  'issues/list-comments': (context) => {
    const number = issueOf(context);
    const comments = context.state.issueComments.filter((comment) => comment.issueNumber === number);
    return paginate(context, sortAndFilter(context, comments, 'asc'), (comment) => renderIssueComment(context.site, comment));
  },

  'issues/create-comment': (context) => {
    const number = issueOf(context);
    checkBodyLength(context.operation, 'IssueComment', context.body.body);
    const comment = context.state.addIssueComment(number, context.body.body, context.actor);
    return json(201, renderIssueComment(context.site, comment));
  },

  'issues/update-comment': (context) => {
    const comment = byId(context, context.state.issueComments, 'comment_id');
    checkBodyLength(context.operation, 'IssueComment', context.body.body);
    comment.body = context.body.body;
    comment.updatedAt = timestamp();
    return json(200, renderIssueComment(context.site, comment));
  },

  'issues/delete-comment': (context) => {
    const comment = byId(context, context.state.issueComments, 'comment_id');
    context.state.issueComments.splice(context.state.issueComments.indexOf(comment), 1);
    return { status: 204 };
  },

  'checks/create': createCheckRun,

  'checks/update': updateCheckRun,

  'actions/list-artifacts-for-repo': (context) => {
    const name = context.parameters.name as string | undefined;
    const artifacts = context.state.artifacts.filter((artifact) => name === undefined || artifact.name === name).reverse();
    const page = paginate(context, artifacts, (artifact) => renderArtifact(context.site, artifact));
    return { ...page, body: { total_count: artifacts.length, artifacts: page.body } };
  },

  'actions/list-workflow-run-artifacts': (context) => {
    const name = context.parameters.name as string | undefined;
    const runId = Number(context.parameters.run_id);
    const artifacts = context.state.artifacts.filter((artifact) => artifact.workflowRun?.id === runId && (name === undefined || artifact.name === name)).reverse();
    const page = paginate(context, artifacts, (artifact) => renderArtifact(context.site, artifact));
    return { ...page, body: { total_count: artifacts.length, artifacts: page.body } };
  },

  'actions/get-artifact': (context) => json(200, renderArtifact(context.site, byId(context, context.state.artifacts, 'artifact_id'))),

  'actions/download-artifact': (context) => {
    const artifact = byId(context, context.state.artifacts, 'artifact_id');
    if (context.parameters.archive_format !== 'zip') throw notFound(context.operation);
    if (artifact.expired) {
      throw new GitHubError({ status: 410, body: { message: 'Artifact has expired', documentation_url: context.operation.documentationUrl, status: '410' } });
    }
    // GitHub answers with a short-lived link to blob storage; the emulator serves the archive itself.
    return { status: 302, headers: { location: `${context.site.serverUrl}/_emulator/artifacts/${artifact.id}.zip` } };
  },
};

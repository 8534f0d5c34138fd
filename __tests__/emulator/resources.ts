// The emulator's records rendered as GitHub's JSON resources, with URLs on the emulator's hosts.
// Pull requests and repositories start from real webhook payloads (@octokit/webhooks-examples): same serializer as REST.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { PullFile } from './pull-files';
import {
  nodeId,
  type Account,
  type ArtifactRecord,
  type CheckRunRecord,
  type EmulatorState,
  type IssueCommentRecord,
  type IssueRecord,
  type PullRequestRecord,
  type ReviewCommentRecord,
  type ReviewRecord,
} from './state';

/** Where the emulator's API and web pages are, as `GITHUB_API_URL` and `GITHUB_SERVER_URL` say. */
export interface Site {
  apiUrl: string;
  serverUrl: string;
  state: EmulatorState;
}

type Json = Record<string, unknown>;

interface WebhookDefinition {
  name: string;
  examples: Json[];
}

const require = createRequire(import.meta.url);
let webhookDefinitions: WebhookDefinition[] | undefined;
const fullestExamples = new Map<string, Json>();

/** The fullest real example of a webhook event (`pull_request` + `opened`), deep-copied. */
export function webhookExample(event: string, action?: string): Json {
  const key = `${event}.${action ?? ''}`;
  let fullest = fullestExamples.get(key);
  if (!fullest) {
    webhookDefinitions ??= JSON.parse(readFileSync(require.resolve('@octokit/webhooks-examples/api.github.com/index.json'), 'utf8')) as WebhookDefinition[];
    const examples = (webhookDefinitions.find((definition) => definition.name === event)?.examples ?? []).filter(
      (example) => action === undefined || example.action === action,
    );
    if (examples.length === 0) throw new Error(`@octokit/webhooks-examples has no ${event}${action ? `.${action}` : ''} example`);
    fullest = examples.reduce((best, example) => (JSON.stringify(example).length > JSON.stringify(best).length ? example : best));
    fullestExamples.set(key, fullest);
  }
  return structuredClone(fullest);
}

/** Points an example's URLs and names at the emulated repository. */
export function relocate<T>(value: T, site: Site, fullName: string): T {
  const host = new URL(site.serverUrl).host;
  const text = JSON.stringify(value)
    .replaceAll('Codertocat/Hello-World', fullName)
    .replaceAll('octo-org/octo-repo', fullName)
    .replaceAll('https://api.github.com', site.apiUrl)
    .replaceAll('https://uploads.github.com', site.serverUrl)
    .replaceAll('https://github.com', site.serverUrl)
    .replaceAll('git://github.com/', `git://${host}/`)
    .replaceAll('git@github.com:', `git@${host}:`);
  return JSON.parse(text) as T;
}

function fullName(state: EmulatorState): string {
  return `${state.repository.owner.login}/${state.repository.name}`;
}

function repositoryApi(site: Site): string {
  return `${site.apiUrl}/repos/${fullName(site.state)}`;
}

function repositoryPage(site: Site): string {
  return `${site.serverUrl}/${fullName(site.state)}`;
}

export function renderUser(site: Site, account: Account): Json {
  const api = `${site.apiUrl}/users/${encodeURIComponent(account.login)}`;
  return {
    login: account.login,
    id: account.id,
    node_id: nodeId(account.type === 'Bot' ? 'BOT' : 'U', account.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${account.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: account.type === 'Bot' ? `${site.serverUrl}/apps/${account.login.replace(/\[bot\]$/, '')}` : `${site.serverUrl}/${account.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: account.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

function authorAssociation(site: Site, account: Account): string {
  if (account.login === site.state.repository.owner.login) return 'OWNER';
  return account.type === 'Bot' ? 'NONE' : 'CONTRIBUTOR';
}

/** The repository, or the fork of it owned by `owner`. */
export function renderRepository(site: Site, owner: Account = site.state.repository.owner): Json {
  const { repository } = site.state;
  const isFork = owner.login !== repository.owner.login;
  const name = `${owner.login}/${repository.name}`;
  const example = webhookExample('pull_request', 'opened').repository as Json;
  return {
    ...relocate(example, site, name),
    id: isFork ? repository.id + 1 : repository.id,
    node_id: nodeId('R', isFork ? repository.id + 1 : repository.id),
    name: repository.name,
    full_name: name,
    owner: renderUser(site, owner),
    private: false,
    fork: isFork,
    default_branch: repository.defaultBranch,
  };
}

export interface PullStatistics {
  commits: number;
  files: PullFile[];
}

export function renderPullRequest(site: Site, pull: PullRequestRecord, { commits, files }: PullStatistics): Json {
  const state = site.state;
  const example = webhookExample('pull_request', 'opened').pull_request as Json;
  const api = `${repositoryApi(site)}/pulls/${pull.number}`;
  const page = `${repositoryPage(site)}/pull/${pull.number}`;
  const branch = (ref: string, sha: string, owner: Account): Json => ({
    label: `${owner.login}:${ref}`,
    ref,
    sha,
    user: renderUser(site, owner),
    repo: renderRepository(site, owner),
  });
  return {
    ...relocate(example, site, fullName(state)),
    url: api,
    id: pull.id,
    node_id: nodeId('PR', pull.id),
    html_url: page,
    diff_url: `${page}.diff`,
    patch_url: `${page}.patch`,
    issue_url: `${repositoryApi(site)}/issues/${pull.number}`,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    comments_url: `${repositoryApi(site)}/issues/${pull.number}/comments`,
    statuses_url: `${repositoryApi(site)}/statuses/${pull.head.sha}`,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    user: renderUser(site, pull.author),
    body: pull.body,
    created_at: pull.createdAt,
    updated_at: pull.updatedAt,
    closed_at: null,
    merged_at: null,
    merge_commit_sha: pull.mergeCommitSha ?? null,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    labels: [],
    milestone: null,
    head: branch(pull.head.ref, pull.head.sha, pull.head.repoOwner),
    base: branch(pull.base.ref, pull.base.sha, state.repository.owner),
    _links: {
      self: { href: api },
      html: { href: page },
      issue: { href: `${repositoryApi(site)}/issues/${pull.number}` },
      comments: { href: `${repositoryApi(site)}/issues/${pull.number}/comments` },
      review_comments: { href: `${api}/comments` },
      review_comment: { href: `${repositoryApi(site)}/pulls/comments{/number}` },
      commits: { href: `${api}/commits` },
      statuses: { href: `${repositoryApi(site)}/statuses/${pull.head.sha}` },
    },
    author_association: authorAssociation(site, pull.author),
    auto_merge: null,
    active_lock_reason: null,
    draft: pull.draft,
    merged: false,
    mergeable: pull.mergeCommitSha !== undefined,
    rebaseable: pull.mergeCommitSha !== undefined,
    mergeable_state: pull.mergeCommitSha !== undefined ? 'clean' : 'dirty',
    merged_by: null,
    comments: state.issueComments.filter((comment) => comment.issueNumber === pull.number).length,
    review_comments: state.reviewComments.filter((comment) => comment.pullNumber === pull.number).length,
    maintainer_can_modify: false,
    commits,
    additions: files.reduce((sum, file) => sum + file.additions, 0),
    deletions: files.reduce((sum, file) => sum + file.deletions, 0),
    changed_files: files.length,
  };
}

/** One entry of `GET /pulls/{n}/files` (GitHub's "diff entry"). */
export function renderPullFile(site: Site, pull: PullRequestRecord, file: PullFile): Json {
  // A removed file exists only at the base side.
  const commit = file.status === 'removed' ? pull.base.sha : pull.head.sha;
  const path = file.filename.split('/').map(encodeURIComponent).join('/');
  return {
    sha: file.sha,
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    blob_url: `${repositoryPage(site)}/blob/${commit}/${path}`,
    raw_url: `${repositoryPage(site)}/raw/${commit}/${path}`,
    contents_url: `${repositoryApi(site)}/contents/${path}?ref=${commit}`,
    ...(file.patch === undefined ? {} : { patch: file.patch }),
    ...(file.previousFilename === undefined ? {} : { previous_filename: file.previousFilename }),
  };
}

export function renderReview(site: Site, review: ReviewRecord): Json {
  const pullApi = `${repositoryApi(site)}/pulls/${review.pullNumber}`;
  const html = `${repositoryPage(site)}/pull/${review.pullNumber}#pullrequestreview-${review.id}`;
  return {
    id: review.id,
    node_id: nodeId('PRR', review.id),
    user: renderUser(site, review.author),
    body: review.body,
    state: review.state,
    html_url: html,
    pull_request_url: pullApi,
    author_association: authorAssociation(site, review.author),
    _links: { html: { href: html }, pull_request: { href: pullApi } },
    ...(review.submittedAt ? { submitted_at: review.submittedAt } : {}),
    commit_id: review.commitId,
  };
}

function reactions(url: string): Json {
  return { url, total_count: 0, '+1': 0, '-1': 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 };
}

export function renderReviewComment(site: Site, comment: ReviewCommentRecord): Json {
  const url = `${repositoryApi(site)}/pulls/comments/${comment.id}`;
  const html = `${repositoryPage(site)}/pull/${comment.pullNumber}#discussion_r${comment.id}`;
  const pullApi = `${repositoryApi(site)}/pulls/${comment.pullNumber}`;
  return {
    url,
    pull_request_review_id: comment.reviewId,
    id: comment.id,
    node_id: nodeId('PRRC', comment.id),
    diff_hunk: comment.diffHunk,
    path: comment.path,
    position: comment.position,
    original_position: comment.originalPosition,
    commit_id: comment.commitId,
    original_commit_id: comment.originalCommitId,
    user: renderUser(site, comment.author),
    body: comment.body,
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    html_url: html,
    pull_request_url: pullApi,
    author_association: authorAssociation(site, comment.author),
    _links: { self: { href: url }, html: { href: html }, pull_request: { href: pullApi } },
    reactions: reactions(`${url}/reactions`),
    start_line: comment.startLine,
    original_start_line: comment.originalStartLine,
    start_side: comment.startSide,
    line: comment.line,
    original_line: comment.originalLine,
    side: comment.side,
    subject_type: 'line',
  };
}

export function renderIssueComment(site: Site, comment: IssueCommentRecord): Json {
  const url = `${repositoryApi(site)}/issues/comments/${comment.id}`;
  const kind = site.state.pullRequests.has(comment.issueNumber) ? 'pull' : 'issues';
  return {
    id: comment.id,
    node_id: nodeId('IC', comment.id),
    url,
    html_url: `${repositoryPage(site)}/${kind}/${comment.issueNumber}#issuecomment-${comment.id}`,
    body: comment.body,
    user: renderUser(site, comment.author),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    issue_url: `${repositoryApi(site)}/issues/${comment.issueNumber}`,
    author_association: authorAssociation(site, comment.author),
    performed_via_github_app: null,
    reactions: reactions(`${url}/reactions`),
  };
}

export function renderIssue(site: Site, issue: IssueRecord): Json {
  const url = `${repositoryApi(site)}/issues/${issue.number}`;
  const html = `${repositoryPage(site)}/${issue.isPullRequest ? 'pull' : 'issues'}/${issue.number}`;
  return {
    id: issue.id,
    node_id: nodeId(issue.isPullRequest ? 'PR' : 'I', issue.id),
    url,
    repository_url: repositoryApi(site),
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    timeline_url: `${url}/timeline`,
    html_url: html,
    number: issue.number,
    state: issue.state,
    state_reason: issue.stateReason,
    title: issue.title,
    body: issue.body,
    user: renderUser(site, issue.author),
    labels: issue.labels.map((name) => ({
      id: labelId(name),
      node_id: nodeId('LA', labelId(name)),
      url: `${repositoryApi(site)}/labels/${encodeURIComponent(name)}`,
      name,
      color: 'ededed',
      default: false,
      description: null,
    })),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: site.state.issueComments.filter((comment) => comment.issueNumber === issue.number).length,
    ...(issue.isPullRequest
      ? { pull_request: { url: `${repositoryApi(site)}/pulls/${issue.number}`, html_url: html, diff_url: `${html}.diff`, patch_url: `${html}.patch`, merged_at: null } }
      : {}),
    closed_at: issue.closedAt,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    author_association: authorAssociation(site, issue.author),
    performed_via_github_app: null,
    reactions: reactions(`${url}/reactions`),
  };
}

function labelId(name: string): number {
  return [...name].reduce((hash, character) => (hash * 31 + character.codePointAt(0)!) % 1_000_000_007, 7);
}

/** The GitHub Actions app, which owns the check runs `GITHUB_TOKEN` creates. */
function actionsApp(site: Site): Json {
  return {
    id: 15368,
    slug: 'github-actions',
    node_id: 'MDM6QXBwMTUzNjg=',
    client_id: 'Iv1.05c79e9ad1f6bdfa',
    owner: renderUser(site, { login: 'github', id: 9919, type: 'Organization' }),
    name: 'GitHub Actions',
    description: 'Automate your workflow from idea to production',
    external_url: 'https://help.github.com/en/actions',
    html_url: `${site.serverUrl}/apps/github-actions`,
    created_at: '2018-07-30T09:30:17Z',
    updated_at: '2019-12-10T19:04:12Z',
    permissions: { actions: 'write', checks: 'write', contents: 'write', issues: 'write', metadata: 'read', pull_requests: 'write' },
    events: ['check_run', 'check_suite', 'pull_request', 'push'],
  };
}

export function renderCheckRun(site: Site, run: CheckRunRecord): Json {
  const url = `${repositoryApi(site)}/check-runs/${run.id}`;
  // Pull requests whose head is this commit, in this repository: runs on a fork's commits list none.
  const pulls = [...site.state.pullRequests.values()].filter(
    (pull) => pull.head.sha === run.headSha && pull.head.repoOwner.login === site.state.repository.owner.login,
  );
  const ref = (ref: string, sha: string): Json => ({
    ref,
    sha,
    repo: { id: site.state.repository.id, url: repositoryApi(site), name: site.state.repository.name },
  });
  return {
    id: run.id,
    head_sha: run.headSha,
    node_id: nodeId('CR', run.id),
    external_id: run.externalId,
    url,
    html_url: `${repositoryPage(site)}/runs/${run.id}`,
    details_url: run.detailsUrl,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: { ...run.output, annotations_count: run.annotations.length, annotations_url: `${url}/annotations` },
    name: run.name,
    check_suite: { id: run.id + 1 },
    app: actionsApp(site),
    pull_requests: pulls.map((pull) => ({
      url: `${repositoryApi(site)}/pulls/${pull.number}`,
      id: pull.id,
      number: pull.number,
      head: ref(pull.head.ref, pull.head.sha),
      base: ref(pull.base.ref, pull.base.sha),
    })),
  };
}

export function renderArtifact(site: Site, artifact: ArtifactRecord): Json {
  const url = `${repositoryApi(site)}/actions/artifacts/${artifact.id}`;
  return {
    id: artifact.id,
    node_id: nodeId('MDg', artifact.id),
    name: artifact.name,
    size_in_bytes: artifact.archive.length,
    url,
    archive_download_url: `${url}/zip`,
    expired: artifact.expired,
    created_at: artifact.createdAt,
    expires_at: artifact.expiresAt,
    updated_at: artifact.createdAt,
    workflow_run: artifact.workflowRun && {
      id: artifact.workflowRun.id,
      repository_id: site.state.repository.id,
      head_repository_id: site.state.repository.id,
      head_branch: artifact.workflowRun.headBranch,
      head_sha: artifact.workflowRun.headSha,
    },
  };
}

/** A file or directory entry of `GET /contents/{path}`. */
export function renderContent(
  site: Site,
  entry: { type: 'file' | 'dir'; path: string; sha: string; size: number },
  ref: string,
  content?: Buffer,
): Json {
  const path = entry.path.split('/').map(encodeURIComponent).join('/');
  const url = `${repositoryApi(site)}/contents/${path}?ref=${encodeURIComponent(ref)}`;
  const gitUrl = `${repositoryApi(site)}/git/${entry.type === 'file' ? 'blobs' : 'trees'}/${entry.sha}`;
  const htmlUrl = `${repositoryPage(site)}/${entry.type === 'file' ? 'blob' : 'tree'}/${ref}/${path}`;
  return {
    type: entry.type,
    ...(content === undefined ? {} : contentFields(content)),
    size: entry.size,
    name: entry.path.split('/').pop(),
    path: entry.path,
    sha: entry.sha,
    url,
    git_url: gitUrl,
    html_url: htmlUrl,
    download_url: entry.type === 'file' ? `${repositoryPage(site)}/raw/${ref}/${path}` : null,
    _links: { self: url, git: gitUrl, html: htmlUrl },
  };
}

/** GitHub base64-encodes file contents in 60-character lines; past 1 MB it sends none (`encoding: none`). */
function contentFields(content: Buffer): Json {
  if (content.length > 1024 * 1024) return { encoding: 'none', content: '' };
  const base64 = content.toString('base64');
  return { encoding: 'base64', content: base64.replace(/(.{60})/g, '$1\n') + (base64.length % 60 === 0 ? '' : '\n') };
}

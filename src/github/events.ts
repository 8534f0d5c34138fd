/**
 * What the workflow run is about, read from the runner's context (`@actions/github`'s `context`: the event name,
 * the webhook payload from `GITHUB_EVENT_PATH`, `GITHUB_REPOSITORY`, `GITHUB_SHA`, the server and API URLs).
 */

export interface Repository {
  owner: string;
  repo: string;
}

export interface PullRequestRef {
  repository: Repository;
  number: number;
}

export interface PullRequestRun extends PullRequestRef {
  kind: 'pull-request';
  /** `pull_request` or `pull_request_target`. */
  eventName: string;
  headSha: string;
  baseSha: string;
  /** The number of changed files GitHub counted, when the payload says (to detect the 3000-file listing cap). */
  changedFiles?: number;
  /** The head branch lives in another repository: a `pull_request` run then gets a read-only token. */
  fromFork: boolean;
  /** The repository's default branch, whose smoke-rollout baseline the pull request is compared with. */
  defaultBranch: string;
}

/** `workflow_dispatch`, `schedule`, `push` and any other event: scan the repository as checked out. */
export interface AuditRun {
  kind: 'audit';
  eventName: string;
  repository: Repository;
  sha: string;
}

export type RunEvent = PullRequestRun | AuditRun;

/** The part of `@actions/github`'s `context` this module reads. */
export interface RunnerContext {
  eventName: string;
  sha: string;
  payload: Record<string, unknown>;
  runId: number;
  serverUrl: string;
  repository?: string;
}

export class EventError extends Error {}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

interface PullRequestPayload {
  number?: number;
  repository?: { default_branch?: string };
  pull_request?: {
    number?: number;
    changed_files?: number;
    head?: { sha?: string; repo?: { full_name?: string } | null };
    base?: { sha?: string; repo?: { full_name?: string } };
  };
}

export function readRunEvent(context: RunnerContext): RunEvent {
  const repository = repositoryOf(context);
  if (!PULL_REQUEST_EVENTS.has(context.eventName)) {
    if (!context.sha) throw new EventError('GITHUB_SHA is not set');
    return { kind: 'audit', eventName: context.eventName, repository, sha: context.sha };
  }
  const payload = context.payload as PullRequestPayload;
  const pr = payload.pull_request;
  const missing = (field: string) => new EventError(`${context.eventName} event payload (GITHUB_EVENT_PATH): '${field}' is missing`);
  const number = pr?.number ?? payload.number;
  if (typeof number !== 'number') throw missing('pull_request.number');
  if (!pr?.head?.sha) throw missing('pull_request.head.sha');
  if (!pr.base?.sha) throw missing('pull_request.base.sha');
  const defaultBranch = payload.repository?.default_branch;
  if (!defaultBranch) throw missing('repository.default_branch');
  const headRepository = pr.head.repo?.full_name;
  return {
    kind: 'pull-request',
    eventName: context.eventName,
    repository,
    number,
    headSha: pr.head.sha,
    baseSha: pr.base.sha,
    changedFiles: pr.changed_files,
    // A deleted fork has no head repository: it was a fork all the same.
    fromFork: headRepository !== `${repository.owner}/${repository.repo}`,
    defaultBranch,
  };
}

/**
 * Events whose workspace holds only code that someone with write access put on a branch of this repository: a push,
 * a merge queue's merge of approved pull requests, a release, a run started by hand or on a schedule. `pull_request`
 * from a branch of this repository is trusted too (the branch was pushed with write access).
 */
export const TRUSTED_EVENTS: readonly string[] = ['push', 'schedule', 'workflow_dispatch', 'merge_group', 'release'];

/** How events that check out a pull request's code are commonly used; any other event gets the general reason. */
const UNTRUSTED_WHY: Record<string, string> = {
  pull_request_target: "this is a pull_request_target run, which has a write token and the repository secrets",
  issue_comment: "this is an issue_comment run, which anyone who can comment starts, with a write token and the repository secrets, and whose workflow may have checked out a pull request's code",
  workflow_run: "this is a workflow_run run, which has a write token and the repository secrets, and whose workflow may have checked out the code of the pull request that started the first workflow",
  pull_request_review: "this is a pull_request_review run, which runs on a pull request's code",
  pull_request_review_comment: "this is a pull_request_review_comment run, which runs on a pull request's code",
};

/**
 * Why code in the workspace (the smoke command, the reward function) may be a pull request's, to be run with this
 * job's token and secrets; undefined when the event is trusted. Every event that can carry a pull request's code is
 * untrusted: all but `TRUSTED_EVENTS` and `pull_request` from a branch of this repository.
 */
export function untrustedCodeReason(event: RunEvent): string | undefined {
  if (event.kind === 'pull-request' && event.eventName === 'pull_request') return event.fromFork ? 'the pull request comes from a fork' : undefined;
  if (TRUSTED_EVENTS.includes(event.eventName)) return undefined;
  return (
    UNTRUSTED_WHY[event.eventName] ??
    `this is a ${event.eventName} run, and rl-review trusts the code in the workspace only under ${TRUSTED_EVENTS.join(', ')} and pull_request from a branch of this repository`
  );
}

function repositoryOf(context: RunnerContext): Repository {
  const [owner, repo] = (context.repository ?? '').split('/');
  if (!owner || !repo) throw new EventError(`GITHUB_REPOSITORY must be 'owner/name' (got '${context.repository ?? ''}')`);
  return { owner, repo };
}

/** Links into the run's GitHub (github.com or an Enterprise Server). */
export interface RunLinks {
  /** The workflow run page, where the job summary is shown. */
  runUrl: string;
  /** A file at a commit, optionally at a line range. */
  blobUrl(sha: string, path: string, line?: number, endLine?: number): string;
  commitUrl(sha: string): string;
}

export function runLinks(context: RunnerContext, repository: Repository): RunLinks {
  const repoUrl = `${context.serverUrl.replace(/\/+$/, '')}/${repository.owner}/${repository.repo}`;
  return {
    runUrl: `${repoUrl}/actions/runs/${context.runId}`,
    blobUrl: (sha, path, line, endLine) => {
      const anchor = line === undefined ? '' : endLine && endLine !== line ? `#L${line}-L${endLine}` : `#L${line}`;
      return `${repoUrl}/blob/${sha}/${path.split('/').map(encodeUrlSegment).join('/')}${anchor}`;
    },
    commitUrl: (sha) => `${repoUrl}/commit/${sha}`,
  };
}

/** `encodeURIComponent` leaves `()'!*` alone; a `)` would end a Markdown link early. */
function encodeUrlSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

// The emulator's in-memory GitHub: one repository (backed by a real git repository), its pull requests, issues,
// reviews, comments, check runs and artifacts. Tests read it to assert what the Action left behind.
import type { GitRepository } from './git';
import { commentableLines, diffPullRequest, type PullFile } from './pull-files';
import { zip } from './zip';

export interface Account {
  login: string;
  id: number;
  type: 'User' | 'Bot' | 'Organization';
}

/** Who `GITHUB_TOKEN` acts as. */
export const ACTIONS_BOT: Account = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };
/** The default author of pull requests (and owner of their forks). */
export const CONTRIBUTOR: Account = { login: 'contributor', id: 5001, type: 'User' };

export interface RepositoryRecord {
  owner: Account;
  name: string;
  id: number;
  defaultBranch: string;
  git: GitRepository;
}

export interface PullRequestRecord {
  number: number;
  id: number;
  title: string;
  body: string | null;
  author: Account;
  state: 'open' | 'closed';
  draft: boolean;
  base: { ref: string; sha: string };
  /** `repoOwner` differs from the repository's owner for a pull request from a fork. */
  head: { ref: string; sha: string; repoOwner: Account };
  /** Every head the pull request has had, oldest first: a review may name any of them as its `commit_id`. */
  headHistory: string[];
  /** `refs/pull/N/merge`, undefined while the branches conflict. */
  mergeCommitSha: string | undefined;
  createdAt: string;
  updatedAt: string;
}

export interface IssueRecord {
  number: number;
  id: number;
  title: string;
  body: string | null;
  author: Account;
  state: 'open' | 'closed';
  stateReason: string | null;
  labels: string[];
  /** Pull requests are issues too: they share the numbers and show up in the issue list. */
  isPullRequest: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface IssueCommentRecord {
  id: number;
  issueNumber: number;
  body: string;
  author: Account;
  createdAt: string;
  updatedAt: string;
}

export type ReviewState = 'PENDING' | 'COMMENTED' | 'APPROVED' | 'CHANGES_REQUESTED';

export interface ReviewRecord {
  id: number;
  pullNumber: number;
  author: Account;
  body: string;
  state: ReviewState;
  commitId: string;
  submittedAt: string | undefined;
}

export type Side = 'LEFT' | 'RIGHT';

export interface ReviewCommentRecord {
  id: number;
  reviewId: number;
  pullNumber: number;
  threadId: string;
  author: Account;
  body: string;
  path: string;
  side: Side;
  /** Null once the comment is outdated (its line changed or left the diff). */
  line: number | null;
  startLine: number | null;
  startSide: Side | null;
  position: number | null;
  originalLine: number;
  originalStartLine: number | null;
  originalPosition: number;
  commitId: string;
  originalCommitId: string;
  diffHunk: string;
  createdAt: string;
  updatedAt: string;
}

export interface ReviewThreadRecord {
  id: string;
  pullNumber: number;
  commentIds: number[];
  isResolved: boolean;
  resolvedBy: Account | undefined;
}

export interface AnnotationRecord {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
  raw_details?: string;
}

export interface CheckRunRecord {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  startedAt: string;
  completedAt: string | null;
  detailsUrl: string | null;
  externalId: string;
  output: { title: string | null; summary: string | null; text: string | null };
  /** Every annotation sent, across create and updates (GitHub appends them). */
  annotations: AnnotationRecord[];
}

export interface ArtifactRecord {
  id: number;
  name: string;
  archive: Buffer;
  createdAt: string;
  expiresAt: string;
  expired: boolean;
  /** The workflow run that uploaded it; GitHub gives none once the run is deleted. */
  workflowRun: { id: number; headBranch: string; headSha: string } | null;
}

/** GitHub's timestamps: ISO 8601 to the second. */
export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A new-style node id (`PR_kwDO…`): opaque, unique, and shaped like GitHub's. */
export function nodeId(prefix: string, id: number): string {
  return `${prefix}_kwDO${Buffer.from(`emulator:${id}`).toString('base64url')}`;
}

export class EmulatorState {
  readonly repository: RepositoryRecord;
  readonly pullRequests = new Map<number, PullRequestRecord>();
  readonly issues = new Map<number, IssueRecord>();
  readonly issueComments: IssueCommentRecord[] = [];
  readonly reviews: ReviewRecord[] = [];
  readonly reviewComments: ReviewCommentRecord[] = [];
  readonly reviewThreads: ReviewThreadRecord[] = [];
  readonly checkRuns: CheckRunRecord[] = [];
  readonly artifacts: ArtifactRecord[] = [];
  private lastId = 100_000;
  private lastNumber = 0;
  private readonly diffs = new Map<string, Promise<PullFile[]>>();

  constructor(repository: Omit<RepositoryRecord, 'id'>) {
    this.repository = { ...repository, id: this.nextId() };
  }

  nextId(): number {
    return ++this.lastId;
  }

  /** Issues and pull requests share one sequence of numbers. */
  nextNumber(): number {
    return ++this.lastNumber;
  }

  /** The pull request's files at `head` (default: its current head), from the merge base with its base. */
  files(pull: PullRequestRecord, head = pull.head.sha): Promise<PullFile[]> {
    const key = `${pull.base.sha}...${head}`;
    let files = this.diffs.get(key);
    if (!files) {
      files = diffPullRequest(this.repository.git, pull.base.sha, head);
      this.diffs.set(key, files);
    }
    return files;
  }

  /** How many commits the pull request has (from the merge base to its head). */
  async commitCount(pull: PullRequestRecord): Promise<number> {
    const git = this.repository.git;
    const mergeBase = await git.mergeBase(pull.base.sha, pull.head.sha);
    return Number((await git.git(['rev-list', '--count', `${mergeBase}..${pull.head.sha}`])).trim());
  }

  /** Opens a pull request from branch `head` into `base` (default: the default branch) of the repository's git. */
  async openPullRequest({
    head,
    base = this.repository.defaultBranch,
    title = `Changes from ${head}`,
    body = null,
    author = CONTRIBUTOR,
    fromFork = false,
    draft = false,
  }: {
    head: string;
    base?: string;
    title?: string;
    body?: string | null;
    author?: Account;
    /** The head branch lives in the author's fork: its workflows get a read-only token. */
    fromFork?: boolean;
    draft?: boolean;
  }): Promise<PullRequestRecord> {
    const git = this.repository.git;
    const now = timestamp();
    const pull: PullRequestRecord = {
      number: this.nextNumber(),
      id: this.nextId(),
      title,
      body,
      author,
      state: 'open',
      draft,
      base: { ref: base, sha: await this.branchSha(base) },
      head: { ref: head, sha: await this.branchSha(head), repoOwner: fromFork ? author : this.repository.owner },
      headHistory: [],
      mergeCommitSha: undefined,
      createdAt: now,
      updatedAt: now,
    };
    pull.headHistory.push(pull.head.sha);
    await git.git(['update-ref', `refs/pull/${pull.number}/head`, pull.head.sha]);
    pull.mergeCommitSha = await git.testMerge(pull.base.sha, pull.head.sha, `refs/pull/${pull.number}/merge`);
    this.pullRequests.set(pull.number, pull);
    this.issues.set(pull.number, {
      number: pull.number,
      id: this.nextId(),
      title,
      body,
      author,
      state: 'open',
      stateReason: null,
      labels: [],
      isPullRequest: true,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
    });
    return pull;
  }

  /**
   * What GitHub does on a push to the head branch (including a force-push): the pull request moves to the branch's
   * new tip, and each review comment either follows its line or becomes outdated. Returns the `before`/`after` shas.
   */
  async synchronize(number: number): Promise<{ before: string; after: string }> {
    const pull = this.pullRequest(number);
    const git = this.repository.git;
    const before = pull.head.sha;
    const after = await this.branchSha(pull.head.ref);
    pull.base.sha = await this.branchSha(pull.base.ref);
    pull.head.sha = after;
    pull.headHistory.push(after);
    pull.updatedAt = timestamp();
    await git.git(['update-ref', `refs/pull/${pull.number}/head`, after]);
    pull.mergeCommitSha = await git.testMerge(pull.base.sha, after, `refs/pull/${pull.number}/merge`);
    const files = await this.files(pull);
    for (const comment of this.reviewComments.filter((candidate) => candidate.pullNumber === number && candidate.line !== null)) {
      await this.followComment(comment, files, after);
    }
    return { before, after };
  }

  pullRequest(number: number): PullRequestRecord {
    const pull = this.pullRequests.get(number);
    if (!pull) throw new Error(`no pull request #${number}`);
    return pull;
  }

  /** A comment by someone else (a human reviewer, another bot), to check the Action leaves it alone. */
  addIssueComment(issueNumber: number, body: string, author: Account): IssueCommentRecord {
    const now = timestamp();
    const comment: IssueCommentRecord = { id: this.nextId(), issueNumber, body, author, createdAt: now, updatedAt: now };
    this.issueComments.push(comment);
    return comment;
  }

  /**
   * An artifact of a workflow run (a baseline report, a GPU job's dumps), served as the zip GitHub would serve; `run`
   * is the run's id (default: a new one, an earlier run), branch and commit (none: a deleted run).
   */
  addArtifact(
    name: string,
    files: Record<string, string | Buffer>,
    { expired = false, run }: { expired?: boolean; run?: { id?: number; headBranch: string; headSha: string } } = {},
  ): ArtifactRecord {
    const created = new Date();
    const artifact: ArtifactRecord = {
      id: this.nextId(),
      name,
      archive: zip(files),
      createdAt: timestamp(created),
      expiresAt: timestamp(new Date(created.getTime() + 90 * 24 * 3600 * 1000)),
      expired,
      workflowRun: run ? { id: run.id ?? this.nextId(), headBranch: run.headBranch, headSha: run.headSha } : null,
    };
    this.artifacts.push(artifact);
    return artifact;
  }

  /** The comments of a thread; the first one carries its position. */
  threadComments(thread: ReviewThreadRecord): ReviewCommentRecord[] {
    return thread.commentIds.map((id) => this.reviewComments.find((comment) => comment.id === id)!);
  }

  private async branchSha(branch: string): Promise<string> {
    const sha = await this.repository.git.resolveCommit(`refs/heads/${branch}`);
    if (!sha) throw new Error(`no branch "${branch}" in ${this.repository.git.dir}`);
    return sha;
  }

  private async followComment(comment: ReviewCommentRecord, files: PullFile[], head: string): Promise<void> {
    const outdate = (): void => {
      comment.line = null;
      comment.startLine = null;
      comment.position = null;
    };
    const file = files.find((candidate) => candidate.filename === comment.path);
    if (!file) return outdate();
    const shift = comment.side === 'RIGHT' ? await lineShift(this.repository.git, comment.commitId, head, comment.path) : () => 0;
    const line = shiftLine(shift, comment.line!);
    const anchor = line === undefined ? undefined : commentableLines(file, comment.side).get(line);
    if (line === undefined || !anchor) return outdate();
    let startLine: number | null = null;
    if (comment.startLine !== null) {
      startLine = shiftLine(shift, comment.startLine) ?? null;
      const startAnchor = startLine === null ? undefined : commentableLines(file, comment.startSide ?? comment.side).get(startLine);
      if (startAnchor?.hunk !== anchor.hunk) return outdate();
    }
    comment.line = line;
    comment.startLine = startLine;
    comment.position = anchor.position;
    comment.commitId = head;
  }
}

/** Where a line of `path` at `from` is at `to`: a function giving its offset, or undefined if the line itself changed. */
async function lineShift(git: GitRepository, from: string, to: string, path: string): Promise<(line: number) => number | undefined> {
  const diff = await git.git(['diff', '--no-color', '--no-ext-diff', '-U0', from, to, '--', path]);
  const hunks = [...diff.matchAll(/^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/gm)].map((match) => ({
    oldStart: Number(match[1]),
    oldCount: match[2] === undefined ? 1 : Number(match[2]),
    newCount: match[4] === undefined ? 1 : Number(match[4]),
  }));
  return (line) => {
    let offset = 0;
    for (const { oldStart, oldCount, newCount } of hunks) {
      if (oldCount > 0 && line >= oldStart && line < oldStart + oldCount) return undefined;
      // With no old lines, the hunk inserts after `oldStart`.
      const before = oldCount > 0 ? oldStart + oldCount - 1 < line : oldStart < line;
      if (before) offset += newCount - oldCount;
    }
    return offset;
  };
}

function shiftLine(shift: (line: number) => number | undefined, line: number): number | undefined {
  const offset = shift(line);
  return offset === undefined ? undefined : line + offset;
}

import { compareFindings, ruleLabel, severityRank, type Finding } from '../findings';
import { httpStatus, type GitHubClient } from '../github/client';
import type { ChangedFile } from '../github/diff';
import type { PullRequestRef } from '../github/events';
import { isAuthoredBy, type TokenIdentity } from '../github/identity';
import { resolveThreads } from '../github/review-threads';
import { codeBlock, escapeMarkdown, inlineCode, messageMarkdown } from './escape';
import { ruleDocUrl } from './links';
import { SEVERITY_ICON, severityLabel } from './markdown';
import { COMMENT_BODY_LIMIT, countCharacters, renderSections } from './summary';
import { headline } from './verdict';
import { plural } from '../rollout/checks/check';

/**
 * The one PR review of a run: inline comments on lines of the diff, each carrying a hidden marker with the
 * finding's fingerprint, so that re-runs (re-push, rebase, force-push, re-run) never post a finding twice and
 * mark the comments of findings that are gone.
 */


/** Starts every inline comment of rl-review: `<!-- rl-review:finding fingerprint=… rule=… name=… [resolved] -->`. */
const FINDING_MARKER = /^<!-- rl-review:finding fingerprint=([0-9a-f]+) rule=([\w.-]+) name=([\w.-]+)( resolved)? -->/;

type MarkedFinding = Pick<Finding, 'fingerprint' | 'ruleId' | 'name'>;

export function findingMarker(finding: MarkedFinding, resolved = false): string {
  return `<!-- rl-review:finding fingerprint=${finding.fingerprint} rule=${finding.ruleId} name=${finding.name}${resolved ? ' resolved' : ''} -->`;
}

/** An inline comment rl-review posted in an earlier run. */
export interface ExistingComment extends MarkedFinding {
  id: number;
  path: string;
  resolved: boolean;
}

/**
 * A top-level comment's marker; replies in a thread are left alone. Whose comment it is, the marker cannot say:
 * `listExistingComments` keeps only those the token's account wrote.
 */
export function parseExistingComment(comment: { id: number; path: string; body: string; in_reply_to_id?: number }): ExistingComment | undefined {
  if (comment.in_reply_to_id) return undefined;
  const match = FINDING_MARKER.exec(comment.body);
  if (!match) return undefined;
  return { id: comment.id, path: comment.path, fingerprint: match[1], ruleId: match[2], name: match[3], resolved: Boolean(match[4]) };
}

/** Where an inline comment goes: `line` (and `startLine` for a range) on the RIGHT side of the diff. */
export interface Anchor {
  line: number;
  startLine?: number;
  /** The anchor covers exactly the fix's lines, so the comment can carry a suggestion block. */
  suggestion: boolean;
}

/** Lines `from..to` are all inside one hunk of the diff (GitHub's rule for a multi-line comment). */
function inOneHunk(changes: ChangedFile, from: number, to: number): boolean {
  for (let line = from; line <= to; line++) if (!changes.inHunk.has(line)) return false;
  return true;
}

const rangeAnchor = (line: number, endLine: number, suggestion: boolean): Anchor =>
  line === endLine ? { line, suggestion } : { line: endLine, startLine: line, suggestion };

/**
 * The lines a comment on `finding` can point to, or undefined when none of its lines is in the diff (GitHub would
 * answer 422). Prefer the fix's lines (a suggestion replaces exactly the commented lines), then the finding's
 * range, then its first line that is in a hunk.
 */
export function anchorFor(finding: Finding, changes: ChangedFile | undefined): Anchor | undefined {
  if (!changes) return undefined;
  if (finding.fix && inOneHunk(changes, finding.fix.line, finding.fix.endLine)) return rangeAnchor(finding.fix.line, finding.fix.endLine, true);
  if (inOneHunk(changes, finding.line, finding.endLine)) return rangeAnchor(finding.line, finding.endLine, false);
  for (let line = finding.line; line <= finding.endLine; line++) if (changes.inHunk.has(line)) return { line, suggestion: false };
  return undefined;
}

export interface PlannedComment {
  finding: Finding;
  anchor: Anchor;
}

export interface ReviewPlan {
  /** New inline comments, most severe first, at most `maxComments` active ones in all. */
  comments: PlannedComment[];
  /** On the diff but past `maxComments`: listed in the review body and the summary. */
  overflow: Finding[];
  /** No line of the diff to attach to: the summary lists them. */
  outsideDiff: Finding[];
  /** An active rl-review comment already shows them. */
  alreadyCommented: Finding[];
  /** Active comments whose finding this run no longer reports. */
  resolve: ExistingComment[];
}

export interface PlanOptions {
  maxComments: number;
  /** Whether this run analyzed `path` and so knows its findings are gone (not so for a file it could not fetch). */
  canResolve: (path: string) => boolean;
}

/** `diff` maps each changed file to its changes (undefined: GitHub omitted the patch). */
export function planReview(
  findings: readonly Finding[],
  diff: ReadonlyMap<string, ChangedFile | undefined>,
  existing: readonly ExistingComment[],
  options: PlanOptions,
): ReviewPlan {
  const plan: ReviewPlan = { comments: [], overflow: [], outsideDiff: [], alreadyCommented: [], resolve: [] };
  const active = new Map<string, ExistingComment[]>();
  for (const comment of existing.filter((c) => !c.resolved)) active.set(comment.fingerprint, [...(active.get(comment.fingerprint) ?? []), comment]);

  const bySeverity = [...findings].sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || compareFindings(a, b));
  const candidates: PlannedComment[] = [];
  for (const finding of bySeverity) {
    // Identical lines share a fingerprint: each active comment stands for one finding.
    if (active.get(finding.fingerprint)?.shift()) {
      plan.alreadyCommented.push(finding);
      continue;
    }
    const anchor = anchorFor(finding, diff.get(finding.path));
    if (anchor) candidates.push({ finding, anchor });
    else plan.outsideDiff.push(finding);
  }
  const room = Math.max(0, options.maxComments - plan.alreadyCommented.length);
  plan.comments = candidates.slice(0, room);
  plan.overflow = candidates.slice(room).map((c) => c.finding);
  plan.resolve = [...active.values()].flat().filter((c) => options.canResolve(c.path));
  return plan;
}

/** The inline comment: the rule and severity with a link to its doc, the message, and the fix as a suggestion. */
export function commentBody(finding: Finding, anchor: Anchor): string {
  const title = `${SEVERITY_ICON[finding.severity]} **[${escapeMarkdown(ruleLabel(finding))}](${ruleDocUrl(finding.name)})** · ${finding.severity}`;
  const parts = [findingMarker(finding), title, '', messageMarkdown(finding.message)];
  if (finding.fix) {
    parts.push('', `Fix: ${messageMarkdown(finding.fix.description)}`);
    if (anchor.suggestion) parts.push('', codeBlock(finding.fix.replacement, 'suggestion'));
  }
  const body = parts.join('\n');
  // A suggestion is the only part of unbounded size; without it the body is a few hundred characters.
  return body.length <= COMMENT_BODY_LIMIT ? body : parts.slice(0, 4).join('\n');
}

/** What a comment becomes when its finding is gone: it keeps its thread, loses its suggestion, and says why. */
export function resolvedBody(comment: ExistingComment, headSha: string): string {
  const rule = `[${escapeMarkdown(ruleLabel(comment))}](${ruleDocUrl(comment.name)})`;
  return `${findingMarker(comment, true)}\n✅ **Resolved**: ${rule} is no longer reported here as of ${inlineCode(headSha.slice(0, 7))}.`;
}

/** One sentence, and past `max-comments` the findings not commented inline as a collapsed list, one line each. */
export function reviewBody(plan: ReviewPlan, headSha: string, maxComments: number): string {
  const count = plan.comments.length;
  const at = inlineCode(headSha.slice(0, 7));
  if (!plan.overflow.length) return `**rl-review**: ${plural(count, 'new finding')} on the diff at ${at}; the summary comment has the verdict.\n`;
  const head =
    `**rl-review**: ${plural(count, 'new finding')} on the diff at ${at} commented inline; ${plan.overflow.length} more are over ` +
    `\`max-comments: ${maxComments}\`, listed below and in the summary comment.`;
  const blocks = plan.overflow.map((f) => `- ${severityLabel(f.severity)} ${inlineCode(`${f.path}:${f.line}`)} ${escapeMarkdown(f.ruleId)}: ${messageMarkdown(headline(f.message))}`);
  return renderSections(head, [{ title: 'Not commented inline', summary: String(plan.overflow.length), blocks }], {
    limit: COMMENT_BODY_LIMIT,
    measure: countCharacters,
    omittedNote: (omitted) => `_… ${omitted} more: see the summary comment._`,
  });
}

export interface Bisection<T> {
  /** Items GitHub accepts. */
  accepted: T[];
  /** Items GitHub rejects, each on its own. */
  rejected: T[];
  /** Items not tried because of another error (after the client's own retries). */
  untried: T[];
  error?: unknown;
}

/**
 * `items` were rejected together (GitHub's 422 does not say which review comment it objects to): try each half
 * instead, down to single items, to tell the offending items from the rest. Each offending item costs two tries per
 * halving, not one try per item.
 */
export async function findRejected<T>(
  items: readonly T[],
  tryBatch: (batch: T[]) => Promise<void>,
  isRejection: (error: unknown) => boolean,
): Promise<Bisection<T>> {
  const halves = (batch: T[]) => [batch.slice(0, Math.ceil(batch.length / 2)), batch.slice(Math.ceil(batch.length / 2))];
  const result: Bisection<T> = { accepted: [], rejected: items.length === 1 ? [items[0]] : [], untried: [] };
  const queue: T[][] = items.length > 1 ? halves([...items]) : [];
  while (queue.length) {
    const batch = queue.shift()!;
    try {
      await tryBatch(batch);
      result.accepted.push(...batch);
    } catch (error) {
      if (!isRejection(error)) {
        result.untried = [batch, ...queue].flat();
        result.error = error;
        break;
      }
      if (batch.length === 1) result.rejected.push(batch[0]);
      else queue.unshift(...halves(batch));
    }
  }
  return result;
}

/** The inline comments rl-review posted on the pull request: those with a marker that `author` (the token) wrote. */
export async function listExistingComments(client: GitHubClient, pr: PullRequestRef, author: TokenIdentity): Promise<ExistingComment[]> {
  const comments = await client.paginate(client.rest.pulls.listReviewComments, { ...pr.repository, pull_number: pr.number, per_page: 100 });
  return comments.flatMap((c) => (isAuthoredBy(c, author) ? (parseExistingComment(c) ?? []) : []));
}

export interface ReviewOutcome {
  posted: Finding[];
  rejected: Finding[];
  unposted: Finding[];
  resolved: number;
  /** The error that stopped posting or resolving, after the client's retries. */
  error?: unknown;
}

type Review = PullRequestRef & { headSha: string };

const isRejection = (error: unknown) => httpStatus(error) === 422;

/** Creates a review of `comments` on the head commit: submitted with `body`, or left pending (no `submit`). */
async function createReview(client: GitHubClient, pr: Review, comments: readonly PlannedComment[], submit?: { body: string }): Promise<number> {
  const { data } = await client.rest.pulls.createReview({
    ...pr.repository,
    pull_number: pr.number,
    commit_id: pr.headSha,
    ...(submit ? { event: 'COMMENT' as const, body: submit.body } : {}),
    comments: comments.map(({ finding, anchor }) => ({
      path: finding.path,
      line: anchor.line,
      side: 'RIGHT',
      ...(anchor.startLine ? { start_line: anchor.startLine, start_side: 'RIGHT' } : {}),
      body: commentBody(finding, anchor),
    })),
  });
  return data.id;
}

/**
 * Which of `comments`, rejected together, GitHub accepts, without posting any: each batch goes into a pending review
 * (seen by no one, no notification), which is deleted at once. A pending review left by an earlier run that stopped
 * midway is deleted first: GitHub allows one per user.
 */
async function probeComments(client: GitHubClient, pr: Review, comments: readonly PlannedComment[]): Promise<Bisection<PlannedComment>> {
  const deletePending = (id: number) => client.rest.pulls.deletePendingReview({ ...pr.repository, pull_number: pr.number, review_id: id });
  const reviews = await client.paginate(client.rest.pulls.listReviews, { ...pr.repository, pull_number: pr.number, per_page: 100 });
  // Pending reviews are shown to their author only: any listed is this token's.
  for (const review of reviews.filter((r) => r.state === 'PENDING')) await deletePending(review.id);
  return findRejected(comments, async (batch) => void (await deletePending(await createReview(client, pr, batch))), isRejection);
}

interface PostedReview {
  posted: PlannedComment[];
  rejected: PlannedComment[];
  unposted: PlannedComment[];
  error?: unknown;
}

/**
 * Posts `comments` as one review. When GitHub rejects it, the comments it accepts are found with pending reviews and
 * posted, still as one review. `body` is the review's text for the comments it carries.
 */
async function postReview(
  client: GitHubClient,
  pr: Review,
  comments: readonly PlannedComment[],
  body: (posted: readonly PlannedComment[]) => string,
): Promise<PostedReview> {
  const notPosted = (error: unknown, rejected: PlannedComment[] = []): PostedReview =>
    ({ posted: [], rejected, unposted: comments.filter((c) => !rejected.includes(c)), error });
  try {
    await createReview(client, pr, comments, { body: body(comments) });
    return { posted: [...comments], rejected: [], unposted: [] };
  } catch (error) {
    if (!isRejection(error)) return notPosted(error);
  }
  let probed: Bisection<PlannedComment>;
  try {
    probed = await probeComments(client, pr, comments);
  } catch (error) {
    return notPosted(error);
  }
  if (probed.error) return notPosted(probed.error, probed.rejected);
  try {
    if (probed.accepted.length) await createReview(client, pr, probed.accepted, { body: body(probed.accepted) });
    return { posted: probed.accepted, rejected: probed.rejected, unposted: [] };
  } catch (error) {
    return notPosted(error, probed.rejected);
  }
}

/**
 * Post the planned comments as one review on the head commit, then mark the comments of gone findings as resolved:
 * their body says so and their thread is resolved.
 */
export async function publishReview(client: GitHubClient, pr: Review, plan: ReviewPlan, maxComments: number): Promise<ReviewOutcome> {
  const result: PostedReview = plan.comments.length
    ? await postReview(client, pr, plan.comments, (posted) => reviewBody({ ...plan, comments: [...posted] }, pr.headSha, maxComments))
    : { posted: [], rejected: [], unposted: [] };
  const outcome: ReviewOutcome = {
    posted: result.posted.map((c) => c.finding),
    rejected: result.rejected.map((c) => c.finding),
    unposted: result.unposted.map((c) => c.finding),
    resolved: 0,
    error: result.error,
  };
  if (outcome.error) return outcome;
  try {
    for (const comment of plan.resolve) {
      await client.rest.pulls.updateReviewComment({ ...pr.repository, comment_id: comment.id, body: resolvedBody(comment, pr.headSha) });
      outcome.resolved++;
    }
    if (plan.resolve.length) await resolveThreads(client, pr.repository, pr.number, new Set(plan.resolve.map((c) => c.id)));
  } catch (error) {
    outcome.error = error;
  }
  return outcome;
}

import type { Finding, Notice, Suppression } from '../findings';
import type { GitHubClient } from '../github/client';
import type { PullRequestRef } from '../github/events';
import { isAuthoredBy, type TokenIdentity } from '../github/identity';
import { escapeMarkdown, inlineCode, messageMarkdown } from './escape';
import { findingsTable } from './markdown';
import { bySeverity, severityWords } from './verdict';
import { plural } from '../rollout/checks/check';

/** GitHub rejects issue, review and comment bodies longer than this (in characters). */
export const COMMENT_BODY_LIMIT = 65_536;

/** GitHub refuses a step's job summary larger than this (in bytes). */
export const JOB_SUMMARY_LIMIT_BYTES = 1024 * 1024;

export const countCharacters = (text: string) => text.length;
export const countBytes = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * One titled part of a summary (the sticky PR comment, the job summary, the audit issue, the check run).
 * The static findings fill the first sections; the smoke rollout and the probes add theirs beside them.
 */
export interface SummarySection {
  title: string;
  /** A few words after the title on the collapsed line: `3 errors · 2 warnings`. */
  summary?: string;
  /** Shown open: what the reader needs at once (the output of a smoke command that failed). */
  open?: boolean;
  /**
   * Markdown blocks joined by a newline: table rows (a table's header and separator are one block), list items,
   * paragraphs (end one with '\n' for a blank line after it). When the summary is too long, blocks are dropped
   * from the end of the longest section first, so each block must stand on its own. Everything taken from the
   * PR must already be escaped (src/report/escape.ts).
   */
  blocks: string[];
}

export interface FitOptions {
  limit: number;
  measure: (text: string) => number;
  /** The line that replaces `omitted` dropped blocks of a section (say where the full report is). */
  omittedNote: (omitted: number) => string;
}

/** Room kept for each section's omitted note and the joins around it. */
const NOTE_RESERVE = 400;

/**
 * `head`, then each section collapsed under its title (`<details>`, open only where it says so), kept under `limit`:
 * while too long, the last block of the longest section is dropped, and each shortened section ends with
 * `omittedNote`. `head` must be short.
 */
export function renderSections(head: string, sections: readonly SummarySection[], options: FitOptions): string {
  const kept = sections.map((s) => [...s.blocks]);
  const omitted = sections.map(() => 0);
  const render = () =>
    [head, ...sections.map((s, i) => {
      const blocks = omitted[i] ? [...kept[i], `\n${options.omittedNote(omitted[i])}`] : kept[i];
      const summary = `<summary><b>${s.title}</b>${s.summary ? ` · ${s.summary}` : ''}</summary>`;
      return `<details${s.open ? ' open' : ''}>${summary}\n\n${blocks.join('\n').trimEnd()}\n\n</details>`;
    })].join('\n\n') + '\n';

  const sizes = kept.map((blocks) => blocks.map((b) => options.measure(b) + 1));
  const sectionSizes = sizes.map((s) => s.reduce((a, b) => a + b, 0));
  let total = options.measure(render());
  const budget = options.limit - NOTE_RESERVE * sections.length;
  while (total > budget) {
    const longest = sectionSizes.indexOf(Math.max(...sectionSizes));
    if (!kept[longest].length) break;
    kept[longest].pop();
    omitted[longest]++;
    const dropped = sizes[longest][kept[longest].length];
    sectionSizes[longest] -= dropped;
    total -= dropped;
  }
  return render();
}

/** A table block list for findings: the header block, then one row per finding. */
function tableBlocks(findings: readonly Finding[], fileUrl?: (f: Finding) => string): string[] {
  const [header, separator, ...rows] = findingsTable(findings, fileUrl).split('\n');
  return [`${header}\n${separator}`, ...rows];
}

/** The findings as a collapsed table, errors first. */
export function findingsSection(title: string, findings: readonly Finding[], fileUrl?: (f: Finding) => string, intro?: string): SummarySection | undefined {
  if (!findings.length) return undefined;
  const sorted = [...findings].sort(bySeverity);
  return { title, summary: severityWords(findings), blocks: [...(intro ? [`${intro}\n`] : []), ...tableBlocks(sorted, fileUrl)] };
}

/** Why a finding on the diff has no inline comment of this run. */
export type NotInlineReason = 'over-limit' | 'rejected' | 'not-posted';

const REASON_TEXT: Record<Exclude<NotInlineReason, 'over-limit'>, string> = {
  rejected: 'GitHub rejected the comment',
  'not-posted': 'the review could not be posted',
};

/**
 * Findings on the diff with no inline comment: those over `max-comments` in one sentence (the Findings table lists
 * them), the others (a comment GitHub rejected or that could not be posted) one by one.
 */
export function notInlineSection(items: readonly { finding: Finding; reason: NotInlineReason }[]): SummarySection | undefined {
  if (!items.length) return undefined;
  const overLimit = items.filter((item) => item.reason === 'over-limit').length;
  const blocks = items
    .flatMap(({ finding: f, reason }) => (reason === 'over-limit' ? [] : [{ f, reason }]))
    .map(({ f, reason }) => `- ${inlineCode(`${f.path}:${f.line}`)} ${escapeMarkdown(f.ruleId)}: ${REASON_TEXT[reason]}`);
  if (overLimit) blocks.unshift(`${plural(overLimit, 'finding')} on the diff ${overLimit === 1 ? 'is' : 'are'} over \`max-comments\`: the Findings table lists ${overLimit === 1 ? 'it' : 'them'}.${blocks.length ? '\n' : ''}`);
  return { title: 'Not commented inline', summary: String(items.length), blocks };
}

/**
 * The `rl-review: ignore` comments a pull request adds. With `config-ref: base` it cannot switch a rule off in the
 * config; these comments do so in the code, and an `ignore-file` far from the code it silences is easy to miss.
 */
export function suppressionsSection(suppressions: readonly Suppression[]): SummarySection | undefined {
  if (!suppressions.length) return undefined;
  const silenced = suppressions.reduce((sum, s) => sum + s.silenced.length, 0);
  const fileWide = suppressions.filter((s) => s.scope === 'file').length;
  const comments = plural(suppressions.length, '`rl-review: ignore` comment');
  const inFile = fileWide ? `; ${fileWide} of them ${fileWide === 1 ? 'switches' : 'switch'} rules off in a whole file (\`ignore-file\`)` : '';
  const intro = `${comments} added by this pull request ${suppressions.length === 1 ? 'silences' : 'silence'} ${plural(silenced, 'finding')}${inFile}.\n`;
  return { title: 'Rules silenced by this pull request', summary: String(suppressions.length), blocks: [intro, ...suppressions.map(suppressionItem)] };
}

function suppressionItem(s: Suppression): string {
  const directive = `${s.scope === 'file' ? 'ignore-file' : 'ignore'}${s.rules ? `[${s.rules.join(', ')}]` : ''}`;
  const rules = s.rules ? s.rules.map(escapeMarkdown).join(', ') : 'every rule';
  const where = s.scope === 'file' ? 'in the whole file' : 'on this line and the next';
  const counts = new Map<string, number>();
  for (const ruleId of s.silenced) counts.set(ruleId, (counts.get(ruleId) ?? 0) + 1);
  const silenced = s.silenced.length
    ? `${plural(s.silenced.length, 'finding')} silenced (${[...counts].map(([ruleId, n]) => `${escapeMarkdown(ruleId)} ×${n}`).join(', ')})`
    : 'no finding silenced in this run';
  return `- ${inlineCode(`${s.path}:${s.line}`)} ${inlineCode(directive)}: ${rules} off ${where}; ${silenced}`;
}

export function noticesSection(notices: readonly Notice[]): SummarySection | undefined {
  if (!notices.length) return undefined;
  return {
    title: 'Notices',
    summary: String(notices.length),
    blocks: notices.map((n) => `- ${inlineCode(n.line ? `${n.path}:${n.line}` : n.path)}: ${messageMarkdown(n.message)}`),
  };
}

/** Says where the whole report is when a body had to be shortened. */
export function jobSummaryNote(runUrl: string): (omitted: number) => string {
  return (omitted) => `_… ${omitted} more not shown (GitHub limits comments to 65,536 characters): see the [job summary](${runUrl})._`;
}

/** Identifies the sticky summary comment among the PR's comments; always its first line. */
export const SUMMARY_MARKER = '<!-- rl-review:summary -->';

/**
 * Create the sticky summary comment, or edit it in place. It is the first comment with the marker that `author` (the
 * token's account) wrote: anyone can start a comment with the marker. An unchanged body is not written again, and a
 * PR with nothing to report gets no new comment (`createIfMissing: false`). Returns what was done.
 */
export async function upsertSummaryComment(
  client: GitHubClient,
  pr: PullRequestRef,
  author: TokenIdentity,
  body: string,
  createIfMissing: boolean,
): Promise<'created' | 'updated' | 'unchanged' | 'skipped'> {
  const comments = await client.paginate(client.rest.issues.listComments, { ...pr.repository, issue_number: pr.number, per_page: 100 });
  const existing = comments.find((c) => isAuthoredBy(c, author) && c.body?.startsWith(SUMMARY_MARKER));
  const text = `${SUMMARY_MARKER}\n${body}`;
  if (existing) {
    if (existing.body === text) return 'unchanged';
    await client.rest.issues.updateComment({ ...pr.repository, comment_id: existing.id, body: text });
    return 'updated';
  }
  if (!createIfMissing) return 'skipped';
  await client.rest.issues.createComment({ ...pr.repository, issue_number: pr.number, body: text });
  return 'created';
}

import { failsAt, ruleLabel, SEVERITIES, severityRank, type Finding, type Severity } from '../findings';
import { PROBE_CHECK_IDS } from '../probes/checks';
import { plural } from '../rollout/checks/check';
import { rolloutFails, type RolloutFailOn, type RolloutReport } from '../rollout/report';
import { escapeMarkdown, messageMarkdown } from './escape';
import { docUrl, ruleDocUrl } from './links';
import { severityLabel } from './markdown';
import type { Report } from './report';

/**
 * What an engineer reads first on a pull request: whether the review blocks the merge and why, in one line, then the
 * blockers one line each. The rest of a summary is collapsed below them.
 */

export type FailOn = Severity | 'never';

/** At most this many blockers are listed; the rest are counted. */
const BLOCKERS_SHOWN = 10;
/** A blocker's message is cut to its first sentence, at most this long. */
const HEADLINE_CHARS = 160;

/** A review's `fail-on` as the smoke rollout's: its checks warn or fail, with no info level. */
const ROLLOUT_FAIL_ON: Record<FailOn, RolloutFailOn> = { error: 'error', warning: 'warning', info: 'warning', never: 'never' };

/** Whether the review fails at `failOn`: a finding (static or probe) at or above it, or a failing smoke rollout. */
export function reviewFails(report: Report, failOn: FailOn): boolean {
  return failsAt(report.findings, failOn) || (report.rollout !== undefined && rolloutFails(report.rollout, ROLLOUT_FAIL_ON[failOn]));
}

/** Errors first, then warnings and info; within a severity, by file and line. */
export function bySeverity(a: Finding, b: Finding): number {
  return severityRank(a.severity) - severityRank(b.severity) || a.path.localeCompare(b.path) || a.line - b.line || a.ruleId.localeCompare(b.ruleId);
}

const isProbeFinding = (finding: Finding) => PROBE_CHECK_IDS.has(finding.ruleId);

/** `3 errors · 7 warnings · 2 info`. */
export function severityWords(findings: readonly Finding[]): string {
  return SEVERITIES.map((severity) => {
    const count = findings.filter((f) => f.severity === severity).length;
    return severity === 'info' ? `${count} info` : plural(count, severity);
  }).join(' · ');
}

/** `smoke rollout: 2 of 11 checks failed`, `smoke rollout failed: exit status 1`, `smoke rollout: 11 checks passed`. */
export function rolloutVerdict(rollout: RolloutReport): string {
  if (rollout.failure) return `smoke rollout failed (${rollout.failure.split(':')[0]})`;
  const judged = rollout.checks.filter((c) => c.status !== 'unknown');
  const failed = judged.filter((c) => c.status === 'fail').length;
  const warned = judged.filter((c) => c.status === 'warn').length;
  if (!failed && !warned) return `smoke rollout: ${plural(judged.length, 'check')} passed`;
  const parts = [failed ? `${failed} of ${plural(judged.length, 'check')} failed` : '', warned ? `${warned} warned` : ''];
  return `smoke rollout: ${parts.filter(Boolean).join(', ')}`;
}

/**
 * `❌ **Blocks merge** at `fail-on: error`: 3 errors · 7 warnings · 2 info · smoke rollout: 2 of 11 checks failed ·
 * probes: 1 check failed`. The static findings' counts, then the smoke rollout, then the probes (whose failures are
 * findings too, counted apart).
 */
export function verdictLine(report: Report, failOn: FailOn): string {
  const head = reviewFails(report, failOn) ? '❌ **Blocks merge**' : '✅ **Passes**';
  const staticFindings = report.findings.filter((f) => !isProbeFinding(f));
  const parts = [severityWords(staticFindings)];
  if (report.rollout) parts.push(rolloutVerdict(report.rollout));
  if (report.probes?.length) {
    const probeFindings = report.findings.filter(isProbeFinding);
    const failing = probeFindings.filter((f) => f.severity !== 'info').length;
    parts.push(failing ? `probes: ${plural(failing, 'check')} failed` : 'probes passed');
  }
  return `${head} at \`fail-on: ${failOn}\`: ${parts.join(' · ')}`;
}

export interface Blockers {
  /** A numbered list, and how many more when they are over BLOCKERS_SHOWN. */
  lines: string[];
  /** The findings the list shows: a findings table below need not show them again. */
  shown: Set<Finding>;
}

/**
 * What blocks the merge, one line each, errors first: a smoke command that failed, the findings at or above `failOn`
 * (static and probe), and the smoke checks that fail. At most BLOCKERS_SHOWN, then how many more.
 */
export function blockers(report: Report, failOn: FailOn, fileUrl?: (f: Finding) => string): Blockers {
  const items: { line: string; finding?: Finding }[] = [];
  const { rollout } = report;
  const rolloutBlocks = rollout !== undefined && rolloutFails(rollout, ROLLOUT_FAIL_ON[failOn]);
  if (rollout && rolloutBlocks && rollout.failure) items.push({ line: `🔴 **smoke rollout** did not run to the end: ${messageMarkdown(headline(rollout.failure))}` });
  const blocking = failOn === 'never' ? [] : report.findings.filter((f) => severityRank(f.severity) <= severityRank(failOn)).sort(bySeverity);
  for (const finding of blocking) {
    const where = `${escapeMarkdown(finding.path)}:${finding.line}`;
    const location = fileUrl ? `[${where}](${fileUrl(finding)})` : where;
    const rule = `[${escapeMarkdown(ruleLabel(finding))}](${ruleDocUrl(finding.name)})`;
    items.push({ line: `${severityLabel(finding.severity)} ${rule} in ${location}: ${messageMarkdown(headline(finding.message))}`, finding });
  }
  if (rollout && rolloutBlocks && !rollout.failure) {
    for (const check of rollout.checks.filter((c) => c.status === 'fail' || (failOn !== 'error' && c.status === 'warn'))) {
      const doc = docUrl(`docs/rollout-checks.md#${check.id}`);
      items.push({ line: `${check.status === 'fail' ? '🔴' : '🟠'} **smoke rollout** [${check.id}](${doc}): ${messageMarkdown(headline(check.message))}` });
    }
  }
  const listed = items.slice(0, BLOCKERS_SHOWN);
  const lines = listed.map((item, index) => `${index + 1}. ${item.line}`);
  if (items.length > BLOCKERS_SHOWN) lines.push(`\n…and ${items.length - BLOCKERS_SHOWN} more in the sections below.`);
  return { lines, shown: new Set(listed.flatMap((item) => item.finding ?? [])) };
}

/**
 * A message's first clause: up to the first `.` or `:` followed by a space, outside its code quotes, cut at a word
 * near HEADLINE_CHARS.
 */
export function headline(message: string): string {
  const end = [...message.matchAll(/`[^`]*`|[.:](?=\s)/g)].find((match) => !match[0].startsWith('`'));
  const first = end ? message.slice(0, end.index) : message.replace(/\.$/, '');
  if (first.length <= HEADLINE_CHARS) return first;
  const cut = first.lastIndexOf(' ', HEADLINE_CHARS);
  return `${first.slice(0, cut > 0 ? cut : HEADLINE_CHARS)}…`;
}

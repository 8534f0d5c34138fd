import { ruleLabel, type Finding, type Severity } from '../findings';
import { escapeMarkdown, messageMarkdown } from './escape';
import { ruleDocUrl } from './links';
import { probesSection } from './probes-markdown';
import type { Report } from './report';
import { smokeSection } from './rollout-markdown';
import { findingsSection, noticesSection, renderSections, type SummarySection } from './summary';
import { blockers, verdictLine, type FailOn } from './verdict';

export const SEVERITY_ICON: Record<Severity, string> = { error: '🔴', warning: '🟠', info: '🔵' };

/** A severity as its word with its icon: red and orange are hard to tell apart for colour-blind readers. */
export function severityLabel(severity: Severity): string {
  return `${SEVERITY_ICON[severity]} ${severity}`;
}

/** A findings table; `fileUrl` turns a finding into a link to its line (on GitHub), when known. */
export function findingsTable(findings: readonly Finding[], fileUrl?: (f: Finding) => string): string {
  const rows = findings.map((f) => {
    const where = `${escapeMarkdown(f.path)}:${f.line}`;
    const location = fileUrl ? `[${where}](${fileUrl(f)})` : where;
    // The rule beside its message, not in a column of its own: a narrow column wraps a rule's name over lines.
    const rule = `**[${escapeMarkdown(ruleLabel(f))}](${ruleDocUrl(f.name)})**`;
    return `| ${severityLabel(f.severity)} | ${location} | ${rule}: ${messageMarkdown(f.message, 'table')} |`;
  });
  return ['| Severity | Location | Finding |', '|---|---|---|', ...rows].join('\n');
}

/**
 * The Markdown report (`review|scan --format markdown`): what the job summary shows, with no links to GitHub. The
 * verdict at `failOn` and the blockers first, each part below collapsed.
 */
export function formatMarkdown(report: Report, failOn: FailOn): string {
  const stats = report.stats
    ? `Scanned ${report.stats.files} files (${report.stats.parsed} parsed, ${report.stats.skipped} skipped) in ${report.stats.durationMs} ms.`
    : '';
  const blocking = blockers(report, failOn);
  const head = [
    '## rl-review',
    '',
    verdictLine(report, failOn),
    ...(stats ? ['', stats] : []),
    ...(blocking.lines.length ? ['', '**Blocking the merge:**', '', ...blocking.lines] : []),
  ].join('\n');
  const sections = [
    findingsSection(blocking.shown.size ? 'Other findings' : 'Findings', report.findings.filter((f) => !blocking.shown.has(f))),
    smokeSection(report.rollout, { timings: true, charts: true }),
    probesSection(report.probes),
    noticesSection(report.notices),
  ].filter((section): section is SummarySection => section !== undefined);
  return renderSections(head, sections, { limit: Infinity, measure: (text) => text.length, omittedNote: () => '' });
}

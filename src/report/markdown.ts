import { SEVERITIES, type Finding, type Severity } from '../findings';
import { escapeMarkdown, inlineCode, messageMarkdown } from './escape';
import { ruleDocUrl } from './links';
import { formatProbesMarkdown } from './probes-markdown';
import { countBySeverity, type Report } from './report';
import { formatRolloutMarkdown } from './rollout-markdown';

const ICON: Record<Severity, string> = { error: '🔴', warning: '🟠', info: '🔵' };

/** A severity as its word with its icon: red and orange are hard to tell apart for colour-blind readers. */
export function severityLabel(severity: Severity): string {
  return `${ICON[severity]} ${severity}`;
}

export function severityCounts(findings: readonly Finding[]): string {
  const counts = countBySeverity(findings);
  return SEVERITIES.map((s) => `${ICON[s]} ${counts[s]} ${s}${counts[s] === 1 || s === 'info' ? '' : 's'}`).join(' · ');
}

/** A findings table; `fileUrl` turns a finding into a link to its line (on GitHub), when known. */
export function findingsTable(findings: readonly Finding[], fileUrl?: (f: Finding) => string): string {
  const rows = findings.map((f) => {
    const where = `${escapeMarkdown(f.path)}:${f.line}`;
    const location = fileUrl ? `[${where}](${fileUrl(f)})` : where;
    const name = f.name === f.ruleId ? '' : ` ${f.name}`;
    return `| ${severityLabel(f.severity)} | ${location} | [${f.ruleId}](${ruleDocUrl(f.name)})${name} | ${messageMarkdown(f.message, 'table')} |`;
  });
  return ['| Severity | Location | Rule | Message |', '|---|---|---|---|', ...rows].join('\n');
}

export function noticesList(report: Report): string {
  if (!report.notices.length) return '';
  const items = report.notices.map((n) => `- ${inlineCode(n.line ? `${n.path}:${n.line}` : n.path)}: ${messageMarkdown(n.message)}`);
  return `<details><summary>${report.notices.length} notice${report.notices.length === 1 ? '' : 's'}</summary>\n\n${items.join('\n')}\n\n</details>`;
}

/** The Markdown report (`--format markdown`, the job summary, and the base of the PR summary comment). */
export function formatMarkdown(report: Report): string {
  const parts = ['## rl-review', '', severityCounts(report.findings)];
  if (report.stats) {
    parts.push('', `Scanned ${report.stats.files} files (${report.stats.parsed} parsed, ${report.stats.skipped} skipped) in ${report.stats.durationMs} ms.`);
  }
  if (report.findings.length) parts.push('', findingsTable(report.findings));
  else parts.push('', 'No findings.');
  if (report.probes?.length) parts.push('', formatProbesMarkdown(report.probes).trimEnd());
  if (report.rollout) parts.push('', formatRolloutMarkdown(report.rollout).trimEnd());
  const notices = noticesList(report);
  if (notices) parts.push('', notices);
  return parts.join('\n') + '\n';
}

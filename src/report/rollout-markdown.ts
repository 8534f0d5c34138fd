import type { CheckStatus, Distribution } from '../rollout/checks/check';
import { checkValue, metricDeltas, sourcesText, thresholdText, type CheckResult, type RolloutReport } from '../rollout/report';
import { codeBlock, escapeHtmlText, inlineCode, messageMarkdown } from './escape';
import { docUrl } from './links';

const STATUS: Record<CheckStatus, string> = { fail: '🔴 fail', warn: '🟠 warn', pass: '🟢 pass', unknown: '⚪ unknown' };
/** Notices listed in a PR comment; the rest are counted. */
const NOTICES_SHOWN = 20;
/** Lines of a failed command's output shown. */
const OUTPUT_LINES = 40;

/** The "Smoke rollout" section of `--format markdown` and of the Markdown report. */
export function formatRolloutMarkdown(report: RolloutReport): string {
  return `### Smoke rollout\n\n${rolloutBlocks(report, { timings: true }).join('\n').trimEnd()}\n`;
}

/**
 * The section's Markdown blocks, as the summary comment and job summary take them (src/report/summary.ts): joined
 * by a newline, each standing on its own (a block that ends with '\n' is followed by a blank line), so the
 * summary can drop blocks from the end when a comment grows too long. Without `timings` (a comment that is edited
 * only when its text changes), how long the command ran is left out: it differs on every re-run.
 */
export function rolloutBlocks(report: RolloutReport, { timings }: { timings: boolean }): string[] {
  const blocks: string[] = [];
  if (report.failure) blocks.push(`🔴 **The smoke rollout failed:** ${messageMarkdown(report.failure)}\n`);
  if (report.command?.outputTail && report.failure) {
    const lines = report.command.outputTail.trimEnd().split('\n').slice(-OUTPUT_LINES).join('\n');
    blocks.push(`<details><summary>Last lines of its output</summary>\n\n${codeBlock(lines, 'text')}\n\n</details>\n`);
  }
  blocks.push(`${summaryLine(report, timings)}\n`);
  if (report.checks.length) {
    blocks.push('| Check | Value | Threshold | Status |\n|---|---|---|---|');
    report.checks.forEach((check, index) => {
      const row = `| [${check.id}](${docUrl(`docs/rollout-checks.md#${check.id}`)}) | ${checkValue(check)} | ${thresholdText(check)} | ${STATUS[check.status]} |`;
      blocks.push(index === report.checks.length - 1 ? `${row}\n` : row);
    });
  }
  for (const check of report.checks.filter((c) => c.status === 'fail' || c.status === 'warn')) blocks.push(`${checkDetails(check)}\n`);
  const unknown = report.checks.filter((c) => c.status === 'unknown');
  if (unknown.length) blocks.push(`Not judged:\n${unknown.map((c) => `- \`${c.id}\`: ${messageMarkdown(c.message)}`).join('\n')}\n`);
  for (const distribution of report.distributions) {
    if (distribution.histogram.labels.length) blocks.push(`${chart(distribution)}\n`);
  }
  blocks.push(`${metricsTable(report)}\n`);
  if (report.notices.length) blocks.push(`${noticesDetails(report)}\n`);
  return blocks;
}

function summaryLine(report: RolloutReport, timings: boolean): string {
  const bits = [
    `${report.trajectories} trajectories ${sourcesText(report)}`,
    report.skipped ? `${report.skipped} records skipped` : '',
    report.command ? `command ${inlineCode(report.command.command)}${timings ? ` ran for ${seconds(report.command.durationMs)}` : ''}` : '',
  ];
  return bits.filter(Boolean).join(' · ');
}

/** `0.4 s`, `12 s`: a tenth of a second where it is a large part. */
function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/** The message and the worst examples of a failing check, collapsed: escaped, shortened, in code blocks. */
function checkDetails(check: CheckResult): string {
  const examples = check.examples.map((e) => `${inlineCode(e.source)}: ${messageMarkdown(e.detail)}\n\n${codeBlock(e.excerpt, 'text')}`);
  const icon = check.status === 'fail' ? '🔴' : '🟠';
  return `<details><summary>${icon} <code>${check.id}</code>: ${escapeHtmlText(check.message)}</summary>\n\n${examples.join('\n\n')}\n\n</details>`;
}

/** A Mermaid bar chart (GitHub renders Mermaid in comments); labels are numbers rl-review formatted. */
function chart(distribution: Distribution): string {
  const { labels, percents } = distribution.histogram;
  const sample = distribution.sampled < distribution.of ? ` (a sample of ${distribution.sampled} of ${distribution.of})` : '';
  return [
    '```mermaid',
    'xychart-beta',
    `    title "${distribution.title}${sample}"`,
    `    x-axis "${distribution.axis}" [${labels.map((l) => `"${l}"`).join(', ')}]`,
    `    y-axis "% of trajectories" 0 --> ${Math.min(100, Math.ceil(Math.max(...percents) / 10) * 10)}`,
    `    bar [${percents.join(', ')}]`,
    '```',
  ].join('\n');
}

/** With a baseline, the metrics that changed are shown ("tool_call_rate 38% → 0%"); all of them are collapsed. */
function metricsTable(report: RolloutReport): string {
  const deltas = metricDeltas(report);
  const all = ['| Metric | Value |', '|---|---|', ...deltas.map((d) => `| ${inlineCode(d.name, 'table')} | ${d.current} |`)];
  const collapsed = `<details><summary>All metrics</summary>\n\n${all.join('\n')}\n\n</details>`;
  if (!report.baseline) return collapsed;
  const changed = deltas.filter((d) => d.change);
  if (!changed.length) return `No metric changed from the baseline.\n\n${collapsed}`;
  const rows = changed.map((d) => `| ${inlineCode(d.name, 'table')} | ${d.baseline} → ${d.current} | ${d.change} |`);
  return ['Changes from the baseline:', '', '| Metric | Baseline → this run | Change |', '|---|---|---|', ...rows, '', collapsed].join('\n');
}

function noticesDetails(report: RolloutReport): string {
  const shown = report.notices.slice(0, NOTICES_SHOWN).map((n) => `- ${inlineCode(n.line ? `${n.path}:${n.line}` : n.path)}: ${messageMarkdown(n.message)}`);
  const more = report.notices.length - shown.length;
  if (more > 0) shown.push(`- and ${more} more`);
  return `<details><summary>${report.notices.length} notice${report.notices.length === 1 ? '' : 's'}</summary>\n\n${shown.join('\n')}\n\n</details>`;
}

import type { CheckStatus, Distribution } from '../rollout/checks/check';
import { percentsIn } from '../rollout/stats';
import { checkValue, metricDeltas, policyText, sourcesText, thresholdText, type CheckResult, type RolloutReport } from '../rollout/report';
import { codeBlock, escapeHtmlText, inlineCode, messageMarkdown } from './escape';
import { docUrl } from './links';
import type { SummarySection } from './summary';
import { rolloutVerdict } from './verdict';

const STATUS: Record<CheckStatus, string> = { fail: '🔴 fail', warn: '🟠 warn', pass: '🟢 pass', unknown: '⚪ unknown' };
/** Notices listed in a PR comment; the rest are counted. */
const NOTICES_SHOWN = 20;
/** Lines of a failed command's output shown. */
const OUTPUT_LINES = 40;

/** The "Smoke rollout" section of `rollout run|check --format markdown`. */
export function formatRolloutMarkdown(report: RolloutReport): string {
  return `### Smoke rollout\n\n${rolloutBlocks(report, { timings: true, charts: true }).join('\n').trimEnd()}\n`;
}

/** The "Smoke rollout" section of every summary: open when the command failed, whose output is the news. */
export function smokeSection(report: RolloutReport | undefined, options: RolloutBlockOptions): SummarySection | undefined {
  return report && { title: 'Smoke rollout', summary: rolloutVerdict(report).replace(/^smoke rollout:? ?/, ''), open: Boolean(report.failure), blocks: rolloutBlocks(report, options) };
}

export interface RolloutBlockOptions {
  /** How long the command ran: not in a comment, which an identical re-run must leave as it is. */
  timings: boolean;
  /** Mermaid charts of the distributions: not where GitHub may not draw them (a check run). */
  charts: boolean;
}

/**
 * The section's Markdown blocks, as the summary comment and job summary take them (src/report/summary.ts): joined
 * by a newline, each standing on its own (a block that ends with '\n' is followed by a blank line), so the
 * summary can drop blocks from the end when a comment grows too long. Decision first: a failed command's exit and
 * output, else the failed and warned checks with their baseline, the passed ones on one line, then the rest collapsed.
 */
export function rolloutBlocks(report: RolloutReport, { timings, charts }: RolloutBlockOptions): string[] {
  const blocks: string[] = [];
  if (report.failure) {
    // The checks of a run that did not finish are unknown: their table would say nothing.
    blocks.push(`🔴 **The smoke rollout failed:** ${messageMarkdown(report.failure)}\n`);
    if (report.command?.outputTail) {
      const lines = report.command.outputTail.trimEnd().split('\n').slice(-OUTPUT_LINES).join('\n');
      blocks.push(`Last lines of its output:\n\n${codeBlock(lines, 'text')}\n`);
    }
    blocks.push(`${summaryLine(report, timings)}\n`);
    if (report.notices.length) blocks.push(`${noticesDetails(report)}\n`);
    return blocks;
  }
  blocks.push(`${summaryLine(report, timings)}\n`);
  const rank: Record<CheckStatus, number> = { fail: 0, warn: 1, pass: 2, unknown: 3 };
  const flagged = report.checks.filter((c) => c.status === 'fail' || c.status === 'warn').sort((a, b) => rank[a.status] - rank[b.status]);
  if (flagged.length) {
    blocks.push('| Check | Value | Threshold | Status |\n|---|---|---|---|');
    flagged.forEach((check, index) => {
      const row = `| [${check.id}](${docUrl(`docs/rollout-checks.md#${check.id}`)}) | ${checkValue(check)} | ${thresholdText(check)} | ${STATUS[check.status]} |`;
      blocks.push(index === flagged.length - 1 ? `${row}\n` : row);
    });
  }
  const passed = report.checks.filter((c) => c.status === 'pass');
  if (passed.length) blocks.push(`🟢 ${passed.length} passed: ${passed.map((c) => `[${c.id}](${docUrl(`docs/rollout-checks.md#${c.id}`)})`).join(', ')}\n`);
  const changes = baselineChanges(report);
  if (changes) blocks.push(`${changes}\n`);
  const shown = new Set<string>();
  for (const check of flagged) blocks.push(`${checkDetails(check, shown)}\n`);
  const unknown = report.checks.filter((c) => c.status === 'unknown');
  if (unknown.length) {
    const items = unknown.map((c) => `- \`${c.id}\`: ${messageMarkdown(c.message)}`).join('\n');
    blocks.push(`<details><summary>⚪ ${unknown.length} not judged (the dump cannot tell)</summary>\n\n${items}\n\n</details>\n`);
  }
  if (charts) {
    const drawn = report.distributions.filter((d) => d.histogram.labels.length).map((d) => chart(d, report.baselinePercentiles?.[d.title]));
    if (drawn.length) blocks.push(`<details><summary>Distributions</summary>\n\n${drawn.join('\n\n')}\n\n</details>\n`);
  }
  blocks.push(`${allMetrics(report)}\n`);
  if (report.notices.length) blocks.push(`${noticesDetails(report)}\n`);
  return blocks;
}

function summaryLine(report: RolloutReport, timings: boolean): string {
  const bits = [
    `${report.trajectories} trajectories ${sourcesText(report)}`,
    report.skipped ? `${report.skipped} records skipped` : '',
    report.command ? `command ${inlineCode(report.command.command)}${timings ? ` ran for ${seconds(report.command.durationMs)}` : ''}` : '',
    report.policy ? messageMarkdown(policyText(report.policy)) : '',
  ];
  return bits.filter(Boolean).join(' · ');
}

/** `0.4 s`, `12 s`: a tenth of a second where it is a large part. */
function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/**
 * The message and the worst examples of a failing check, collapsed: escaped, shortened, and an excerpt already shown
 * (by this check or one before it, in `shown`) is not shown again. Sources are relative to the smoke output directory.
 */
function checkDetails(check: CheckResult, shown: Set<string>): string {
  const examples = check.examples.map((e) => {
    const source = inlineCode(e.source.replace(/^\$RL_REVIEW_OUT\//, ''));
    if (shown.has(e.excerpt)) return `${source}: ${messageMarkdown(e.detail)} (its excerpt is shown above)`;
    shown.add(e.excerpt);
    return `${source}: ${messageMarkdown(e.detail)}\n\n${codeBlock(e.excerpt, 'text')}`;
  });
  const icon = check.status === 'fail' ? '🔴' : '🟠';
  return `<details><summary>${icon} <code>${check.id}</code>: ${escapeHtmlText(check.message)}</summary>\n\n${examples.join('\n\n')}\n\n</details>`;
}

/**
 * Red bars for this run, a grey line for the baseline (GitHub's default bar colour, #ECECFF, barely shows on white),
 * set through Mermaid's init directive.
 */
const CHART_INIT = '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#cf222e, #57606a"}}}}%%';

/**
 * A Mermaid bar chart (GitHub renders Mermaid in comments) on this run's bins, the x-axis labels value ranges
 * rl-review formatted; with a baseline, its share in the same bins (from its percentiles) as a line.
 */
function chart(distribution: Distribution, baselinePercentiles: number[] | undefined): string {
  const { labels, bounds, percents } = distribution.histogram;
  const sample = distribution.sampled < distribution.of ? ` (a sample of ${distribution.sampled} of ${distribution.of})` : '';
  const baseline = baselinePercentiles?.length ? percentsIn(baselinePercentiles, bounds) : undefined;
  const top = Math.max(...percents, ...(baseline ?? []));
  return [
    '```mermaid',
    CHART_INIT,
    'xychart-beta',
    `    title "${distribution.title}${sample}${baseline ? ', bars: this run, line: baseline' : ''}"`,
    `    x-axis "${distribution.axis}" [${labels.map((l) => `"${l}"`).join(', ')}]`,
    `    y-axis "% of trajectories" 0 --> ${Math.min(100, Math.ceil(top / 10) * 10)}`,
    `    bar [${percents.join(', ')}]`,
    ...(baseline ? [`    line [${baseline.join(', ')}]`] : []),
    '```',
  ].join('\n');
}

/** Metrics read with a direction: a higher failure share is worse, fewer tool calls is a regression. */
const WORSE_WHEN_HIGHER = /(?:failure|leak|repeat|truncation|repetition|malformed|rewarded|zero_signal|empty_ground_truth)\w*_rate$/;
const WORSE_WHEN_LOWER = new Set(['tool_call_rate']);

/** With a baseline, the metrics that changed, marked ▲ worse / ▼ better where a metric has a direction. */
function baselineChanges(report: RolloutReport): string | undefined {
  if (!report.baseline) return undefined;
  const changed = metricDeltas(report).filter((d) => d.change);
  if (!changed.length) return 'No metric changed from the baseline.';
  const rows = changed.map((d) => `| ${inlineCode(d.name, 'table')} | ${d.baseline} → ${d.current} | ${d.change}${direction(d.name, d.change)} |`);
  return ['Changes from the baseline:', '', '| Metric | Baseline → this run | Change |', '|---|---|---|', ...rows].join('\n');
}

function direction(name: string, change: string): string {
  const up = !change.startsWith('-');
  if (WORSE_WHEN_HIGHER.test(name)) return up ? ' ▲ worse' : ' ▼ better';
  if (WORSE_WHEN_LOWER.has(name)) return up ? ' ▲ better' : ' ▼ worse';
  return '';
}

/** Every metric, collapsed. */
function allMetrics(report: RolloutReport): string {
  const rows = metricDeltas(report).map((d) => `| ${inlineCode(d.name, 'table')} | ${d.current} |`);
  return `<details><summary>All metrics</summary>\n\n${['| Metric | Value |', '|---|---|', ...rows].join('\n')}\n\n</details>`;
}

function noticesDetails(report: RolloutReport): string {
  const shown = report.notices.slice(0, NOTICES_SHOWN).map((n) => `- ${inlineCode(n.line ? `${n.path}:${n.line}` : n.path)}: ${messageMarkdown(n.message)}`);
  const more = report.notices.length - shown.length;
  if (more > 0) shown.push(`- and ${more} more`);
  return `<details><summary>${report.notices.length} notice${report.notices.length === 1 ? '' : 's'}</summary>\n\n${shown.join('\n')}\n\n</details>`;
}

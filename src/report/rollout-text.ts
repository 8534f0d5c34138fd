import { styleText } from 'node:util';
import { plural, type CheckStatus } from '../rollout/checks/check';
import { checkValue, metricDeltas, policyText, sourcesText, thresholdText, type RolloutReport } from '../rollout/report';

type Style = Parameters<typeof styleText>[0];
const STATUS_STYLE: Record<CheckStatus, Style> = { fail: 'red', warn: 'yellow', pass: 'green', unknown: 'dim' };
/** Characters of an example excerpt shown on its one line. */
const EXCERPT_CHARS = 160;

/** The terminal report of `rollout check` / `rollout run`: one line per check, the worst examples of failing ones. */
export function formatRolloutText(report: RolloutReport, options: { color: boolean }): string {
  const paint = (style: Style, text: string) => (options.color ? styleText(style, text) : text);
  const out: string[] = [];
  out.push(paint('bold', `Smoke rollout: ${plural(report.trajectories, 'trajectory', 'trajectories')} ${sourcesText(report)}, ${report.skipped} skipped`));
  if (report.policy) out.push(policyText(report.policy));
  if (report.failure) out.push(paint('red', `FAILED: ${report.failure}`));
  if (report.failure && report.command?.outputTail) {
    out.push(paint('dim', 'last lines of its output:'), ...report.command.outputTail.trimEnd().split('\n').slice(-15).map((l) => paint('dim', `  | ${l}`)));
  }
  out.push('');
  const idWidth = Math.max(0, ...report.checks.map((c) => c.id.length));
  for (const check of report.checks) {
    const status = paint(STATUS_STYLE[check.status], check.status.toUpperCase().padEnd(7));
    out.push(`${status} ${check.id.padEnd(idWidth)}  ${checkValue(check).padEnd(18)} ${thresholdText(check).padEnd(7)} ${check.message}`);
    if (check.status !== 'fail' && check.status !== 'warn') continue;
    for (const example of check.examples) {
      out.push(`        ${paint('underline', example.source)}: ${example.detail}`);
      out.push(paint('dim', `          ${oneLine(example.excerpt)}`));
    }
  }
  if (report.baseline) {
    const changed = metricDeltas(report).filter((d) => d.change);
    out.push('', paint('bold', changed.length ? 'Changes from the baseline:' : 'No metric changed from the baseline.'));
    for (const d of changed) out.push(`  ${d.name}: ${d.baseline} → ${d.current} (${d.change})`);
  }
  if (report.notices.length) out.push('');
  for (const n of report.notices) out.push(paint('dim', `notice: ${n.path}: ${n.message}`));
  return out.join('\n') + '\n';
}

function oneLine(text: string): string {
  const flat = JSON.stringify(text).slice(1, -1);
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS)}…` : flat;
}

import { styleText } from 'node:util';
import { formatProbesText } from './probes-text';
import { formatRolloutText } from './rollout-text';
import { plural } from '../rollout/checks/check';
import { severityTally, type Report } from './report';
import { NOT_ANALYZED, ruleLabel, type Finding, type Severity } from '../findings';

export interface TextOptions {
  color: boolean;
  /** The text of a line of a reported file, for the source excerpt; undefined when unavailable. */
  sourceLine: (path: string, line: number) => string | undefined;
}

type Style = Parameters<typeof styleText>[0];
const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'blue' };
/** Longer source lines (a chat template inside tokenizer_config.json, minified code) are cut after the flagged span. */
const EXCERPT_CHARS = 160;

/**
 * Human-readable report: the probe tables, findings grouped by file (each with its source line and a caret), the
 * smoke rollout's table, then one total line.
 */
export function formatText(report: Report, options: TextOptions): string {
  const paint = (style: Style, text: string) => (options.color ? styleText(style, text) : text);
  const out: string[] = report.probes?.length ? formatProbesText(report.probes, options) : [];
  const byFile = new Map<string, Finding[]>();
  for (const f of report.findings) byFile.set(f.path, [...(byFile.get(f.path) ?? []), f]);

  for (const [path, findings] of byFile) {
    out.push(paint('underline', path));
    for (const f of findings) {
      out.push(`  ${paint('dim', `${f.line}:${f.column}`)}  ${paint(SEVERITY_STYLE[f.severity], f.severity.padEnd(7))} ${f.message}  ${paint('dim', ruleLabel(f))}`);
      // A file that was not analyzed has no line to show.
      const source = f.ruleId === NOT_ANALYZED ? undefined : options.sourceLine(path, f.line);
      if (source !== undefined) {
        const width = f.line === f.endLine ? Math.max(1, f.endColumn - f.column) : Math.max(1, source.length - f.column + 1);
        const cut = Math.max(EXCERPT_CHARS, f.endColumn);
        out.push(`      ${source.length > cut ? `${source.slice(0, cut)}…` : source}`);
        out.push(`      ${' '.repeat(f.column - 1)}${paint(SEVERITY_STYLE[f.severity], '^'.repeat(width))}`);
      }
      if (f.fix) out.push(`      ${paint('green', `fix: ${f.fix.description}`)}`);
    }
    out.push('');
  }
  if (report.rollout) out.push(formatRolloutText(report.rollout, options));
  for (const n of report.notices) out.push(paint('dim', `notice: ${n.path}${n.line ? `:${n.line}` : ''}: ${n.message}`));
  if (report.notices.length) out.push('');

  const total = report.findings.length;
  const summary = total === 0 ? 'No findings' : `${plural(total, 'finding')} (${severityTally(report.findings)})`;
  const stats = report.stats ? ` in ${plural(report.stats.files, 'file')} (${report.stats.parsed} parsed, ${report.stats.skipped} skipped), ${report.stats.durationMs} ms` : '';
  out.push(paint(total ? 'bold' : 'green', `${summary}${stats}.`));
  return out.join('\n') + '\n';
}

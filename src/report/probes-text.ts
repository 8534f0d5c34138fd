import { styleText } from 'node:util';
import type { CheckStatus, ProbeReport } from '../probes/probe';

type Style = Parameters<typeof styleText>[0];
const STATUS_STYLE: Record<CheckStatus, Style> = { pass: 'green', fail: 'red', note: 'blue', skip: 'dim' };
const HEADS: Record<ProbeReport['probe'], { title: string; columns: [string, string, string] }> = {
  template: { title: 'Chat template', columns: ['check', 'expected', 'got'] },
  reward: { title: 'Reward function', columns: ['case', 'expected', 'paid'] },
};

/** The probe tables of the terminal report: per target, one line per check (verdict, check, expected, got). */
export function formatProbesText(probes: readonly ProbeReport[], options: { color: boolean }): string[] {
  const paint = (style: Style, text: string) => (options.color ? styleText(style, text) : text);
  const out: string[] = [];
  for (const probe of probes) {
    const { title, columns } = HEADS[probe.probe];
    const titleWidth = Math.max(columns[0].length, ...probe.checks.map((c) => c.title.length));
    const expectedWidth = Math.max(columns[1].length, ...probe.checks.map((c) => c.expected.length));
    out.push(paint('bold', `${title} ${probe.target}`));
    out.push(paint('dim', `  ${'verdict'.padEnd(8)}${columns[0].padEnd(titleWidth)}  ${columns[1].padEnd(expectedWidth)}  ${columns[2]}`));
    for (const check of probe.checks) {
      const verdict = paint(STATUS_STYLE[check.status], check.status.toUpperCase().padEnd(8));
      const detail = check.status === 'skip' ? paint('dim', check.message) : `${check.expected.padEnd(expectedWidth)}  ${check.actual}`;
      out.push(`  ${verdict}${check.title.padEnd(titleWidth)}  ${detail}`);
    }
    out.push('');
  }
  return out;
}

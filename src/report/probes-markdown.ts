import type { CheckStatus, ProbeReport } from '../probes/probe';
import { escapeMarkdown, inlineCode, messageMarkdown } from './escape';
import { plural } from '../rollout/checks/check';
import { docUrl } from './links';
import type { SummarySection } from './summary';

const STATUS: Record<CheckStatus, string> = { pass: '🟢 pass', fail: '🔴 fail', note: '🔵 note', skip: '⚪ skip' };

/** Column heads by probe: a reward probe's table is case / expected / paid / verdict. */
const COLUMNS: Record<ProbeReport['probe'], { title: string; columns: string }> = {
  template: { title: 'Chat template', columns: '| Check | Expected | Got | Verdict |' },
  reward: { title: 'Reward function', columns: '| Case | Expected | Paid | Verdict |' },
};

/** The lines as blocks, the last followed by a blank line: the end of a table or a list. */
const closed = (lines: string[]) => lines.map((line, index) => (index === lines.length - 1 ? `${line}\n` : line));

/** The "Probes" section of every summary: a table per probed target, its line counting what failed. */
export function probesSection(probes: readonly ProbeReport[] | undefined): SummarySection | undefined {
  if (!probes?.length) return undefined;
  const checks = probes.flatMap((probe) => probe.checks);
  const failed = checks.filter((check) => check.status === 'fail').length;
  const summary = failed ? `${failed} of ${plural(checks.length, 'check')} failed` : `${plural(checks.filter((c) => c.status === 'pass').length, 'check')} passed`;
  return { title: 'Probes', summary, blocks: probeBlocks(probes) };
}

/**
 * The section's Markdown blocks, as the PR summary and the job summary take them (src/report/summary.ts): per probed
 * target, its title, its table, and why skipped checks did not run. Failed and noted checks are findings, listed
 * with their messages elsewhere.
 */
export function probeBlocks(probes: readonly ProbeReport[]): string[] {
  const blocks: string[] = [];
  for (const probe of probes) {
    const { title, columns } = COLUMNS[probe.probe];
    blocks.push(`**${title}** ${inlineCode(probe.target)}\n`, `${columns}\n|---|---|---|---|`);
    const rows = probe.checks.map((check) => {
      const name = `[${escapeMarkdown(check.title)}](${docUrl(`docs/probes.md#${check.id}`)})`;
      return `| ${name} | ${escapeMarkdown(check.expected)} | ${escapeMarkdown(check.actual)} | ${STATUS[check.status]} |`;
    });
    const skipped = probe.checks.filter((check) => check.status === 'skip').map((check) => `- ${inlineCode(check.id)}: ${messageMarkdown(check.message)}`);
    blocks.push(...closed(rows), ...closed(skipped));
  }
  return blocks;
}

import type { CheckStatus, ProbeReport } from '../probes/probe';
import { escapeMarkdown, inlineCode } from './escape';
import { docUrl } from './links';

const STATUS: Record<CheckStatus, string> = { pass: '🟢 pass', fail: '🔴 fail', note: '🔵 note', skip: '⚪ skip' };

/** Column heads by probe: a reward probe's table is case / expected / paid / verdict. */
const COLUMNS: Record<ProbeReport['probe'], { title: string; columns: string }> = {
  template: { title: 'Chat template', columns: '| Check | Expected | Got | Verdict |' },
  reward: { title: 'Reward function', columns: '| Case | Expected | Paid | Verdict |' },
};

/**
 * The "Probes" section of `--format markdown`, the job summary and the PR summary: a table per probed target.
 * Failed and noted checks are findings, listed with their messages elsewhere; skipped ones say why here.
 */
export function formatProbesMarkdown(probes: readonly ProbeReport[]): string {
  const parts = ['### Probes', ''];
  for (const probe of probes) {
    const { title, columns } = COLUMNS[probe.probe];
    parts.push(`**${title}** ${inlineCode(probe.target)}`, '', columns, '|---|---|---|---|');
    for (const check of probe.checks) {
      const name = `[${escapeMarkdown(check.title)}](${docUrl(`docs/probes.md#${check.id}`)})`;
      parts.push(`| ${name} | ${escapeMarkdown(check.expected)} | ${escapeMarkdown(check.actual)} | ${STATUS[check.status]} |`);
    }
    const skipped = probe.checks.filter((check) => check.status === 'skip');
    if (skipped.length) parts.push('', ...skipped.map((check) => `- ${inlineCode(check.id)}: ${escapeMarkdown(check.message)}`));
    parts.push('');
  }
  return parts.join('\n').trimEnd() + '\n';
}

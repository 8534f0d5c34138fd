import type { Finding, Notice, ScanStats } from '../findings';
import { plural } from '../rollout/checks/check';
import type { ProbeReport } from '../probes/probe';
import type { RolloutReport } from '../rollout/report';

/** Everything one run of rl-review found, as plain data: what every output format renders. */
export interface Report {
  findings: Finding[];
  notices: Notice[];
  stats?: ScanStats;
  /** The chat-template and reward-function probes that ran, check by check (their failures are also findings). */
  probes?: ProbeReport[];
  /** The smoke rollout, when one ran: its checks, metrics and worst examples. */
  rollout?: RolloutReport;
}

export type OutputFormat = 'text' | 'json' | 'sarif' | 'github' | 'markdown';

export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'github', 'markdown'];

export function countBySeverity(findings: readonly Finding[]): Record<Finding['severity'], number> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** The findings by severity, as the check run's title and the Action's log say it: `1 error, 2 warnings, 0 info`. */
export function severityTally(findings: readonly Finding[]): string {
  const counts = countBySeverity(findings);
  return `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info`;
}

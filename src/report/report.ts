import type { Finding, Notice, ScanStats } from '../findings';

/** Everything one run of rl-review found, as plain data: what every output format renders. */
export interface Report {
  findings: Finding[];
  notices: Notice[];
  stats?: ScanStats;
}

export type OutputFormat = 'text' | 'json' | 'sarif' | 'github' | 'markdown';

export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'github', 'markdown'];

export function countBySeverity(findings: readonly Finding[]): Record<Finding['severity'], number> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

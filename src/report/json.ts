import type { Report } from './report';
import { rolloutJson } from './rollout-json';

/**
 * The stable machine format: `{"version":1,"findings":[...],"notices":[...],"stats":{...},"probes":[...],"rollout":{...}}`.
 * The smoke rollout is that of `rollout check --format json`, with why it failed to run (`failure`) and its notices.
 */
export function formatJson(report: Report): string {
  const { findings, notices, stats, probes, rollout } = report;
  const smoke = rollout && { ...rolloutJson(rollout), failure: rollout.failure, notices: rollout.notices };
  return JSON.stringify({ version: 1, findings, notices, stats, probes, rollout: smoke }, null, 2) + '\n';
}

import type { RolloutReport } from '../rollout/report';

/**
 * `rollout check --format json` and rl-review-rollout.json (a later run's baseline), exactly
 * `{"version":1,"trajectories","skipped","checks":[{"id","status","count","total","threshold","message","examples"}],"metrics"}`.
 */
export function formatRolloutJson(report: RolloutReport): string {
  const checks = report.checks.map(({ id, status, count, total, threshold, message, examples }) => ({ id, status, count, total, threshold, message, examples }));
  return JSON.stringify({ version: 1, trajectories: report.trajectories, skipped: report.skipped, checks, metrics: report.metrics }, null, 2) + '\n';
}

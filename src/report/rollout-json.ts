import type { RolloutReport } from '../rollout/report';

/**
 * `rollout check --format json` and rl-review-rollout.json (a later run's baseline), exactly
 * `{"version":1,"trajectories","skipped","files":[{"path","format"}],"checks":[{"id","status","count","total","threshold","message","examples"}],"metrics",
 * "distributions":[{"title","percentiles"}]}` (each distribution's 0th to 100th percentiles, which a later run charts as its baseline).
 */
export function formatRolloutJson(report: RolloutReport): string {
  return JSON.stringify({ version: 1, ...rolloutJson(report) }, null, 2) + '\n';
}

/** The rollout's counts, checks and metrics, as `formatRolloutJson` and the review's JSON report carry them. */
export function rolloutJson(report: RolloutReport) {
  const checks = report.checks.map(({ id, status, count, total, threshold, message, examples }) => ({ id, status, count, total, threshold, message, examples }));
  const distributions = report.distributions.map(({ title, percentiles }) => ({ title, percentiles }));
  return { trajectories: report.trajectories, skipped: report.skipped, files: report.files, checks, metrics: report.metrics, distributions };
}

import type { Report } from './report';

/** The stable machine format: `{"version":1,"findings":[...],"notices":[...],"stats":{...}}`. */
export function formatJson(report: Report): string {
  return JSON.stringify({ version: 1, findings: report.findings, notices: report.notices, stats: report.stats }, null, 2) + '\n';
}

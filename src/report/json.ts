import type { Report } from './report';

/** The stable machine format: `{"version":1,"findings":[...],"notices":[...],"stats":{...},"probes":[...]}`. */
export function formatJson(report: Report): string {
  const { findings, notices, stats, probes } = report;
  return JSON.stringify({ version: 1, findings, notices, stats, probes }, null, 2) + '\n';
}

import { ruleLabel, type Finding, type Severity } from '../findings';
import type { RolloutReport } from '../rollout/report';
import type { Report } from './report';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Workflow commands escape `%`, CR and LF in data, and also `:` and `,` in properties. */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function workflowCommand(finding: Finding): string {
  const properties = [
    `file=${escapeProperty(finding.path)}`,
    `line=${finding.line}`,
    `endLine=${finding.endLine}`,
    ...(finding.line === finding.endLine ? [`col=${finding.column}`, `endColumn=${finding.endColumn}`] : []),
    `title=${escapeProperty(ruleLabel(finding))}`,
  ];
  return `::${COMMAND[finding.severity]} ${properties.join(',')}::${escapeData(finding.message)}`;
}

/** A smoke rollout has no line to point at: its failure, or its failed and warned checks, annotate the run. */
function rolloutCommands(rollout: RolloutReport): string[] {
  if (rollout.failure) return [`::error title=rl-review smoke rollout::${escapeData(rollout.failure)}`];
  return rollout.checks
    .filter((check) => check.status === 'fail' || check.status === 'warn')
    .map((check) => `::${check.status === 'fail' ? 'error' : 'warning'} title=${escapeProperty(`smoke rollout ${check.id}`)}::${escapeData(check.message)}`);
}

/** GitHub turns these lines into annotations (at most 10 errors and 10 warnings per step are shown). */
export function formatGithub(report: Report): string {
  const lines = [...report.findings.map(workflowCommand), ...(report.rollout ? rolloutCommands(report.rollout) : [])];
  for (const notice of report.notices) {
    const line = notice.line ? `,line=${notice.line}` : '';
    lines.push(`::notice file=${escapeProperty(notice.path)}${line},title=rl-review::${escapeData(notice.message)}`);
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

import { ruleLabel, type Finding, type Severity } from '../findings';
import type { GitHubClient } from '../github/client';
import type { Repository } from '../github/events';
import { plural } from '../rollout/checks/check';
import { severityTally, type Report } from './report';

/** The check's name: what branch protection rules require. */
export const CHECK_NAME = 'rl-review';

/** GitHub accepts this many annotations per create/update request; updates append to the earlier ones. */
export const ANNOTATIONS_PER_REQUEST = 50;

/** Check run `output.summary` and `output.text` are capped one below the comment limit. */
export const CHECK_SUMMARY_LIMIT = 65_535;

const LEVEL: Record<Severity, 'failure' | 'warning' | 'notice'> = { error: 'failure', warning: 'warning', info: 'notice' };

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'failure' | 'warning' | 'notice';
  title: string;
  message: string;
}

export function annotationOf(finding: Finding): Annotation {
  return {
    path: finding.path,
    start_line: finding.line,
    end_line: finding.endLine,
    // GitHub takes columns only for a single-line annotation.
    ...(finding.line === finding.endLine ? { start_column: finding.column, end_column: finding.endColumn } : {}),
    annotation_level: LEVEL[finding.severity],
    title: ruleLabel(finding),
    message: finding.message,
  };
}

/**
 * The check's one-line verdict: the findings by severity, and what failed in the smoke rollout (which has no
 * finding to count): `2 findings: 1 error, 1 warning, 0 info; smoke rollout: special-token-leak failed`.
 */
export function checkRunTitle(report: Report): string {
  const parts: string[] = [];
  if (report.findings.length) parts.push(`${plural(report.findings.length, 'finding')}: ${severityTally(report.findings)}`);
  const rollout = report.rollout;
  const failed = rollout?.checks.filter((c) => c.status === 'fail').map((c) => c.id) ?? [];
  if (rollout?.failure) parts.push(`smoke rollout failed: ${rollout.failure}`);
  else if (failed.length) parts.push(`smoke rollout: ${failed.join(', ')} failed`);
  if (!parts.length) return 'No findings';
  const title = parts.join('; ');
  return title[0].toUpperCase() + title.slice(1);
}

export function batches<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result.length ? result : [[]];
}

export interface CheckRunReport {
  repository: Repository;
  headSha: string;
  conclusion: 'success' | 'failure';
  title: string;
  /** Markdown, at most `CHECK_SUMMARY_LIMIT` characters. */
  summary: string;
  findings: readonly Finding[];
  detailsUrl: string;
}

/**
 * One check run on the head commit: created with the first 50 annotations, updated with the next 50 until all
 * are attached, and completed with its conclusion by the last request.
 */
export async function publishCheckRun(client: GitHubClient, report: CheckRunReport): Promise<void> {
  const [first, ...rest] = batches(report.findings.map(annotationOf), ANNOTATIONS_PER_REQUEST);
  const output = (annotations: Annotation[]) => ({ title: report.title, summary: report.summary, annotations });
  const completion = { status: 'completed' as const, conclusion: report.conclusion, completed_at: new Date().toISOString() };
  const { data: checkRun } = await client.rest.checks.create({
    ...report.repository,
    name: CHECK_NAME,
    head_sha: report.headSha,
    details_url: report.detailsUrl,
    ...(rest.length ? { status: 'in_progress' as const } : completion),
    output: output(first),
  });
  for (const [index, annotations] of rest.entries()) {
    await client.rest.checks.update({
      ...report.repository,
      check_run_id: checkRun.id,
      output: output(annotations),
      ...(index === rest.length - 1 ? completion : {}),
    });
  }
}

import * as core from '@actions/core';
import type { RestEndpointMethodTypes } from '@octokit/rest';
import { unzipSync } from 'fflate';
import { httpStatus, isReadOnlyTokenError, type GitHubClient } from '../github/client';
import type { PullRequestRun, Repository } from '../github/events';
import type { Metrics } from '../rollout/checks/check';
import { ROLLOUT_REPORT_FILE } from '../rollout/command';
import { BaselineError, parseBaseline, type RolloutReport } from '../rollout/report';

/** The artifact a run on the default branch uploads its `rollout-file` as (.github/workflows/rl-review-audit.yml). */
export const BASELINE_ARTIFACT = 'rl-review-baseline';

export type Artifact = RestEndpointMethodTypes['actions']['listArtifactsForRepo']['response']['data']['artifacts'][number];

/** Archive entries named in a notice about a baseline archive without the report. */
const ENTRIES_NAMED = 5;

/**
 * The newest usable baseline among listed artifacts: not expired, and uploaded by a run on the default branch of
 * this repository (a fork's branch may have the same name). An artifact whose run was deleted has no branch.
 */
export function pickBaselineArtifact(artifacts: readonly Artifact[], defaultBranch: string): Artifact | undefined {
  let newest: Artifact | undefined;
  for (const artifact of artifacts) {
    const run = artifact.workflow_run;
    if (artifact.expired || run?.head_branch !== defaultBranch || run.head_repository_id !== run.repository_id) continue;
    // ISO 8601 times in UTC order as strings; on a tie the first listed (GitHub lists the newest first) stays.
    if (!newest || (artifact.created_at ?? '') > (newest.created_at ?? '')) newest = artifact;
  }
  return newest;
}

/** The baseline metrics in an artifact's zip archive: its `rl-review-rollout.json`. */
export function baselineFromArchive(archive: Uint8Array): Metrics {
  const entries: string[] = [];
  let files;
  try {
    files = unzipSync(archive, {
      filter: (entry) => {
        entries.push(entry.name);
        return entry.name === ROLLOUT_REPORT_FILE;
      },
    });
  } catch (error) {
    throw new BaselineError(`not a readable zip archive (${(error as Error).message})`);
  }
  const report = files[ROLLOUT_REPORT_FILE];
  if (!report) {
    const named = entries.slice(0, ENTRIES_NAMED).join(', ') + (entries.length > ENTRIES_NAMED ? `, and ${entries.length - ENTRIES_NAMED} more` : '');
    throw new BaselineError(`no ${ROLLOUT_REPORT_FILE} at the top of the archive (it has ${named || 'no files'})`);
  }
  return parseBaseline(new TextDecoder().decode(report));
}

/** The newest baseline artifact of the default branch, or undefined when there is none. */
async function findBaselineArtifact(client: GitHubClient, repository: Repository, defaultBranch: string): Promise<Artifact | undefined> {
  const pages = client.paginate.iterator(client.rest.actions.listArtifactsForRepo, { ...repository, name: BASELINE_ARTIFACT, per_page: 100 });
  // GitHub lists the newest first: the first page with a match has the newest.
  for await (const { data } of pages) {
    const artifact = pickBaselineArtifact(data, defaultBranch);
    if (artifact) return artifact;
  }
  return undefined;
}

async function downloadBaseline(client: GitHubClient, repository: Repository, artifact: Artifact): Promise<Metrics> {
  // GitHub answers with a redirect to a short-lived storage URL; fetch follows it, without the token (another origin).
  const { data } = await client.rest.actions.downloadArtifact({ ...repository, artifact_id: artifact.id, archive_format: 'zip' });
  return baselineFromArchive(new Uint8Array(data as ArrayBuffer));
}

const describeArtifact = (artifact: Artifact) =>
  `artifact ${artifact.id} from ${artifact.workflow_run?.head_branch} at ${artifact.workflow_run?.head_sha?.slice(0, 7)}`;

/**
 * Gives the smoke rollout of a pull request the metrics of the newest `rl-review-baseline` artifact of the default
 * branch. None uploaded yet is a log line; one that cannot be used (a token without `actions: read`, an expired or
 * corrupt archive, a file that is not a rollout report) is a notice in the report, never a failure.
 */
export async function addArtifactBaseline(client: GitHubClient, pr: PullRequestRun, report: RolloutReport): Promise<void> {
  let artifact: Artifact | undefined;
  try {
    artifact = await findBaselineArtifact(client, pr.repository, pr.defaultBranch);
    if (!artifact) {
      core.info(`rl-review: no ${BASELINE_ARTIFACT} artifact from ${pr.defaultBranch} yet: the smoke rollout is not compared with a baseline.`);
      return;
    }
    report.baseline = await downloadBaseline(client, pr.repository, artifact);
    core.info(`rl-review: smoke rollout baseline: ${describeArtifact(artifact)}.`);
  } catch (error) {
    if (!(error instanceof BaselineError) && httpStatus(error) === undefined) throw error;
    const what = artifact ? describeArtifact(artifact) : `listing the ${BASELINE_ARTIFACT} artifacts`;
    report.notices.push({ path: BASELINE_ARTIFACT, message: `no baseline: ${what}: ${baselineProblem(error as Error)}` });
  }
}

/** A bad baseline, or GitHub's answer (with a hint for the permission it lacks). */
function baselineProblem(error: Error): string {
  if (error instanceof BaselineError) return error.message;
  if (isReadOnlyTokenError(error)) {
    return `the token cannot read workflow artifacts: add \`actions: read\` to the workflow's \`permissions:\` (GitHub: "${error.message}")`;
  }
  return `GitHub answered ${httpStatus(error)} (${error.message})`;
}

import * as core from '@actions/core';
import type { RestEndpointMethodTypes } from '@octokit/rest';
import { fromBufferPromise } from 'yauzl';
import { httpStatus, isReadOnlyTokenError, type GitHubClient } from '../github/client';
import type { PullRequestRun, Repository } from '../github/events';
import { ROLLOUT_REPORT_FILE } from '../rollout/command';
import { applyBaseline, BaselineError, parseBaseline, type Baseline, type RolloutReport } from '../rollout/report';

/** The artifact a run on the default branch uploads its `rollout-file` as (.github/workflows/rl-review-audit.yml). */
export const BASELINE_ARTIFACT = 'rl-review-baseline';

export type Artifact = RestEndpointMethodTypes['actions']['listArtifactsForRepo']['response']['data']['artifacts'][number];

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

/** Archive entries named in a notice about a baseline archive without the report. */
const ENTRIES_NAMED = 5;

/**
 * The most a baseline may take, archive and report alike: a rollout report is tens of kilobytes, and an archive from
 * a run on the default branch is no more trusted than that branch (a 1 MB zip can inflate to gigabytes).
 */
export const MAX_BASELINE_BYTES = 8 * 1024 * 1024;

/** The error for a baseline (`what` is, e.g., "the archive is") of `bytes`, over `MAX_BASELINE_BYTES`. */
export function tooLargeBaseline(what: string, bytes: number): BaselineError {
  const mebibytes = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return new BaselineError(`${what} ${mebibytes(bytes)}, over the ${mebibytes(MAX_BASELINE_BYTES)} a baseline may take`);
}

/**
 * The baseline metrics in an artifact's zip archive: its `rl-review-rollout.json`. yauzl reads the archive's central
 * directory; the report's declared size is checked before anything is inflated, and yauzl stops the inflation with
 * an error as soon as it yields more bytes than declared.
 */
export async function baselineFromArchive(archive: Buffer): Promise<Baseline> {
  if (archive.length > MAX_BASELINE_BYTES) throw tooLargeBaseline('the archive is', archive.length);
  const named: string[] = [];
  let others = 0;
  try {
    const zip = await fromBufferPromise(archive, { validateEntrySizes: true });
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName !== ROLLOUT_REPORT_FILE) {
        if (others++ < ENTRIES_NAMED) named.push(entry.fileName);
        continue;
      }
      if (entry.uncompressedSize > MAX_BASELINE_BYTES) throw tooLargeBaseline(`${ROLLOUT_REPORT_FILE} would inflate to`, entry.uncompressedSize);
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      return parseBaseline(Buffer.concat(chunks).toString('utf8'));
    }
  } catch (error) {
    if (error instanceof BaselineError) throw error;
    throw new BaselineError(`not a readable zip archive (${(error as Error).message})`);
  }
  const has = named.join(', ') + (others > named.length ? `, and ${others - named.length} more` : '');
  throw new BaselineError(`no ${ROLLOUT_REPORT_FILE} at the top of the archive (it has ${has || 'no files'})`);
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

async function downloadBaseline(client: GitHubClient, repository: Repository, artifact: Artifact): Promise<Baseline> {
  // The listed size is the archive's: one too large is not downloaded at all.
  if (artifact.size_in_bytes > MAX_BASELINE_BYTES) throw tooLargeBaseline('the archive is', artifact.size_in_bytes);
  // GitHub answers with a redirect to a short-lived storage URL; fetch follows it, without the token (another origin).
  const { data } = await client.rest.actions.downloadArtifact({ ...repository, artifact_id: artifact.id, archive_format: 'zip' });
  return baselineFromArchive(Buffer.from(data as ArrayBuffer));
}

const describeArtifact = (artifact: Artifact) =>
  `artifact ${artifact.id} from ${artifact.workflow_run?.head_branch} at ${artifact.workflow_run?.head_sha?.slice(0, 7)}`;

/**
 * Gives the smoke rollout of a pull request the metrics of the newest `rl-review-baseline` artifact of the default
 * branch. None uploaded yet is a log line; one that cannot be used (a token without `actions: read`, an expired,
 * corrupt or oversized archive, a file that is not a rollout report, anything else that goes wrong) is a notice in
 * the report, never a failure: the review is posted all the same.
 */
export async function addArtifactBaseline(client: GitHubClient, pr: PullRequestRun, report: RolloutReport): Promise<void> {
  let artifact: Artifact | undefined;
  try {
    artifact = await findBaselineArtifact(client, pr.repository, pr.defaultBranch);
    if (!artifact) {
      core.info(`rl-review: no ${BASELINE_ARTIFACT} artifact from ${pr.defaultBranch} yet: the smoke rollout is not compared with a baseline.`);
      return;
    }
    applyBaseline(report, await downloadBaseline(client, pr.repository, artifact));
    core.info(`rl-review: smoke rollout baseline: ${describeArtifact(artifact)}.`);
  } catch (error) {
    const what = artifact ? describeArtifact(artifact) : `listing the ${BASELINE_ARTIFACT} artifacts`;
    report.notices.push({ path: BASELINE_ARTIFACT, message: `no baseline: ${what}: ${baselineProblem(error as Error)}` });
  }
}

/** A bad baseline, or what went wrong reading its artifact. */
function baselineProblem(error: Error): string {
  return error instanceof BaselineError ? error.message : artifactProblem(error);
}

/** GitHub's answer about an artifact (with a hint for the permission the token lacks), or whatever else went wrong. */
export function artifactProblem(error: Error): string {
  if (isReadOnlyTokenError(error)) {
    return `the token cannot read workflow artifacts: add \`actions: read\` to the workflow's \`permissions:\` (GitHub: "${error.message}")`;
  }
  const status = httpStatus(error);
  return status === undefined ? `${error.name}: ${error.message}` : `GitHub answered ${status} (${error.message})`;
}

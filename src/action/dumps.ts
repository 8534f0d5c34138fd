import * as core from '@actions/core';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fromBufferPromise } from 'yauzl';
import { expandDumpInputs } from '../rollout/files';
import { emptyRolloutReport } from '../rollout/report';
import { artifactProblem } from './baseline';
import type { ActionRun } from './pipeline';

/**
 * An artifact of dumps is downloaded whole into memory (the API serves one zip): a smoke rollout's dumps are megabytes
 * to a few hundred; past this, upload fewer steps or check them in the GPU job with `rl-review rollout check`.
 */
export const MAX_DUMPS_ARCHIVE_BYTES = 1024 * 1024 * 1024;
/** What the archive may inflate to on disk: a zip bomb stops here. */
export const MAX_DUMPS_BYTES = 4 * MAX_DUMPS_ARCHIVE_BYTES;

export class DumpsError extends Error {}

/**
 * `smoke-dumps`: a smoke rollout that ran in another job (a GPU runner, a cluster job) is checked here without running
 * any command. The input is a path in the workspace (files, a directory or a glob), else the name of an artifact
 * uploaded earlier in this workflow run, unpacked into the run's scratch directory. Dumps are data, not code: they are
 * read under every event. When they cannot be had, the smoke rollout fails, saying why.
 */
export async function resolveSmokeDumps(run: ActionRun): Promise<void> {
  const input = core.getInput('smoke-dumps');
  if (!input) return;
  // Checked in place of the command: the GPU job was the smoke rollout.
  const rollout = { ...run.config.rollout, command: undefined };
  if (expandDumpInputs([input], run.root).files.length) {
    run.config = { ...run.config, rollout: { ...rollout, dumps: input } };
    return;
  }
  try {
    // Shown in the report as `<artifact>/<file>`.
    const dir = join(run.temp, 'artifacts', input.replace(/[^\w.-]+/g, '_').replace(/^\.+/, '_'));
    const count = await downloadRunArtifact(run, input, dir);
    core.info(`rl-review: smoke-dumps: artifact '${input}' of this run, ${count} files.`);
    run.config = { ...run.config, rollout: { ...rollout, dumps: dir } };
  } catch (error) {
    run.config = { ...run.config, rollout };
    const why = error instanceof DumpsError ? error.message : `its artifact could not be read: ${artifactProblem(error as Error)}`;
    run.report.rollout = { ...emptyRolloutReport(), failure: `smoke-dumps '${input}': no such file, directory or glob in the workspace, and ${why}` };
  }
}

async function downloadRunArtifact(run: ActionRun, name: string, dir: string): Promise<number> {
  const { repository } = run.event;
  const { data } = await run.client.rest.actions.listWorkflowRunArtifacts({ ...repository, run_id: run.runId, name, per_page: 100 });
  const artifact = data.artifacts.find((a) => !a.expired);
  if (!artifact) throw new DumpsError(`no artifact of that name was uploaded in this workflow run (upload it in an earlier job, and give this job \`needs:\` on it)`);
  if (artifact.size_in_bytes > MAX_DUMPS_ARCHIVE_BYTES) throw new DumpsError(`its artifact is ${mebibytes(artifact.size_in_bytes)}, over the ${mebibytes(MAX_DUMPS_ARCHIVE_BYTES)} a review downloads`);
  const { data: archive } = await run.client.rest.actions.downloadArtifact({ ...repository, artifact_id: artifact.id, archive_format: 'zip' });
  return unpackDumps(Buffer.from(archive as ArrayBuffer), dir);
}

/**
 * Unpacks the archive's files into `dir`, returning how many. yauzl refuses entry names that leave it (absolute, `..`)
 * and stops an entry that inflates past its declared size; the declared sizes are summed against MAX_DUMPS_BYTES as
 * they come.
 */
export async function unpackDumps(archive: Buffer, dir: string): Promise<number> {
  let total = 0;
  let files = 0;
  try {
    const zip = await fromBufferPromise(archive, { validateEntrySizes: true, strictFileNames: true });
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      total += entry.uncompressedSize;
      if (total > MAX_DUMPS_BYTES) throw new DumpsError(`its artifact inflates to more than ${mebibytes(MAX_DUMPS_BYTES)}`);
      const path = join(dir, entry.fileName);
      mkdirSync(dirname(path), { recursive: true });
      await pipeline(await zip.openReadStreamPromise(entry), createWriteStream(path));
      files++;
    }
  } catch (error) {
    if (error instanceof DumpsError) throw error;
    throw new DumpsError(`its artifact is not a readable zip archive (${(error as Error).message})`);
  }
  return files;
}

const mebibytes = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;

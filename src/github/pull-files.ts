import { createHash } from 'node:crypto';
import { httpStatus, type GitHubClient } from './client';
import { parseFilePatch, type ChangedFile } from './diff';
import type { Repository } from './events';

/** GitHub lists at most this many files of a pull request, whatever the page size. */
export const MAX_LISTED_FILES = 3000;

export interface PullRequestFile {
  path: string;
  /** The git blob sha of the file at the head commit. */
  blobSha: string;
  /** The lines the PR adds and the lines in its hunks; undefined when GitHub omitted the patch (a very large diff). */
  changes: ChangedFile | undefined;
}

export interface PullRequestFiles {
  /** Files that exist at the head commit (removed files are left out). */
  files: PullRequestFile[];
  /** GitHub stopped listing at `MAX_LISTED_FILES`: the PR changes more files than `files` holds. */
  truncated: boolean;
}

export async function listPullRequestFiles(
  client: GitHubClient,
  repository: Repository,
  number: number,
  changedFiles: number | undefined,
): Promise<PullRequestFiles> {
  const listed = await client.paginate(client.rest.pulls.listFiles, { ...repository, pull_number: number, per_page: 100 });
  const files = listed.flatMap((f): PullRequestFile[] => {
    // A removed file, or an entry without a blob, has nothing to analyze.
    if (f.status === 'removed' || !f.sha) return [];
    return [{
      path: f.filename,
      blobSha: f.sha,
      // A pure rename or a mode change has no patch and no changed line; a missing patch on a changed file was omitted.
      changes: f.patch !== undefined ? parseFilePatch(f.filename, f.patch) : f.changes === 0 ? parseFilePatch(f.filename, '') : undefined,
    }];
  });
  const truncated = listed.length >= MAX_LISTED_FILES || (changedFiles !== undefined && listed.length < changedFiles);
  return { files, truncated };
}

/** The git blob id of some content: equal to a PR file's `blobSha` when a checked-out file is the head version. */
export function gitBlobSha(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

export async function readBlob(client: GitHubClient, repository: Repository, blobSha: string): Promise<Buffer> {
  const { data } = await client.rest.git.getBlob({ ...repository, file_sha: blobSha });
  return Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8');
}

/** A file of the repository at a commit, or undefined when it does not exist there. */
export async function readRepositoryFile(client: GitHubClient, repository: Repository, path: string, ref: string): Promise<string | undefined> {
  try {
    const { data } = await client.rest.repos.getContent({ ...repository, path, ref });
    if (Array.isArray(data) || data.type !== 'file') return undefined;
    return Buffer.from(data.content, 'base64').toString('utf8');
  } catch (error) {
    if (httpStatus(error) === 404) return undefined;
    throw error;
  }
}

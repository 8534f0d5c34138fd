import type { GitHubClient } from '../../src/github/client';
import { gitBlobSha, listPullRequestFiles, MAX_LISTED_FILES } from '../../src/github/pull-files';

type ListedFile = { filename: string; status: string; sha: string | null; changes: number; patch?: string };

/** A client whose `pulls.listFiles` pages yield `files`: enough for the listing logic. */
const clientListing = (files: ListedFile[]) => ({ paginate: async () => files, rest: { pulls: { listFiles: {} } } }) as unknown as GitHubClient;

const repository = { owner: 'o', repo: 'r' };

describe('listPullRequestFiles', () => {
  test('patches become changed lines; removed files are left out; an omitted patch is undefined, a pure rename is empty', async () => {
    const { files, truncated } = await listPullRequestFiles(clientListing([
      { filename: 'a.py', status: 'modified', sha: '1'.repeat(40), changes: 1, patch: '@@ -1,1 +1,2 @@\n x\n+y' },
      { filename: 'gone.py', status: 'removed', sha: '2'.repeat(40), changes: 3 },
      { filename: 'huge.py', status: 'added', sha: '3'.repeat(40), changes: 40_000 },
      { filename: 'moved.py', status: 'renamed', sha: '4'.repeat(40), changes: 0 },
    ]), repository, 1, 4);
    expect(truncated).toBe(false);
    expect(files.map((f) => f.path)).toEqual(['a.py', 'huge.py', 'moved.py']);
    expect([...files[0].changes!.added]).toEqual([2]);
    expect(files[1].changes).toBeUndefined();
    expect(files[2].changes?.added.size).toBe(0);
  });

  test('GitHub lists at most 3000 files: a longer PR is reported as truncated', async () => {
    const listed = Array.from({ length: MAX_LISTED_FILES }, (_, i) => ({ filename: `f${i}.py`, status: 'added', sha: '5'.repeat(40), changes: 1, patch: '@@ -0,0 +1 @@\n+x' }));
    expect((await listPullRequestFiles(clientListing(listed), repository, 1, 3412)).truncated).toBe(true);
    expect((await listPullRequestFiles(clientListing(listed.slice(0, 10)), repository, 1, 10)).truncated).toBe(false);
  });

  test('gitBlobSha is git\'s object id, so a checked-out file can be matched to the PR\'s head version', () => {
    // `printf 'hello\n' | git hash-object --stdin`
    expect(gitBlobSha(Buffer.from('hello\n'))).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
  });
});

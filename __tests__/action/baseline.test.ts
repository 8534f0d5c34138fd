import { strToU8, zipSync } from 'fflate';
import { baselineFromArchive, BASELINE_ARTIFACT, MAX_BASELINE_BYTES, pickBaselineArtifact, type Artifact } from '../../src/action/baseline';
import { BaselineError } from '../../src/rollout/report';
import { declaringSize } from '../emulator/zip';

const REPOSITORY_ID = 42;

/** An artifact as `GET /repos/{owner}/{repo}/actions/artifacts?name=rl-review-baseline` lists it. */
function artifact(id: number, createdAt: string, run: { branch: string; headRepositoryId?: number } | null, expired = false): Artifact {
  const url = `https://api.github.com/repos/octo-org/rl-project/actions/artifacts/${id}`;
  return {
    id,
    node_id: `MDg6QXJ0aWZhY3Qx${id}`,
    name: BASELINE_ARTIFACT,
    size_in_bytes: 1234,
    url,
    archive_download_url: `${url}/zip`,
    expired,
    created_at: createdAt,
    expires_at: '2026-01-01T00:00:00Z',
    updated_at: createdAt,
    digest: null,
    workflow_run: run && {
      id: id * 10,
      repository_id: REPOSITORY_ID,
      head_repository_id: run.headRepositoryId ?? REPOSITORY_ID,
      head_branch: run.branch,
      head_sha: 'a'.repeat(40),
    },
  };
}

describe('pickBaselineArtifact', () => {
  test('the newest artifact uploaded by a run on the default branch', () => {
    const listed = [
      artifact(3, '2025-06-03T10:00:00Z', { branch: 'feature' }),
      artifact(2, '2025-06-02T10:00:00Z', { branch: 'main' }),
      artifact(1, '2025-06-01T10:00:00Z', { branch: 'main' }),
    ];
    expect(pickBaselineArtifact(listed, 'main')?.id).toBe(2);
  });

  test('the newest by creation time, whatever the order of the list', () => {
    const listed = [artifact(1, '2025-06-01T10:00:00Z', { branch: 'main' }), artifact(2, '2025-06-02T10:00:00Z', { branch: 'main' })];
    expect(pickBaselineArtifact(listed, 'main')?.id).toBe(2);
  });

  test('an expired artifact is passed over for an older one (GitHub answers 410 to its download)', () => {
    const listed = [artifact(2, '2025-06-02T10:00:00Z', { branch: 'main' }, true), artifact(1, '2025-06-01T10:00:00Z', { branch: 'main' })];
    expect(pickBaselineArtifact(listed, 'main')?.id).toBe(1);
  });

  test('the default branch comes from the event: `master` is not `main`', () => {
    const listed = [artifact(2, '2025-06-02T10:00:00Z', { branch: 'main' }), artifact(1, '2025-06-01T10:00:00Z', { branch: 'master' })];
    expect(pickBaselineArtifact(listed, 'master')?.id).toBe(1);
  });

  test('none: no artifact, only other branches, a fork\'s branch named like the default one, a deleted run, all expired', () => {
    expect(pickBaselineArtifact([], 'main')).toBeUndefined();
    expect(pickBaselineArtifact([artifact(1, '2025-06-01T10:00:00Z', { branch: 'feature' })], 'main')).toBeUndefined();
    expect(pickBaselineArtifact([artifact(1, '2025-06-01T10:00:00Z', { branch: 'main', headRepositoryId: 99 })], 'main')).toBeUndefined();
    expect(pickBaselineArtifact([artifact(1, '2025-06-01T10:00:00Z', null)], 'main')).toBeUndefined();
    expect(pickBaselineArtifact([artifact(1, '2025-06-01T10:00:00Z', { branch: 'main' }, true)], 'main')).toBeUndefined();
  });
});

/** A zip as actions/upload-artifact makes it: deflated entries named by their path. */
const archive = (files: Record<string, string | Uint8Array>) =>
  Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([name, data]) => [name, typeof data === 'string' ? strToU8(data) : data]))));

const ROLLOUT_REPORT = JSON.stringify({ version: 1, trajectories: 32, checks: [], metrics: { tool_call_rate: 0.38, reward_mean: 0.5, empty_ground_truth_rewarded_rate: null } });

describe('baselineFromArchive', () => {
  test('reads the metrics of the rl-review-rollout.json in the archive', async () => {
    expect(await baselineFromArchive(archive({ 'rl-review-rollout.json': ROLLOUT_REPORT }))).toEqual({
      metrics: { tool_call_rate: 0.38, reward_mean: 0.5, empty_ground_truth_rewarded_rate: null },
      percentiles: {},
    });
  });

  const good = archive({ 'rl-review-rollout.json': ROLLOUT_REPORT });
  const flipped = Buffer.from(good);
  for (let at = 40; at < 60; at++) flipped[at] ^= 0xff;

  test.each([
    ['a truncated archive', good.subarray(0, good.length - 30), 'not a readable zip archive (End of central directory record signature not found. Either not a zip file, or file is truncated.)'],
    ['an HTML error page', Buffer.from('<!DOCTYPE html><html>Not Found</html>'), 'not a readable zip archive (End of central directory record signature not found. Either not a zip file, or file is truncated.)'],
    ['an empty download', Buffer.alloc(0), 'not a readable zip archive (End of central directory record signature not found. Either not a zip file, or file is truncated.)'],
    // zlib names what it tripped on in the deflate stream: `invalid distance too far back`, `invalid block type`...
    ['corrupt compressed data', flipped, /^not a readable zip archive \(.+\)$/],
  ])('%s is a BaselineError that says so', async (_, bytes, message) => {
    await expect(baselineFromArchive(bytes)).rejects.toThrow(BaselineError);
    await expect(baselineFromArchive(bytes)).rejects.toThrow(message);
  });

  test('an archive without the report names what it has', async () => {
    await expect(baselineFromArchive(archive({ 'out/rl-review-rollout.json': ROLLOUT_REPORT, 'notes.txt': 'hi' }))).rejects.toThrow(
      'no rl-review-rollout.json at the top of the archive (it has out/rl-review-rollout.json, notes.txt)',
    );
    const many = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`f${i}.txt`, 'x']));
    await expect(baselineFromArchive(archive(many))).rejects.toThrow('(it has f0.txt, f1.txt, f2.txt, f3.txt, f4.txt, and 3 more)');
    await expect(baselineFromArchive(archive({}))).rejects.toThrow('no rl-review-rollout.json at the top of the archive (it has no files)');
  });

  test('a report that is not a rollout report, or not JSON', async () => {
    await expect(baselineFromArchive(archive({ 'rl-review-rollout.json': '{"findings":[]}' }))).rejects.toThrow(
      'not an rl-review rollout report (expected {"version":1,"metrics":{...}})',
    );
    await expect(baselineFromArchive(archive({ 'rl-review-rollout.json': '{"version":1,' }))).rejects.toThrow(/^cannot read baseline: /);
  });
});

describe('baselineFromArchive: zip bombs', () => {
  test('a report that says it inflates to 1.3 GB is refused from its declared size, before anything is inflated', async () => {
    const bomb = declaringSize(archive({ 'rl-review-rollout.json': ROLLOUT_REPORT }), 1_300_000_000);
    await expect(baselineFromArchive(bomb)).rejects.toThrow('rl-review-rollout.json would inflate to 1239.8 MiB, over the 8.0 MiB a baseline may take');
  });

  test('a report that lies about its size is stopped as soon as it inflates past what it declared', async () => {
    // 4 MiB of zeros deflate to 4 KB; the headers say 1 KB.
    const liar = declaringSize(archive({ 'rl-review-rollout.json': new Uint8Array(4 * 1024 * 1024) }), 1024);
    expect(liar.length).toBeLessThan(16 * 1024);
    await expect(baselineFromArchive(liar)).rejects.toThrow(/^not a readable zip archive \(too many bytes in the stream\. expected 1024\. got at least \d+\)$/);
  });

  test('an archive larger than any baseline is not read', async () => {
    const large = Buffer.alloc(MAX_BASELINE_BYTES + 1);
    await expect(baselineFromArchive(large)).rejects.toThrow('the archive is 8.0 MiB, over the 8.0 MiB a baseline may take');
  });
});

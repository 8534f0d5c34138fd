import { strToU8, zipSync } from 'fflate';
import { baselineFromArchive, BASELINE_ARTIFACT, pickBaselineArtifact, type Artifact } from '../../src/action/baseline';
import { BaselineError } from '../../src/rollout/report';

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
const archive = (files: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])));

const ROLLOUT_REPORT = JSON.stringify({ version: 1, trajectories: 32, checks: [], metrics: { tool_call_rate: 0.38, reward_mean: 0.5, empty_ground_truth_rewarded_rate: null } });

describe('baselineFromArchive', () => {
  test('reads the metrics of the rl-review-rollout.json in the archive', () => {
    expect(baselineFromArchive(archive({ 'rl-review-rollout.json': ROLLOUT_REPORT }))).toEqual({
      tool_call_rate: 0.38,
      reward_mean: 0.5,
      empty_ground_truth_rewarded_rate: null,
    });
  });

  const good = archive({ 'rl-review-rollout.json': ROLLOUT_REPORT });
  const flipped = good.slice();
  for (let at = 40; at < 60; at++) flipped[at] ^= 0xff;

  test.each([
    ['a truncated archive', good.slice(0, good.length - 30), 'not a readable zip archive (invalid zip data)'],
    ['an HTML error page', strToU8('<!DOCTYPE html><html>Not Found</html>'), 'not a readable zip archive (invalid zip data)'],
    ['an empty download', new Uint8Array(0), 'not a readable zip archive (invalid zip data)'],
    // fflate names what it tripped on in the deflate stream: `invalid distance`, `invalid length/literal`...
    ['corrupt compressed data', flipped, /^not a readable zip archive \(invalid [a-z/ ]+\)$/],
  ])('%s is a BaselineError that says so', (_, bytes, message) => {
    expect(() => baselineFromArchive(bytes)).toThrow(BaselineError);
    expect(() => baselineFromArchive(bytes)).toThrow(message);
  });

  test('an archive without the report names what it has', () => {
    expect(() => baselineFromArchive(archive({ 'out/rl-review-rollout.json': ROLLOUT_REPORT, 'notes.txt': 'hi' }))).toThrow(
      'no rl-review-rollout.json at the top of the archive (it has out/rl-review-rollout.json, notes.txt)',
    );
    expect(() => baselineFromArchive(archive({}))).toThrow('no rl-review-rollout.json at the top of the archive (it has no files)');
  });

  test('a report that is not a rollout report, or not JSON', () => {
    expect(() => baselineFromArchive(archive({ 'rl-review-rollout.json': '{"findings":[]}' }))).toThrow(
      'not an rl-review rollout report (expected {"version":1,"metrics":{...}})',
    );
    expect(() => baselineFromArchive(archive({ 'rl-review-rollout.json': '{"version":1,' }))).toThrow(/^cannot read baseline: /);
  });
});

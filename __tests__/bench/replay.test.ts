import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findClone, intersects, loadManifest, MANIFEST, replay, selectRules, type Manifest } from '../../bench/replay';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' }).trim();

/** A rollout that RL101 flags on line 4, and its fix. */
const BUGGY = `import vllm

def rollout(engine, tok, messages):
    prompt = tok.apply_chat_template(messages, tokenize=False)
    return engine.generate(prompt)
`;
const FIXED = BUGGY.replace('tokenize=False', 'tokenize=False, add_generation_prompt=True');

/** A clone `<name>` under a fresh directory, whose two commits are the buggy rollout and its fix. */
function makeRepos(): { dir: string; parent: string; fix: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rl-review-replay-'));
  const clone = join(dir, 'trainer');
  mkdirSync(join(clone, 'src'), { recursive: true });
  git(clone, 'init', '-q');
  writeFileSync(join(clone, 'src/rollout.py'), BUGGY);
  git(clone, 'add', '.');
  git(clone, 'commit', '-qm', 'rollout');
  writeFileSync(join(clone, 'src/rollout.py'), FIXED);
  git(clone, 'commit', '-qam', 'fix: add the generation prompt');
  return { dir, parent: git(clone, 'rev-parse', 'HEAD^'), fix: git(clone, 'rev-parse', 'HEAD') };
}

const entry = (id: string, repo: string, parent: string, fix: string, buggyLines: [number, number][]) => ({
  id, repo, fix, parent, path: 'src/rollout.py', buggyLines, fixedLines: buggyLines, class: 'generation-prompt', evidence: '', link: '',
});

describe('bench:history replay', () => {
  test('a finding counts when its range meets one of the line ranges', () => {
    const finding = { line: 4, column: 1, endLine: 6, endColumn: 2 };
    expect(intersects(finding, [[1, 3]])).toBe(false);
    expect(intersects(finding, [[1, 3], [6, 9]])).toBe(true);
    expect(intersects(finding, [[5, 5]])).toBe(true);
    expect(intersects(finding, [[7, 8]])).toBe(false);
  });

  test('bugs caught on their lines, fixed versions, and entries whose repository or commit is missing', async () => {
    const { dir, parent, fix } = makeRepos();
    const other = '0'.repeat(40);
    const manifest: Manifest = {
      classes: { 'generation-prompt': { name: 'Prompt for generation without the generation prompt' }, 'reward-shift': { name: 'Reward shift' } },
      entries: [
        { ...entry('caught', 'someone/trainer', parent, fix, [[4, 4]]), citedByRule: 'RL101' },
        entry('elsewhere', 'someone/trainer', parent, fix, [[1, 2]]),
        { ...entry('other-class', 'someone/trainer', parent, fix, [[5, 5]]), class: 'reward-shift' },
        entry('no-repo', 'someone/absent', parent, fix, [[4, 4]]),
        entry('no-commit', 'someone/trainer', other, fix, [[4, 4]]),
      ],
    };
    const result = await replay(manifest, dir, selectRules([]));
    expect(result.outcomes.map((o) => [o.id, o.status])).toEqual([
      ['caught', 'scanned'], ['elsewhere', 'scanned'], ['other-class', 'scanned'], ['no-repo', 'repo-missing'], ['no-commit', 'commit-missing'],
    ]);
    expect(result.outcomes[0]).toMatchObject({ buggy: { rules: ['RL101'], infoRules: [] }, fixed: { rules: [], infoRules: [] } });
    expect(result.classes['generation-prompt']).toMatchObject({ entries: 4, scanned: 2, caught: 1, fixedFlagged: 0, repoMissing: 1, commitMissing: 1, caughtBy: { RL101: 1 } });
    expect(result.classes['reward-shift']).toMatchObject({ entries: 1, scanned: 1, caught: 0 });
    expect(result.total).toMatchObject({ entries: 5, scanned: 3, caught: 1, repoMissing: 1, commitMissing: 1 });
    // The fix a rule's doc cites is left out of the independent total.
    expect(result.independent).toMatchObject({ entries: 4, scanned: 2, caught: 0 });

    // The same bug with the rule switched off is not caught.
    const without = await replay(manifest, dir, selectRules(['RL102']));
    expect(without.total.caught).toBe(0);
  });

  test('clones are found as fetched mirrors (<owner>+<name>/repo, bare) and as plain clones (<name>)', () => {
    const { dir } = makeRepos();
    git(dir, 'clone', '-q', '--bare', join(dir, 'trainer'), join(dir, 'someone+mirrored', 'repo'));
    expect(findClone(dir, 'someone/mirrored')).toBe(join(dir, 'someone+mirrored', 'repo'));
    expect(findClone(dir, 'someone/trainer')).toBe(join(dir, 'trainer'));
    expect(findClone(dir, 'someone/absent')).toBeUndefined();
  });

  test('--rules takes codes, code prefixes and names, and names the selector that matches nothing', () => {
    expect([...selectRules(['RL10']).keys()]).toEqual(['RL101', 'RL102', 'RL103', 'RL104', 'RL105', 'RL106', 'RL107', 'RL108', 'RL109']);
    expect([...selectRules(['reward-shift', 'RL112']).keys()]).toEqual(['RL104', 'RL112']);
    expect(() => selectRules(['RL9'])).toThrow(/no rule matches RL9/);
  });

  test('the manifest loads; a bad entry is named by its index, id and field', () => {
    const manifest = loadManifest(MANIFEST);
    expect(manifest.entries.length).toBeGreaterThan(0);
    const dir = mkdtempSync(join(tmpdir(), 'rl-review-manifest-'));
    const write = (entries: unknown[]) => {
      writeFileSync(join(dir, 'm.json'), JSON.stringify({ classes: { c: { name: 'C' } }, entries }));
      return join(dir, 'm.json');
    };
    const good = { ...entry('a', 'o/r', '1'.repeat(40), '2'.repeat(40), [[3, 4]]), class: 'c' };
    expect(() => loadManifest(write([good, { ...good, buggyLines: [[5, 4]] }]))).toThrow(/entries\.1\.buggyLines\.0: a range ends before it starts/);
    expect(() => loadManifest(write([good, good]))).toThrow(/entries\.1: duplicate id 'a'/);
    expect(() => loadManifest(write([{ ...good, class: 'd' }]))).toThrow(/entries\.0 \(a\): unknown class 'd'/);
  });
});

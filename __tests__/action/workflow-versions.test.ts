import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every `uses:` in the workflows users copy (README, docs) and in ours calls an action's current major: an older
 * major runs on a Node.js that runners no longer ship, or is retired (`codeql-action/upload-sarif@v3`, December 2026).
 * Raise a major here when the action's maintainers publish a new one.
 */
const CURRENT_MAJOR: Record<string, number> = {
  // v7 (June 2026) refuses to check out a fork's head under pull_request_target: the workflows here never do.
  'actions/checkout': 7,
  'actions/upload-artifact': 7,
  // v8 checks the artifact's hash when it downloads: the workflows here download by name.
  'actions/download-artifact': 8,
  'actions/setup-python': 6,
  'github/codeql-action': 4,
  'rl-review/rl-review': 1,
};

const markdownUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => join(entry.parentPath, entry.name));

const SOURCES = ['README.md', ...markdownUnder('docs'), ...readdirSync('.github/workflows').map((name) => join('.github/workflows', name))];

/** `uses: owner/repo[/path]@ref` lines, with where they are. */
function usesOf(path: string): { where: string; action: string; ref: string }[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((line, index) => {
      const match = /\buses:\s*([\w.-]+\/[\w.-]+)(?:\/[\w./-]*)?@([\w.-]+)/.exec(line);
      return match ? [{ where: `${path}:${index + 1}`, action: match[1], ref: match[2] }] : [];
    });
}

test('the workflows in the README, the docs and .github/workflows call each action at its current major', () => {
  const uses = SOURCES.flatMap(usesOf);
  expect(uses.length).toBeGreaterThan(10);
  const outdated = uses.filter(({ action, ref }) => {
    const major = /^v(\d+)$/.exec(ref)?.[1];
    return !(action in CURRENT_MAJOR) || major === undefined || Number(major) < CURRENT_MAJOR[action];
  });
  expect(outdated.map(({ where, action, ref }) => `${where}: ${action}@${ref} (current: v${CURRENT_MAJOR[action] ?? '?'})`)).toEqual([]);
});

/**
 * The replay benchmark of real bug fixes (`npm run bench:history`): each entry of `bench/bug-history.json` names a
 * fix commit, its parent, a file and the buggy lines; both versions of the file are read from a local clone with
 * `git show` and analyzed in memory, under their real path, by the engine the CLI uses. The rules are per file, so
 * the one file is all they need.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { analyzeSource } from '../src/analysis/engine';
import { languageOf } from '../src/analysis/files';
import { RULES } from '../src/analysis/rules/index';
import type { Config } from '../src/config';
import type { Finding, Range } from '../src/findings';

/** The manifest of real bug fixes beside this file. */
export const MANIFEST = fileURLToPath(new URL('bug-history.json', import.meta.url));

const lineRanges = z.array(z.tuple([z.number().int().positive(), z.number().int().positive()]).refine(([lo, hi]) => lo <= hi, 'a range ends before it starts')).min(1);

const manifestSchema = z.object({
  classes: z.record(z.string(), z.object({ name: z.string(), targeted: z.boolean().optional() }).loose()),
  entries: z.array(
    z.object({
      id: z.string(),
      repo: z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'owner/name'),
      fix: z.string().regex(/^[0-9a-f]{40}$/),
      parent: z.string().regex(/^[0-9a-f]{40}$/),
      path: z.string(),
      fixedPath: z.string().optional(),
      buggyLines: lineRanges,
      fixedLines: lineRanges,
      class: z.string(),
      evidence: z.string(),
      link: z.string(),
      /** The rule whose doc cites this very fix as its source story: the rule was written from it, so it is no independent test. */
      citedByRule: z.string().optional(),
    }).loose(),
  ),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type Entry = Manifest['entries'][number];
type LineRange = Entry['buggyLines'][number];

/** Read and check a manifest; every problem names the entry (by index and id) and the field. */
export function loadManifest(file: string): Manifest {
  const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue.path.join('.')}: ${issue.message}`);
  }
  const manifest = parsed.data;
  const ids = new Set<string>();
  manifest.entries.forEach((entry, index) => {
    if (ids.has(entry.id)) throw new Error(`${file}: entries.${index}: duplicate id '${entry.id}'`);
    ids.add(entry.id);
    if (!(entry.class in manifest.classes)) throw new Error(`${file}: entries.${index} (${entry.id}): unknown class '${entry.class}'`);
  });
  return manifest;
}

/**
 * Where a repository's clone is under `reposDir`: a mirror as `fetch` lays them out (`<owner>+<name>/repo`, bare),
 * `<owner>+<name>`, `<owner>/<name>` or `<name>` (a clone with a work tree, or bare). Undefined when none exists.
 */
export function findClone(reposDir: string, repo: string): string | undefined {
  const [owner, name] = repo.split('/');
  const candidates = [join(reposDir, `${owner}+${name}`, 'repo'), join(reposDir, `${owner}+${name}`), join(reposDir, owner, name), join(reposDir, name)];
  return candidates.find((dir) => existsSync(join(dir, 'HEAD')) || existsSync(join(dir, '.git')));
}

/** A file's text at a commit, or undefined when the clone lacks the commit or the file. */
export function fileAt(clone: string, commit: string, path: string): string | undefined {
  try {
    return execFileSync('git', ['-C', clone, 'show', `${commit}:${path}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

export function intersects(finding: Range, ranges: readonly LineRange[]): boolean {
  return ranges.some(([lo, hi]) => finding.line <= hi && finding.endLine >= lo);
}

/** The findings on some of the lines, split by severity: `info` is counted apart from errors and warnings. */
export interface Hit {
  /** Rule codes of error and warning findings on the lines. */
  rules: string[];
  /** Rule codes of info findings on the lines (none at error or warning). */
  infoRules: string[];
}

export type EntryOutcome =
  | { id: string; repo: string; class: string; status: 'scanned'; buggy: Hit; fixed: Hit }
  | { id: string; repo: string; class: string; status: 'repo-missing' | 'commit-missing' };

function hitOn(findings: Finding[], ranges: readonly LineRange[]): Hit {
  const on = findings.filter((f) => intersects(f, ranges));
  const codes = (list: Finding[]) => [...new Set(list.map((f) => f.ruleId))].sort();
  const rules = codes(on.filter((f) => f.severity !== 'info'));
  return { rules, infoRules: rules.length > 0 ? [] : codes(on.filter((f) => f.severity === 'info')) };
}

/**
 * The enabled rules for `--rules`: codes (`RL101`), names (`reward-shift`) or code prefixes (`RL2`), all at their
 * default severities; every rule when `selectors` is empty.
 */
export function selectRules(selectors: readonly string[]): Config['rules'] {
  const chosen = RULES.filter((rule) => selectors.length === 0 || selectors.some((s) => rule.meta.code.startsWith(s) || rule.meta.name === s));
  const unknown = selectors.filter((s) => !RULES.some((rule) => rule.meta.code.startsWith(s) || rule.meta.name === s));
  if (unknown.length > 0) throw new Error(`--rules: no rule matches ${unknown.join(', ')} (codes: ${RULES.map((r) => r.meta.code).join(', ')})`);
  return new Map(chosen.map((rule) => [rule.meta.code, 'default' as const]));
}

async function findingsOf(path: string, source: string, rules: Config['rules']): Promise<Finding[]> {
  const language = languageOf(path);
  return language ? (await analyzeSource(path, source, language, rules)).findings : [];
}

/** Scan the buggy and fixed version of one entry's file. */
export async function replayEntry(entry: Entry, reposDir: string, rules: Config['rules']): Promise<EntryOutcome> {
  const base = { id: entry.id, repo: entry.repo, class: entry.class };
  const clone = findClone(reposDir, entry.repo);
  if (!clone) return { ...base, status: 'repo-missing' };
  const buggySource = fileAt(clone, entry.parent, entry.path);
  const fixedPath = entry.fixedPath ?? entry.path;
  const fixedSource = fileAt(clone, entry.fix, fixedPath);
  if (buggySource === undefined || fixedSource === undefined) return { ...base, status: 'commit-missing' };
  return {
    ...base,
    status: 'scanned',
    buggy: hitOn(await findingsOf(entry.path, buggySource, rules), entry.buggyLines),
    fixed: hitOn(await findingsOf(fixedPath, fixedSource, rules), entry.fixedLines),
  };
}

export interface Tally {
  entries: number;
  scanned: number;
  repoMissing: number;
  commitMissing: number;
  /** Bugs with an error or warning finding on their buggy lines. */
  caught: number;
  /** Bugs with only info findings on their buggy lines. */
  caughtInfo: number;
  /** Fixed versions with an error or warning finding on their matching lines. */
  fixedFlagged: number;
  /** Fixed versions with only info findings on their matching lines. */
  fixedFlaggedInfo: number;
  /** The rules whose findings caught bugs of this tally, with counts (info included). */
  caughtBy: Record<string, number>;
}

const emptyTally = (): Tally => ({ entries: 0, scanned: 0, repoMissing: 0, commitMissing: 0, caught: 0, caughtInfo: 0, fixedFlagged: 0, fixedFlaggedInfo: 0, caughtBy: {} });

function add(tally: Tally, outcome: EntryOutcome): void {
  tally.entries++;
  if (outcome.status === 'repo-missing') tally.repoMissing++;
  else if (outcome.status === 'commit-missing') tally.commitMissing++;
  if (outcome.status === 'scanned') {
    tally.scanned++;
    if (outcome.buggy.rules.length > 0) tally.caught++;
    else if (outcome.buggy.infoRules.length > 0) tally.caughtInfo++;
    if (outcome.fixed.rules.length > 0) tally.fixedFlagged++;
    else if (outcome.fixed.infoRules.length > 0) tally.fixedFlaggedInfo++;
    for (const code of [...outcome.buggy.rules, ...outcome.buggy.infoRules]) tally.caughtBy[code] = (tally.caughtBy[code] ?? 0) + 1;
  }
}

export interface Replay {
  /** Per class, in the manifest's order of classes; classes without entries are left out. */
  classes: Record<string, Tally>;
  total: Tally;
  /** The total without the entries a rule's doc cites as its source story. */
  independent: Tally;
  outcomes: EntryOutcome[];
  seconds: number;
}

/** Replay every entry (in order; `onEntry` after each) and tally the outcomes per class and in total. */
export async function replay(manifest: Manifest, reposDir: string, rules: Config['rules'], onEntry?: (done: number, total: number) => void): Promise<Replay> {
  const started = performance.now();
  const outcomes: EntryOutcome[] = [];
  for (const entry of manifest.entries) {
    outcomes.push(await replayEntry(entry, reposDir, rules));
    onEntry?.(outcomes.length, manifest.entries.length);
  }
  const classes: Record<string, Tally> = {};
  const total = emptyTally();
  for (const name of Object.keys(manifest.classes)) {
    const of = outcomes.filter((o) => o.class === name);
    if (of.length === 0) continue;
    classes[name] = emptyTally();
    for (const outcome of of) add(classes[name], outcome);
  }
  const independent = emptyTally();
  outcomes.forEach((outcome, index) => {
    add(total, outcome);
    if (!manifest.entries[index].citedByRule) add(independent, outcome);
  });
  return { classes, total, independent, outcomes, seconds: (performance.now() - started) / 1000 };
}

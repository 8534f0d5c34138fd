/**
 * `npm run bench:history -- --repos DIR [--rules RL2,RL101] [--json]`: replay the real bug fixes of
 * `bench/bug-history.json` (bench/replay.ts) against the local clones under DIR, and print per class and in total the
 * bugs caught on their buggy lines and the fixed versions still flagged. Entries whose repository is not under DIR
 * are skipped and counted.
 */
import { parseArgs } from 'node:util';
import { loadManifest, MANIFEST, replay, selectRules, type Replay, type Tally } from './replay';

const USAGE = 'usage: npm run bench:history -- --repos DIR [--rules CODES] [--json]\n' +
  '  DIR holds local clones: <owner>+<name>/repo (as fetched mirrors), <owner>+<name>, <owner>/<name> or <name>\n' +
  '  --rules: comma-separated codes, code prefixes or names (RL2,RL101,reward-shift); default: every rule';

const percent = (part: number, whole: number) => (whole === 0 ? '-' : `${((100 * part) / whole).toFixed(0)}%`);

function row(name: string, t: Tally): string {
  const by = Object.entries(t.caughtBy).map(([code, n]) => `${code}×${n}`).join(' ');
  return [
    name.padEnd(34),
    String(t.entries).padStart(7),
    String(t.scanned).padStart(7),
    `${t.caught} (${percent(t.caught, t.scanned)})`.padStart(10),
    String(t.caughtInfo).padStart(5),
    `${t.fixedFlagged} (${percent(t.fixedFlagged, t.scanned)})`.padStart(10),
    String(t.fixedFlaggedInfo).padStart(5),
    `  ${by}`,
  ].join(' ');
}

function formatReplay(result: Replay, manifestClasses: Record<string, { targeted?: boolean }>): string {
  const header = ['class'.padEnd(34), 'entries'.padStart(7), 'scanned'.padStart(7), 'caught'.padStart(10), '+info'.padStart(5), 'fixed-flag'.padStart(10), '+info'.padStart(5), '  caught by'].join(' ');
  const lines = [header];
  for (const [name, tally] of Object.entries(result.classes)) {
    lines.push(row(manifestClasses[name]?.targeted === false ? `${name} (no rule)` : name, tally));
  }
  lines.push(row('total', result.total));
  lines.push(row('total, not cited by a rule', result.independent));
  const { repoMissing, commitMissing } = result.total;
  const missingRepos = [...new Set(result.outcomes.filter((o) => o.status === 'repo-missing').map((o) => o.repo))];
  lines.push('');
  lines.push('caught: an error or warning finding on the buggy lines of the parent; fixed-flag: one on the matching lines of the fix; +info: only info findings there');
  lines.push("not cited by a rule: without the fixes a rule's doc cites as its source story (the rule was written from them)");
  lines.push(`skipped: ${repoMissing} entries whose repository is not under --repos${missingRepos.length > 0 ? ` (${missingRepos.join(', ')})` : ''}, ${commitMissing} whose commit or file the clone lacks`);
  lines.push(`time: ${result.seconds.toFixed(1)} s for ${result.total.scanned} entries (${2 * result.total.scanned} file versions analyzed)`);
  return lines.join('\n');
}

async function main(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { repos: { type: 'string' }, rules: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help || !values.repos) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  let manifest;
  let rules;
  try {
    manifest = loadManifest(MANIFEST);
    rules = selectRules(values.rules ? values.rules.split(',').map((s) => s.trim()).filter(Boolean) : []);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const result = await replay(manifest, values.repos, rules, (done, total) => {
    if (!values.json && process.stderr.isTTY) process.stderr.write(`\r${done}/${total}`);
  });
  if (!values.json && process.stderr.isTTY) process.stderr.write('\r');
  console.log(values.json ? JSON.stringify({ rules: [...rules.keys()], ...result }, null, 2) : formatReplay(result, manifest.classes));
  return 0;
}

process.exitCode = await main(process.argv.slice(2));

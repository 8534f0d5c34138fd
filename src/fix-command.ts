import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { scan, type ScanOptions } from './analysis/engine';
import { fixScan, isSafeFix, type FixableFinding } from './analysis/fixer';
import { UsageError, writeOutput, writeReport, type ReportOptions } from './command-line';
import { failsAt, ruleLabel, type ScanResult } from './findings';
import { plural } from './rollout/checks/check';

/** `scan --fix`, `--diff` and `--unsafe-fixes`, as Ruff has them. */
export const FIX_OPTIONS = {
  fix: { type: 'boolean' },
  diff: { type: 'boolean' },
  'unsafe-fixes': { type: 'boolean' },
} as const;

export interface FixOptions {
  /** `--fix` writes the files; `--diff` prints what it would write. */
  write: boolean;
  unsafe: boolean;
}

export function fixOptions(values: { fix?: boolean; diff?: boolean; 'unsafe-fixes'?: boolean; format?: string; 'changed-lines'?: string }): FixOptions | undefined {
  if (!values.fix && !values.diff) {
    if (values['unsafe-fixes']) throw new UsageError('--unsafe-fixes goes with --fix or --diff');
    return undefined;
  }
  if (values.fix && values.diff) throw new UsageError('--fix writes the fixes and --diff prints them without writing: give one of them');
  const flag = values.fix ? '--fix' : '--diff';
  if (values['changed-lines'] !== undefined) throw new UsageError(`${flag} fixes whole files: it does not take --changed-lines`);
  if (values.diff && values.format !== undefined) throw new UsageError('--diff prints a unified diff: it does not take --format');
  return { write: Boolean(values.fix), unsafe: Boolean(values['unsafe-fixes']) };
}

/**
 * Fix what the scan found. `--fix`: write the files, say on stderr what changed, and report what is left (a new
 * scan), failing on it as `scan` does. `--diff`: print the changes as a unified diff (`git apply` takes it), exit 1
 * when there is something to fix.
 */
export async function runFixes(result: ScanResult, scanOptions: ScanOptions, report: ReportOptions, options: FixOptions): Promise<number> {
  const { cwd, config } = scanOptions;
  const outcome = await fixScan(result, { cwd, severities: config.rules, unsafe: options.unsafe });
  const fixed = outcome.files.flatMap((file) => file.fixed);
  const files = plural(outcome.files.length, 'file');
  if (!options.write) {
    const diff = outcome.files
      .map((f) => createTwoFilesPatch(`a/${f.path}`, `b/${f.path}`, f.before, f.after, undefined, undefined, { headerOptions: FILE_HEADERS_ONLY }))
      .join('');
    writeOutput(diff, report.output, 'the diff');
    say(fixed.length ? `would fix ${plural(fixed.length, 'finding')} in ${files}:` : 'nothing to fix.', fixed);
    sayUnsafe(result, options);
    for (const notice of outcome.notices) say(`${notice.path}: ${notice.message}`);
    return diff ? 1 : 0;
  }
  for (const file of outcome.files) writeFileSync(resolve(cwd, file.path), (file.bom ? '\ufeff' : '') + file.after);
  say(fixed.length ? `fixed ${plural(fixed.length, 'finding')} in ${files}:` : 'nothing to fix.', fixed);
  const after = outcome.files.length ? await scan(scanOptions) : result;
  sayUnsafe(after, options);
  const left = { ...after, notices: [...after.notices, ...outcome.notices] };
  writeReport(left, report);
  return failsAt(left.findings, report.failOn) ? 1 : 0;
}

/** The fixes not applied because they are unsafe, with how to apply them. */
function sayUnsafe(result: ScanResult, options: FixOptions): void {
  if (options.unsafe) return;
  const unsafe = result.findings.filter((f): f is FixableFinding => f.fix !== undefined && !isSafeFix(f));
  if (unsafe.length) {
    say(`${plural(unsafe.length, 'finding')} with an unsafe fix, not applied (see the rule's "Fix safety"; --unsafe-fixes applies them):`, unsafe);
  }
}

/** What the fixes did, for a person: on stderr, since stdout has the report or the diff. */
function say(headline: string, findings: readonly FixableFinding[] = []): void {
  const lines = findings.map((f) => `  ${f.path}:${f.line}  ${ruleLabel(f)}: ${f.fix.description}`);
  process.stderr.write(`rl-review: ${[headline, ...lines].join('\n')}\n`);
}

#!/usr/bin/env node
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { scan } from './analysis/engine';
import { parseShard, type Shard } from './analysis/shard';
import { ConfigError, loadConfig } from './config';
import { REPORT_OPTIONS, reportOptions, UsageError, writeReport, type ReportOptions } from './command-line';
import { FIX_OPTIONS, fixOptions, runFixes } from './fix-command';
import { failsAt } from './findings';
import { parseUnifiedDiff } from './github/diff';
import { VERSION } from './version';

const USAGE = `rl-review ${VERSION}: review LLM reinforcement-learning training code

Usage:
  rl-review review [DIR]             the full review of DIR (default: .): the static analysis, the template probe on
                                     its model directories, the reward probe and the smoke rollout when configured
                                     (config: DIR/.github/rl-review.yml if present; its paths are relative to DIR)
  rl-review scan [paths...]          static analysis (default: the current directory)
  rl-review merge REPORT.json...     the JSON reports of a sharded scan as one report (each finding once)
  rl-review lsp                      a language server over stdio: diagnostics and quick fixes in the editor
  rl-review rollout check|run ...    smoke rollout: check dumps, or run a command and check its dump
                                     (rl-review rollout --help)
  rl-review probe template|reward ... model-free probes: the chat template and tokenizer files, a reward function
                                     (rl-review probe --help)
  rl-review policy serve ...         a scripted, adversarial policy on an OpenAI-compatible endpoint
                                     (rl-review policy --help)

Options:
  --format text|json|sarif|github|markdown   output format (default: text)
  --output FILE                              write the report to FILE instead of stdout
  --config FILE                              config file (default: .github/rl-review.yml if present)
  --fail-on error|warning|info|never         exit 1 when a finding is at or above this (default: error)
  --changed-lines FILE                       scan: a unified diff: report only findings on its added/changed lines
  --fix                                      scan: apply the safe fixes, then report what is left
  --diff                                     scan: print the fixes as a unified diff, change no file
                                             (exit 1 when there is something to fix)
  --unsafe-fixes                             scan: with --fix or --diff, apply the unsafe fixes too
  --shard i/n                                scan: only the i-th of n shares of the files (by path hash)
  -h, --help                                 show this help
  -v, --version                              print the version

Exit status: 0 no failing finding, 1 a finding at or above --fail-on (review: or a failing smoke rollout),
2 usage or config error.
`;

/** The options of `review` and `scan`: the report's, and the config file. */
const OPTIONS = { ...REPORT_OPTIONS, config: { type: 'string' } } as const;

/** A progress indicator only where someone watches it: text to a terminal. */
const progressFor = (options: ReportOptions) => (process.stderr.isTTY && options.format === 'text' && !options.output ? progress : undefined);

async function runReview(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: OPTIONS });
  const options = reportOptions(values);
  if (positionals.length > 1) throw new UsageError(`review takes one directory (got ${positionals.join(', ')})`);
  const dir = positionals[0] ?? '.';
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`review: '${dir}' is not a directory`);
  const [{ reviewDirectory }, { reviewFails }] = await Promise.all([import('./review/directory'), import('./report/verdict')]);
  const report = await reviewDirectory({
    dir,
    cwd: process.cwd(),
    configPath: values.config,
    // stdout has the report: the smoke command's output goes beside it.
    log: (text) => process.stderr.write(text),
    onProgress: progressFor(options),
  });
  writeReport(report, options);
  return reviewFails(report, options.failOn) ? 1 : 0;
}

async function runScan(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...OPTIONS, 'changed-lines': { type: 'string' }, shard: { type: 'string' }, ...FIX_OPTIONS },
  });
  const options = reportOptions(values);
  const fixing = fixOptions(values);
  const shard = values.shard === undefined ? undefined : shardOption(values.shard);
  const cwd = process.cwd();
  const config = loadConfig(values.config, cwd);
  let changedLines;
  if (values['changed-lines']) {
    try {
      changedLines = parseUnifiedDiff(readFileSync(values['changed-lines'], 'utf8'));
    } catch (error) {
      const { code, message } = error as NodeJS.ErrnoException;
      throw new UsageError(`--changed-lines ${values['changed-lines']}: ${code ? `cannot read it (${code})` : message}`);
    }
  }
  const scanOptions = { paths: positionals.length ? positionals : ['.'], cwd, config, changedLines, shard, onProgress: progressFor(options) };
  const result = await scan(scanOptions);
  if (fixing) return await runFixes(result, scanOptions, options, fixing);
  writeReport(result, options);
  return failsAt(result.findings, options.failOn) ? 1 : 0;
}

function shardOption(text: string): Shard {
  try {
    return parseShard(text);
  } catch (error) {
    throw new UsageError(`--shard ${(error as Error).message}`);
  }
}

/** `rl-review merge REPORT.json...`: the JSON reports of a sharded audit, as one report. */
async function runMerge(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: REPORT_OPTIONS });
  const options = reportOptions(values);
  if (!positionals.length) throw new UsageError('merge takes the JSON reports to merge (rl-review scan --shard i/n --format json)');
  const { mergeReportFiles, ReportFileError } = await import('./report/merge');
  let report;
  try {
    ({ report } = mergeReportFiles(positionals));
  } catch (error) {
    if (!(error instanceof ReportFileError)) throw error;
    process.stderr.write(`rl-review: ${error.message}\n`);
    return 2;
  }
  writeReport(report, options);
  return failsAt(report.findings, options.failOn) ? 1 : 0;
}

/** A one-line progress indicator on stderr, only for long scans in a terminal. */
function progress(done: number, total: number): void {
  if (total < 200) return;
  if (done === total) process.stderr.write('\r\x1b[K');
  else if (done % 50 === 0) process.stderr.write(`\r\x1b[Kscanning ${done}/${total} files`);
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(USAGE);
        return 0;
      case '-v':
      case '--version':
        process.stdout.write(`${VERSION}\n`);
        return 0;
      case 'review':
        return await runReview(rest);
      case 'scan':
        return await runScan(rest);
      case 'merge':
        return await runMerge(rest);
      case 'lsp': {
        // `--stdio` is what LSP clients pass to say the transport; it is the only one.
        const extra = rest.filter((arg) => arg !== '--stdio');
        if (extra.length) throw new UsageError(`lsp takes no arguments but --stdio (got ${extra.join(' ')})`);
        // Loaded only here: `scan` does not pay for the protocol library.
        const { startLanguageServer } = await import('./lsp/server');
        startLanguageServer();
        // The server library ends the process when the editor closes the connection.
        return await new Promise<never>(() => {});
      }
      // Each command loads its own modules: `scan` starts its workers sooner for not loading the others'.
      case 'rollout':
        return await (await import('./rollout/command')).rolloutMain(rest);
      case 'probe':
        return await (await import('./probes/command')).runProbe(rest);
      case 'policy':
        return await (await import('./policy/command')).runPolicy(rest);
      default:
        // `rl-review`, `rl-review path/` and `rl-review --format json` scan, as `npx rl-review` users expect.
        if (command === undefined || command.startsWith('-') || existsSync(command)) return await runScan(argv);
        throw new UsageError(`unknown command or path '${command}'`);
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`rl-review: config error: ${error.message}\n`);
      return 2;
    }
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`rl-review: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

// Run only as the entry point (also through npm's bin symlink), not when imported by tests.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}

#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);
import {
  ConfigError,
  DEFAULT_CALL_TIMEOUT_SECONDS,
  DEFAULT_CONFIG_PATHS,
  DEFAULT_DATA_SOURCE,
  MAX_DURATION_MS,
  MAX_DURATION_TEXT,
  OUTPUT_FORMATS,
  REWARD_STYLES,
  RUNTIME_ANALYSES,
  VERSION,
  detectIsolation,
  formatGithub,
  formatJson,
  formatMarkdown,
  formatRolloutText,
  formatSarif,
  isolationNotice,
  loadConfig,
  parseUnifiedDiff,
  probeReward,
  probeTemplateIsolated,
  rebase,
  reviewFails,
  rolloutMain,
  severityTally
} from "./chunks/chunk-DL4C6CDG.js";
import {
  decodeSource,
  scan
} from "./chunks/chunk-JHEVTC7F.js";
import {
  plural
} from "./chunks/chunk-OLB4NQHG.js";
import {
  ProbeInputError,
  displayPath,
  findModelDirs,
  repositoryOf
} from "./chunks/chunk-QEVG3DEU.js";
import {
  NOT_ANALYZED,
  SEVERITIES,
  compareFindings,
  failsAt,
  languageOf,
  readRegularFile,
  ruleLabel
} from "./chunks/chunk-OM2IMJ72.js";
import "./chunks/chunk-S3CKACEJ.js";
import "./chunks/chunk-WVNCUC7L.js";

// src/cli.ts
import { existsSync as existsSync2, readFileSync, realpathSync, statSync as statSync2 } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs as parseArgs2 } from "node:util";

// src/command-line.ts
import { statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

// src/report/render.ts
import { resolve } from "node:path";

// src/report/text.ts
import { styleText as styleText2 } from "node:util";

// src/report/probes-text.ts
import { styleText } from "node:util";
var STATUS_STYLE = { pass: "green", fail: "red", note: "blue", skip: "dim" };
var HEADS = {
  template: { title: "Chat template", columns: ["check", "expected", "got"] },
  reward: { title: "Reward function", columns: ["case", "expected", "paid"] }
};
function formatProbesText(probes, options) {
  const paint = (style, text) => options.color ? styleText(style, text) : text;
  const out = [];
  for (const probe of probes) {
    const { title, columns } = HEADS[probe.probe];
    const titleWidth = Math.max(columns[0].length, ...probe.checks.map((c) => c.title.length));
    const expectedWidth = Math.max(columns[1].length, ...probe.checks.map((c) => c.expected.length));
    out.push(paint("bold", `${title} ${probe.target}`));
    out.push(paint("dim", `  ${"verdict".padEnd(8)}${columns[0].padEnd(titleWidth)}  ${columns[1].padEnd(expectedWidth)}  ${columns[2]}`));
    for (const check of probe.checks) {
      const verdict = paint(STATUS_STYLE[check.status], check.status.toUpperCase().padEnd(8));
      const detail = check.status === "skip" ? paint("dim", check.message) : `${check.expected.padEnd(expectedWidth)}  ${check.actual}`;
      out.push(`  ${verdict}${check.title.padEnd(titleWidth)}  ${detail}`);
    }
    out.push("");
  }
  return out;
}

// src/report/text.ts
var SEVERITY_STYLE = { error: "red", warning: "yellow", info: "blue" };
var EXCERPT_CHARS = 160;
function formatText(report, options) {
  const paint = (style, text) => options.color ? styleText2(style, text) : text;
  const out = report.probes?.length ? formatProbesText(report.probes, options) : [];
  const byFile = /* @__PURE__ */ new Map();
  for (const f of report.findings) byFile.set(f.path, [...byFile.get(f.path) ?? [], f]);
  for (const [path, findings] of byFile) {
    out.push(paint("underline", path));
    for (const f of findings) {
      out.push(`  ${paint("dim", `${f.line}:${f.column}`)}  ${paint(SEVERITY_STYLE[f.severity], f.severity.padEnd(7))} ${f.message}  ${paint("dim", ruleLabel(f))}`);
      const source = f.ruleId === NOT_ANALYZED ? void 0 : options.sourceLine(path, f.line);
      if (source !== void 0) {
        const width = f.line === f.endLine ? Math.max(1, f.endColumn - f.column) : Math.max(1, source.length - f.column + 1);
        const cut = Math.max(EXCERPT_CHARS, f.endColumn);
        out.push(`      ${source.length > cut ? `${source.slice(0, cut)}\u2026` : source}`);
        out.push(`      ${" ".repeat(f.column - 1)}${paint(SEVERITY_STYLE[f.severity], "^".repeat(width))}`);
      }
      if (f.fix) out.push(`      ${paint("green", `fix: ${f.fix.description}`)}`);
    }
    out.push("");
  }
  if (report.rollout) out.push(formatRolloutText(report.rollout, options));
  for (const n of report.notices) out.push(paint("dim", `notice: ${n.path}${n.line ? `:${n.line}` : ""}: ${n.message}`));
  if (report.notices.length) out.push("");
  const total = report.findings.length;
  const summary = total === 0 ? "No findings" : `${plural(total, "finding")} (${severityTally(report.findings)})`;
  const stats = report.stats ? ` in ${plural(report.stats.files, "file")} (${report.stats.parsed} parsed, ${report.stats.skipped} skipped), ${report.stats.durationMs} ms` : "";
  out.push(paint(total ? "bold" : "green", `${summary}${stats}.`));
  return out.join("\n") + "\n";
}

// src/report/render.ts
var EXCERPT_MAX_BYTES = 64 * 1024 * 1024;
function sourceLineReader(cwd) {
  const cache = /* @__PURE__ */ new Map();
  return (path, line) => {
    if (!cache.has(path)) {
      try {
        const bytes = readRegularFile(resolve(cwd, path), EXCERPT_MAX_BYTES);
        cache.set(path, decodeSource(bytes, languageOf(path) ?? "typescript").text.split(/\r?\n/));
      } catch {
        cache.set(path, void 0);
      }
    }
    return cache.get(path)?.[line - 1];
  };
}
function renderReport(report, format, options) {
  switch (format) {
    case "json":
      return formatJson(report);
    case "sarif":
      return formatSarif(report);
    case "github":
      return formatGithub(report);
    case "markdown":
      return formatMarkdown(report);
    case "text":
      return formatText(report, { color: options.color, sourceLine: sourceLineReader(options.cwd) });
  }
}

// src/command-line.ts
var UsageError = class extends Error {
};
var FAIL_ON = [...SEVERITIES, "never"];
function oneOf(value, choices, option, fallback) {
  if (value === void 0) return fallback;
  if (!choices.includes(value)) throw new UsageError(`${option} must be one of ${choices.join(", ")} (got '${value}')`);
  return value;
}
var REPORT_OPTIONS = {
  format: { type: "string" },
  output: { type: "string" },
  "fail-on": { type: "string" }
};
function reportOptions(values) {
  if (values.output !== void 0) checkOutputPath(values.output);
  return {
    format: oneOf(values.format, OUTPUT_FORMATS, "--format", "text"),
    failOn: oneOf(values["fail-on"], FAIL_ON, "--fail-on", "error"),
    output: values.output
  };
}
function checkOutputPath(output) {
  const directory = dirname(output);
  const stats = statSync(directory, { throwIfNoEntry: false });
  if (!stats) throw new UsageError(`--output ${output}: the directory ${directory} does not exist`);
  if (!stats.isDirectory()) throw new UsageError(`--output ${output}: ${directory} is not a directory`);
  if (statSync(output, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--output ${output}: is a directory`);
}
function writeReport(report, { format, output }) {
  const rendered = renderReport(report, format, { cwd: process.cwd(), color: !output && process.stdout.isTTY === true && !process.env.NO_COLOR });
  if (!output) {
    process.stdout.write(rendered);
    return;
  }
  try {
    writeFileSync(output, rendered);
  } catch (error) {
    throw new UsageError(`--output ${output}: cannot write the report: ${error.code ?? error.message}`);
  }
}

// src/probes/command.ts
import { parseArgs } from "node:util";
var PROBE_USAGE = `Usage:
  rl-review probe template [DIR...]                   check the chat template and tokenizer files of each model
                                                      directory (holding tokenizer_config.json) in DIR (default: .)
  rl-review probe reward --function FILE:FUNCTION     call a reward function on adversarial cases

Options:
  --format text|json|sarif|github|markdown   output format (default: text)
  --output FILE                              write the report to FILE instead of stdout
  --fail-on error|warning|info|never         exit 1 when a failed check is at or above this (default: error)
  --stop-token TOKEN                         template: a stop token the rollout adds (a token or an id; repeatable)
  --style verl|trl                           reward: call it like verl's compute_score or a TRL reward function
                                             (default: verl; JS/TS functions are called like verl's)
  --python PATH                              reward: the Python of the project's environment (default: python3)
  --timeout SECONDS                          reward: the longest one call may take (default: ${DEFAULT_CALL_TIMEOUT_SECONDS})
  --data-source NAME                         reward: verl's data_source argument (default: ${DEFAULT_DATA_SOURCE})

Exit status: 0 no failing check, 1 a failed check at or above --fail-on, 2 usage error or an input that
cannot be probed (the report, with what was probed, is written all the same).
`;
async function runProbe(args) {
  const [probe, ...rest] = args;
  if (probe === "-h" || probe === "--help" || probe === "help") {
    process.stdout.write(PROBE_USAGE);
    return 0;
  }
  try {
    if (probe === "template") return await templateProbe(rest);
    if (probe === "reward") return await rewardProbe(rest);
    throw new UsageError(probe ? `unknown probe '${probe}'` : "missing probe: template or reward");
  } catch (error) {
    if (error instanceof UsageError || error.code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`rl-review: ${error.message}

${PROBE_USAGE}`);
      return 2;
    }
    throw error;
  }
}
async function templateProbe(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...REPORT_OPTIONS, "stop-token": { type: "string", multiple: true } }
  });
  const reporting = reportOptions(values);
  const cwd = process.cwd();
  const run = { results: [], notices: [], errors: [] };
  for (const path of positionals.length ? positionals : ["."]) {
    const scope = { cwd, root: repositoryOf(path, cwd, cwd) };
    const found = await collect(run, path, async () => findModelDirs([path], scope));
    if (!found) continue;
    if (found.truncated) run.notices.push({ path, message: found.truncated });
    if (!found.dirs.length) notProbed(run, path, `no tokenizer_config.json found in ${path}`);
    for (const dir of found.dirs) {
      const result = await collect(run, displayPath(dir, cwd), () => probeTemplateIsolated(dir, { ...scope, stopTokens: values["stop-token"] }));
      if (result) run.results.push(result);
    }
  }
  return emit(run, reporting);
}
async function rewardProbe(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...REPORT_OPTIONS,
      function: { type: "string" },
      style: { type: "string" },
      python: { type: "string", default: "python3" },
      timeout: { type: "string" },
      "data-source": { type: "string", default: DEFAULT_DATA_SOURCE }
    }
  });
  const reporting = reportOptions(values);
  if (positionals.length) throw new UsageError(`probe reward takes no paths (got '${positionals[0]}'): name the function with --function FILE:FUNCTION`);
  if (!values.function) throw new UsageError("probe reward needs --function FILE:FUNCTION (like rewards.py:compute_score)");
  const options = {
    target: values.function,
    style: oneOf(values.style, REWARD_STYLES, "--style", "verl"),
    python: values.python,
    timeoutSeconds: seconds(values.timeout),
    dataSource: values["data-source"],
    cwd: process.cwd()
  };
  const run = { results: [], notices: [], errors: [] };
  const result = await collect(run, values.function.replace(/:[^:]*$/, ""), () => probeReward(options));
  if (result) {
    run.results.push(result);
    const notice = isolationNotice(detectIsolation());
    if (notice) run.notices.push({ path: values.function, message: `the reward function ${notice}` });
  }
  return emit(run, reporting);
}
async function collect(run, path, probe) {
  try {
    return await probe();
  } catch (error) {
    if (!(error instanceof ProbeInputError)) throw error;
    notProbed(run, path, error.message);
    return void 0;
  }
}
function notProbed(run, path, error) {
  run.notices.push({ path, message: error.startsWith(`${path}: `) ? error.slice(path.length + 2) : error });
  run.errors.push(error);
}
function emit(run, options) {
  const findings = run.results.flatMap((result) => result.findings).sort(compareFindings);
  writeReport({ findings, notices: run.notices, probes: run.results.map((result) => result.report) }, options);
  for (const error of run.errors) process.stderr.write(`rl-review: ${error}
`);
  if (run.errors.length) return 2;
  return failsAt(findings, options.failOn) ? 1 : 0;
}
function seconds(value) {
  if (value === void 0) return DEFAULT_CALL_TIMEOUT_SECONDS;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new UsageError(`--timeout must be a number of seconds above 0 (got '${value}')`);
  if (parsed * 1e3 > MAX_DURATION_MS) throw new UsageError(`--timeout must be at most ${Math.floor(MAX_DURATION_MS / 1e3)} seconds, ${MAX_DURATION_TEXT} (got '${value}')`);
  return parsed;
}

// src/review/directory.ts
import { existsSync } from "node:fs";
import { basename, dirname as dirname2, join, resolve as resolve2 } from "node:path";
async function reviewDirectory(options) {
  const { config, root } = reviewConfig(options);
  const run = {
    root,
    cwd: options.cwd,
    paths: [rebase(options.dir, options.cwd, root)],
    config,
    report: { findings: [], notices: [] },
    log: options.log
  };
  const scanned = await scan({ paths: run.paths, cwd: root, config, onProgress: options.onProgress });
  run.report.findings = scanned.findings.map((finding) => ({ ...finding, path: rebase(finding.path, root, run.cwd) }));
  run.report.notices = scanned.notices.map((notice) => ({ ...notice, path: rebase(notice.path, root, run.cwd) }));
  run.report.stats = scanned.stats;
  for (const analyze of RUNTIME_ANALYSES) await analyze(run);
  run.report.findings.sort(compareFindings);
  return run.report;
}
function reviewConfig(options) {
  const own = DEFAULT_CONFIG_PATHS.map((path) => join(options.dir, path)).find((path) => existsSync(resolve2(options.cwd, path)));
  const config = loadConfig(options.configPath ?? own, options.cwd);
  const file = config.file && resolve2(options.cwd, config.file);
  const root = file && basename(dirname2(file)) === ".github" ? dirname2(dirname2(file)) : options.cwd;
  return { config, root };
}

// src/cli.ts
var USAGE = `rl-review ${VERSION}: review LLM reinforcement-learning training code

Usage:
  rl-review review [DIR]             the full review of DIR (default: .): the static analysis, the template probe on
                                     its model directories, the reward probe and the smoke rollout when configured
                                     (config: DIR/.github/rl-review.yml if present; its paths are relative to DIR)
  rl-review scan [paths...]          static analysis (default: the current directory)
  rl-review rollout check|run ...    smoke rollout: check dumps, or run a command and check its dump
                                     (rl-review rollout --help)
  rl-review probe template|reward ... model-free probes: the chat template and tokenizer files, a reward function
                                     (rl-review probe --help)

Options:
  --format text|json|sarif|github|markdown   output format (default: text)
  --output FILE                              write the report to FILE instead of stdout
  --config FILE                              config file (default: .github/rl-review.yml if present)
  --fail-on error|warning|info|never         exit 1 when a finding is at or above this (default: error)
  --changed-lines FILE                       scan: a unified diff: report only findings on its added/changed lines
  -h, --help                                 show this help
  -v, --version                              print the version

Exit status: 0 no failing finding, 1 a finding at or above --fail-on (review: or a failing smoke rollout),
2 usage or config error.
`;
var OPTIONS = { ...REPORT_OPTIONS, config: { type: "string" } };
var progressFor = (options) => process.stderr.isTTY && options.format === "text" && !options.output ? progress : void 0;
async function runReview(args) {
  const { values, positionals } = parseArgs2({ args, allowPositionals: true, options: OPTIONS });
  const options = reportOptions(values);
  if (positionals.length > 1) throw new UsageError(`review takes one directory (got ${positionals.join(", ")})`);
  const dir = positionals[0] ?? ".";
  if (!existsSync2(dir) || !statSync2(dir).isDirectory()) throw new UsageError(`review: '${dir}' is not a directory`);
  const report = await reviewDirectory({
    dir,
    cwd: process.cwd(),
    configPath: values.config,
    // stdout has the report: the smoke command's output goes beside it.
    log: (text) => process.stderr.write(text),
    onProgress: progressFor(options)
  });
  writeReport(report, options);
  return reviewFails(report, options.failOn) ? 1 : 0;
}
async function runScan(args) {
  const { values, positionals } = parseArgs2({
    args,
    allowPositionals: true,
    options: { ...OPTIONS, "changed-lines": { type: "string" } }
  });
  const options = reportOptions(values);
  const cwd = process.cwd();
  const config = loadConfig(values.config, cwd);
  let changedLines;
  if (values["changed-lines"]) {
    try {
      changedLines = parseUnifiedDiff(readFileSync(values["changed-lines"], "utf8"));
    } catch (error) {
      const { code, message } = error;
      throw new UsageError(`--changed-lines ${values["changed-lines"]}: ${code ? `cannot read it (${code})` : message}`);
    }
  }
  const result = await scan({ paths: positionals.length ? positionals : ["."], cwd, config, changedLines, onProgress: progressFor(options) });
  writeReport(result, options);
  return failsAt(result.findings, options.failOn) ? 1 : 0;
}
function progress(done, total) {
  if (total < 200) return;
  if (done === total) process.stderr.write("\r\x1B[K");
  else if (done % 50 === 0) process.stderr.write(`\r\x1B[Kscanning ${done}/${total} files`);
}
async function main(argv) {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "-h":
      case "--help":
      case "help":
        process.stdout.write(USAGE);
        return 0;
      case "-v":
      case "--version":
        process.stdout.write(`${VERSION}
`);
        return 0;
      case "review":
        return await runReview(rest);
      case "scan":
        return await runScan(rest);
      case "rollout":
        return await rolloutMain(rest);
      case "probe":
        return await runProbe(rest);
      default:
        if (command === void 0 || command.startsWith("-") || existsSync2(command)) return await runScan(argv);
        throw new UsageError(`unknown command or path '${command}'`);
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`rl-review: config error: ${error.message}
`);
      return 2;
    }
    if (error instanceof UsageError || error.code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`rl-review: ${error.message}

${USAGE}`);
      return 2;
    }
    throw error;
  }
}
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
export {
  main
};

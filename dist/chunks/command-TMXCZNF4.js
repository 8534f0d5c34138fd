import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);
import {
  DEFAULT_CALL_TIMEOUT_SECONDS,
  DEFAULT_DATA_SOURCE,
  probeReward,
  probeTemplateIsolated
} from "./chunk-GHOXIPYP.js";
import {
  detectIsolation,
  isolationNotice
} from "./chunk-DUMR42AX.js";
import {
  MAX_DURATION_MS,
  MAX_DURATION_TEXT,
  REWARD_STYLES,
  rewardExampleSchema
} from "./chunk-XTT4MZ2P.js";
import {
  ProbeInputError,
  displayPath,
  findModelDirs,
  repositoryOf
} from "./chunk-DF27M67T.js";
import "./chunk-ZXAJMLOA.js";
import {
  REPORT_OPTIONS,
  UsageError,
  oneOf,
  reportOptions,
  writeReport
} from "./chunk-QS3CJJVH.js";
import "./chunk-7ERNPP63.js";
import "./chunk-3V2J5QG7.js";
import "./chunk-NNWH2TOR.js";
import "./chunk-IE3FM37B.js";
import "./chunk-XPX7JKDB.js";
import "./chunk-W5J2XSN6.js";
import "./chunk-QP45USWT.js";
import "./chunk-LF7CJ6ZR.js";
import "./chunk-CZEIGTUX.js";
import "./chunk-J7F4CCJJ.js";
import {
  compareFindings,
  failsAt
} from "./chunk-NEICRMA7.js";
import "./chunk-2ZMPP5RW.js";

// src/probes/command.ts
import { readFileSync } from "node:fs";
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
  --example FILE                             reward: a JSON object {response, ground_truth, extra_info, data_source,
                                             prompt}: one real answer the function pays, which the cases are built
                                             from (for rewards with their own answer format or ground-truth shape)

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
      "data-source": { type: "string", default: DEFAULT_DATA_SOURCE },
      example: { type: "string" }
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
    example: values.example === void 0 ? void 0 : readExample(values.example),
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
function readExample(file) {
  let raw;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const reason = error instanceof SyntaxError ? `not JSON: ${error.message}` : `cannot read: ${error.code ?? error.message}`;
    throw new UsageError(`--example ${file}: ${reason}`);
  }
  const parsed = rewardExampleSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = issue.code === "unrecognized_keys" ? issue.keys[0] : issue.path.join(".");
  const keys = Object.keys(rewardExampleSchema.shape).join(", ");
  throw new UsageError(`--example ${file}: ${key ? `'${key}': ` : ""}${issue.message} (an object with ${keys})`);
}
function seconds(value) {
  if (value === void 0) return DEFAULT_CALL_TIMEOUT_SECONDS;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new UsageError(`--timeout must be a number of seconds above 0 (got '${value}')`);
  if (parsed * 1e3 > MAX_DURATION_MS) throw new UsageError(`--timeout must be at most ${Math.floor(MAX_DURATION_MS / 1e3)} seconds, ${MAX_DURATION_TEXT} (got '${value}')`);
  return parsed;
}
export {
  PROBE_USAGE,
  runProbe
};

import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);
import {
  isolationNotice,
  startUntrusted,
  untrustedEnvironment
} from "./chunk-DUMR42AX.js";
import {
  loadConfig
} from "./chunk-NCYQSYLI.js";
import {
  readDuration
} from "./chunk-XTT4MZ2P.js";
import {
  QWEN_TURN_TOKEN_IDS,
  ROLLOUT_CHECKS,
  Tallier,
  detectFormat,
  lineSource,
  readLineBlocks
} from "./chunk-6UVJD5RY.js";
import {
  INPUT_FORMATS
} from "./chunk-RKUACE6G.js";
import {
  Template
} from "./chunk-ZXAJMLOA.js";
import {
  PolicyServer,
  policyServerOptions,
  preciseNow,
  readRecording,
  servedAnswers
} from "./chunk-PIBWCIEG.js";
import {
  formatRolloutJson,
  formatRolloutText
} from "./chunk-QS3CJJVH.js";
import {
  distFile
} from "./chunk-3V2J5QG7.js";
import {
  require_picomatch
} from "./chunk-W5J2XSN6.js";
import {
  BaselineError,
  ROLLOUT_FAIL_ON,
  applyBaseline,
  emptyRolloutReport,
  formatRolloutMarkdown,
  readBaseline,
  rolloutFails
} from "./chunk-QP45USWT.js";
import {
  fraction,
  plural,
  statusOf,
  tail
} from "./chunk-CZEIGTUX.js";
import {
  __toESM
} from "./chunk-2ZMPP5RW.js";

// src/rollout/command.ts
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join as join2, resolve as resolve3 } from "node:path";
import { parseArgs } from "node:util";

// src/policy/checks.ts
var EXAMPLES = 3;
function policyChecks(requests, context) {
  const checks = {
    "prompt-generation-header": promptGenerationHeader,
    "stop-sequences": stopSequences,
    "sampling-params": samplingParams,
    "environment-crash": environmentCrash
  };
  return Object.entries(checks).flatMap(([id, run]) => {
    const settings = context.settings?.(id);
    const severity = settings?.severity ?? "warning";
    if (severity === "off") return [];
    const found = run(requests, context);
    const threshold = settings?.threshold ?? 0;
    const check = { ...found, id, status: statusOf(found, severity, threshold), threshold, examples: found.examples.slice(0, EXAMPLES) };
    return [{ check, severity }];
  });
}
function promptGenerationHeader(requests, context) {
  const prompts = requests.flatMap((r) => (r.prompts ?? []).map((prompt) => ({ request: r.request, prompt })));
  const missing = prompts.filter(({ prompt }) => !prompt.endsWith(context.assistantHeader));
  const header = JSON.stringify(context.assistantHeader);
  const message = !prompts.length ? "no text prompt was sent to /v1/completions (chat requests are templated by the engine): cannot tell" : missing.length ? `${fraction(missing.length, prompts.length, "text prompt")} sent to /v1/completions do not end with the generation prompt ${header}` : `every text prompt sent to /v1/completions ends with ${header}`;
  const examples = missing.map(({ request, prompt }) => ({ source: `${context.recording}:${request}`, detail: `the prompt ends without ${header}`, excerpt: tail(prompt) }));
  return { count: missing.length, total: prompts.length, message, examples };
}
function stopSequences(requests, context) {
  const { text, id } = context.endOfTurn;
  const unstopped = requests.filter((r) => !r.sampling.stop.some((stop) => stop.includes(text)) && (id === void 0 || !r.sampling.stop_token_ids.includes(id)));
  const what = `${JSON.stringify(text)}${id === void 0 ? "" : ` (id ${id})`}`;
  const message = !requests.length ? "the policy got no request: cannot tell" : unstopped.length ? `${fraction(unstopped.length, requests.length, "request")} set no stop on ${what}, neither in stop nor in stop_token_ids: the turn ends only where the engine's default stop ids say` : `every request stops on ${what}`;
  const examples = unstopped.map((r) => ({
    source: `${context.recording}:${r.request}`,
    detail: `${r.endpoint} with stop ${JSON.stringify(r.sampling.stop)} and stop_token_ids ${JSON.stringify(r.sampling.stop_token_ids)}`,
    excerpt: r.answers[0]?.text ?? ""
  }));
  return { count: unstopped.length, total: requests.length, message, examples };
}
function samplingParams(requests, context) {
  const [first] = requests;
  const differs = (r) => r.sampling.temperature !== first.sampling.temperature || r.sampling.top_p !== first.sampling.top_p;
  const cut = (r) => r.answers.some((a) => a.case === "correct" && a.finish_reason === "length");
  const failing = requests.filter((r) => differs(r) || cut(r));
  const parts = [
    requests.some(differs) ? `another temperature or top_p than the first request's (${first.sampling.temperature ?? "default"}, ${first.sampling.top_p ?? "default"}) in ${plural(requests.filter(differs).length, "request")}` : "",
    requests.some(cut) ? `a correct answer cut at max_tokens in ${plural(requests.filter(cut).length, "request")}` : ""
  ].filter(Boolean);
  const message = !requests.length ? "the policy got no request: cannot tell" : failing.length ? `${fraction(failing.length, requests.length, "request")} sample inconsistently: ${parts.join("; ")}` : `every request samples with temperature ${first.sampling.temperature ?? "default"} and top_p ${first.sampling.top_p ?? "default"}, with room for a correct answer`;
  const examples = failing.map((r) => ({
    source: `${context.recording}:${r.request}`,
    detail: `temperature ${r.sampling.temperature ?? "default"}, top_p ${r.sampling.top_p ?? "default"}, max_tokens ${r.sampling.max_tokens}`,
    excerpt: r.answers[0]?.text ?? ""
  }));
  return { count: failing.length, total: requests.length, message, examples };
}
function environmentCrash(requests, context) {
  const timed = requests.filter((r) => r.time !== void 0).map((r) => ({ request: r, at: r.time }));
  const crashes = context.tracebacks.flatMap((traceback) => {
    const last = timed.filter(({ at }) => at <= traceback.time).pop();
    return last ? [{ traceback, after: last.request, delay: traceback.time - last.at }] : [];
  });
  const casesOf = (r) => r.answers.map((a) => a.case).join(" + ");
  const followed = new Set(crashes.map((c) => c.after.request)).size;
  const counts = {};
  for (const { after } of crashes) counts[casesOf(after)] = (counts[casesOf(after)] ?? 0) + 1;
  const byCase = Object.entries(counts).map(([kinds, n]) => `${kinds} ${n}`).join(", ");
  const message = !requests.length ? "the policy got no request: cannot tell" : followed ? `the command logged ${plural(crashes.length, "traceback")} right after ${fraction(followed, requests.length, "answered request")}; the answers before them: ${byCase}` : `no traceback after any of the ${plural(requests.length, "answered request")}`;
  const examples = crashes.map(({ traceback, after, delay }) => ({
    source: `${context.recording}:${after.request}`,
    detail: `${traceback.exception || "a traceback"}, ${(delay / 1e3).toFixed(1)} s after ${casesOf(after)}`,
    excerpt: after.answers[0]?.text ?? ""
  }));
  return { count: followed, total: requests.length, message, examples };
}

// src/policy/tracebacks.ts
var MAX_TRACEBACKS = 100;
var HEADER = "Traceback (most recent call last):";
var CHAINED = /^(During handling of the above exception, another exception occurred:|The above exception was the direct cause of the following exception:)$/;
var TracebackWatcher = class {
  constructor(now = preciseNow) {
    this.now = now;
  }
  now;
  tracebacks = [];
  partial = "";
  /** Inside a traceback: its frames are being read. */
  open;
  /** After the line that chains a traceback to the one before (`During handling of the above exception...`). */
  chained = false;
  feed(text) {
    const lines = (this.partial + text).split("\n");
    this.partial = lines.pop();
    for (const line of lines) this.line(line.replace(/\r$/, ""));
  }
  line(line) {
    if (line === HEADER) {
      const last = this.tracebacks[this.tracebacks.length - 1];
      if (this.chained && last) this.open = last;
      else {
        this.open = { time: this.now(), exception: "" };
        if (this.tracebacks.length < MAX_TRACEBACKS) this.tracebacks.push(this.open);
      }
      this.chained = false;
      return;
    }
    if (this.open) {
      if (/^\s/.test(line) || !line) return;
      this.open.exception = line;
      this.open = void 0;
      return;
    }
    if (line) this.chained = CHAINED.test(line);
  }
};

// src/rollout/review.ts
import { statSync as statSync2 } from "node:fs";
import { isAbsolute as isAbsolute2, relative as relative2, resolve as resolve2 } from "node:path";

// src/rollout/files.ts
var import_picomatch = __toESM(require_picomatch(), 1);
import { readdirSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
var DUMP_FILE = /\.(jsonl|json|parquet)$/i;
function expandDumpInputs(inputs, cwd) {
  const files = /* @__PURE__ */ new Set();
  const unmatched = [];
  for (const input of inputs) {
    const before = files.size;
    const path = resolve(cwd, input);
    const stats = statOrUndefined(path);
    if (stats?.isFile()) files.add(path);
    else if (stats?.isDirectory()) walk(path, (file) => DUMP_FILE.test(file) && files.add(file));
    else {
      const { base } = import_picomatch.default.scan(input);
      const isMatch = (0, import_picomatch.default)(input, { dot: true });
      const root = resolve(cwd, base || ".");
      if (statOrUndefined(root)?.isDirectory()) {
        const subject = (file) => (isAbsolute(input) ? file : relative(cwd, file)).split("\\").join("/");
        walk(root, (file) => isMatch(subject(file)) && files.add(file));
      }
    }
    if (files.size === before) unmatched.push(input);
  }
  return { files: [...files].sort(), unmatched };
}
function walk(directory, visit) {
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) walk(path, visit);
    else if (entry.isFile()) visit(path);
  }
}
function statOrUndefined(path) {
  try {
    return statSync(path);
  } catch {
    return void 0;
  }
}

// src/rollout/pool.ts
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
var MAX_WORKERS = 2;
var READ_AHEAD = 2;
var BLOCK_TIMEOUT_MS = 6e4;
var RolloutPool = class _RolloutPool {
  constructor(script, size, settings, timeoutMs = BLOCK_TIMEOUT_MS) {
    this.script = script;
    this.settings = settings;
    this.timeoutMs = timeoutMs;
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }
  script;
  settings;
  timeoutMs;
  slots = [];
  next = 0;
  /** Set when the last worker is gone for good: the pool takes no more blocks. */
  failure;
  closing = false;
  /** A pool sized to the machine; undefined when there is no worker script or a single core. */
  static start(settings) {
    const script = distFile("rollout-worker.js");
    const size = Math.min(availableParallelism(), MAX_WORKERS);
    return script && size >= 2 ? new _RolloutPool(script, size, settings) : void 0;
  }
  async readJsonLines(path, display, format, sink) {
    const pending = [];
    const replay = (block) => {
      for (const skip of block.skips) sink.skip(skip.where, skip.message);
      if (block.trajectories) sink.tallied(block);
    };
    await readLineBlocks(path, {
      block: async (bytes, firstLine) => {
        pending.push(this.tally({ bytes, firstLine, display, format }));
        if (pending.length >= READ_AHEAD * this.slots.length) replay(await pending.shift());
      },
      tooLong: (number, message) => {
        pending.push(Promise.resolve({ trajectories: 0, checks: [], skips: [{ where: lineSource(display, number), message }] }));
      }
    });
    for (const block of pending) replay(await block);
  }
  async close() {
    this.closing = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }
  /** Blocks go to the workers in turn, and each worker answers in order: replies are awaited in file order. */
  tally(task) {
    if (!this.slots.length) return Promise.reject(this.failure);
    const slot = this.slots[this.next++ % this.slots.length];
    const block = new Promise((resolve4, reject) => slot.waiting.push({ firstLine: task.firstLine, resolve: resolve4, reject }));
    slot.worker.postMessage(task, [task.bytes.buffer]);
    if (slot.waiting.length === 1) this.watch(slot);
    block.catch(() => void 0);
    return block;
  }
  spawn() {
    const slot = { worker: new Worker(this.script, { execArgv: [], workerData: this.settings }), waiting: [] };
    slot.worker.on("message", (reply) => {
      const waiting = slot.waiting.shift();
      if (!waiting) return;
      clearTimeout(slot.watchdog);
      if (slot.waiting.length) this.watch(slot);
      if ("error" in reply) waiting.reject(new Error(reply.error));
      else waiting.resolve(reply);
    });
    let death;
    slot.worker.on("error", (error) => death = error);
    slot.worker.on("exit", () => this.retire(slot, death ?? new Error("a rollout worker stopped")));
    return slot;
  }
  watch(slot) {
    slot.watchdog = setTimeout(() => {
      const { firstLine } = slot.waiting[0];
      this.retire(slot, new Error(`checking the lines from ${firstLine} on took longer than ${this.timeoutMs / 1e3} s and was stopped`));
      void slot.worker.terminate();
    }, this.timeoutMs);
  }
  /**
   * Takes a dead or stopped worker out of the pool: its blocks fail with `error`. It is replaced when it was working:
   * a worker that dies idle (a bundle whose worker cannot start) is not, so that the pool cannot spawn for ever.
   */
  retire(slot, error) {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    clearTimeout(slot.watchdog);
    const lost = slot.waiting.splice(0);
    for (const waiting of lost) waiting.reject(error);
    if (lost.length && !this.closing) {
      this.slots[index] = this.spawn();
      return;
    }
    this.slots.splice(index, 1);
    this.failure = error;
  }
};

// src/rollout/tokenizer-config.ts
import { readFileSync } from "node:fs";
var TokenizerConfigError = class extends Error {
};
function readTokenizerConfig(path) {
  let config;
  try {
    config = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new TokenizerConfigError(`cannot read tokenizer config: ${error.message}`);
  }
  return { assistantHeader: generationPrompt(config), turnTokenIds: chatmlIds(config) };
}
function generationPrompt(config) {
  const source = chatTemplateSource(config.chat_template);
  if (!source) return void 0;
  const tokenText = (value) => typeof value === "string" ? value : value?.content ?? "";
  const context = { messages: [{ role: "user", content: "Hi" }], bos_token: tokenText(config.bos_token), eos_token: tokenText(config.eos_token) };
  try {
    const template = new Template(source);
    const without = template.render({ ...context, add_generation_prompt: false });
    const withPrompt = template.render({ ...context, add_generation_prompt: true });
    return withPrompt.startsWith(without) && withPrompt.length > without.length ? withPrompt.slice(without.length) : void 0;
  } catch (error) {
    throw new TokenizerConfigError(`cannot render its chat_template: ${error.message}`);
  }
}
function chatTemplateSource(value) {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) {
    const named = value.find((t) => t?.name === "default") ?? value[0];
    return typeof named?.template === "string" ? named.template : void 0;
  }
  return void 0;
}
function chatmlIds(config) {
  const decoder = config.added_tokens_decoder;
  if (!decoder) return void 0;
  const idOf = (content) => Object.entries(decoder).find(([, token]) => token?.content === content)?.[0];
  const start = idOf("<|im_start|>");
  const end = idOf("<|im_end|>");
  return start && end ? { start: Number(start), end: Number(end) } : void 0;
}

// src/rollout/review.ts
var DEFAULT_REPEAT_RATE = 0.5;
var NOTICES_PER_FILE = 10;
var PARALLEL_MIN_BYTES = 16 * 1024 * 1024;
async function reviewRollout(options) {
  const { cwd, config } = options;
  const display = options.displayPath ?? ((path) => relativeOrAbsolute(cwd, path));
  const notices = [];
  const hints = templateHints(config, cwd, notices);
  const context = {
    assistantHeader: hints.assistantHeader,
    turnTokenIds: hints.turnTokenIds ?? QWEN_TURN_TOKEN_IDS,
    rewardRange: config.checks["reward-sanity"]?.range,
    repeatRate: config.checks.repetition?.rate ?? DEFAULT_REPEAT_RATE,
    served: options.served
  };
  const active = [];
  const scripted = [];
  for (const check of ROLLOUT_CHECKS) {
    const settings2 = config.checks[check.meta.id];
    const severity = settings2?.severity ?? check.meta.severity;
    if (severity === "off" || check.meta.needsPolicy && !options.served) continue;
    if (check.meta.withoutPolicy && options.served) {
      scripted.push(check.meta.id);
      continue;
    }
    active.push({ id: check.meta.id, severity, threshold: settings2?.threshold ?? check.meta.threshold });
  }
  const report = emptyRolloutReport(notices);
  if (scripted.length) {
    const checks = scripted.join(", ");
    notices.push({ path: "scripted policy", message: `${checks} not run: they judge what the model wrote, here rl-review's own adversarial answers` });
  }
  const { files, unmatched } = expandDumpInputs(options.inputs, cwd);
  for (const input of unmatched) notices.push({ path: input, message: "no rollout dump file (.jsonl, .json, .parquet) matches" });
  const settings = { checkIds: active.map((check) => check.id), context };
  const tallier = new Tallier(settings);
  const tallies = tallier.empty();
  const pool = startPool(files, settings);
  const notDumps = new NotDumps(notices);
  let firstFound;
  try {
    for (const file of files) {
      const shown = display(file);
      const before = tallies.trajectories;
      try {
        const detection = await detectFormat(file, options.inputFormat);
        if ("companion" in detection) continue;
        report.filesFound++;
        firstFound ??= shown;
        if ("unknown" in detection) {
          notDumps.add(shown, detection.unknown);
          continue;
        }
        report.files.push({ path: shown, format: detection.format.name });
        let fileSkips = 0;
        const skip = (where, message) => {
          report.skipped++;
          if (++fileSkips <= NOTICES_PER_FILE) notices.push({ path: where, message: `skipped: ${message}` });
        };
        if (pool && detection.format.lineRecord) {
          await pool.readJsonLines(file, shown, detection.format.name, { tallied: (block) => tallier.merge(tallies, block), skip });
        } else {
          const sink = { trajectory: (trajectory) => tallier.add(tallies, trajectory), skip };
          await detection.format.read(file, shown, sink);
        }
        if (fileSkips > NOTICES_PER_FILE) notices.push({ path: shown, message: `${fileSkips - NOTICES_PER_FILE} more records skipped` });
      } catch (error) {
        const reason = error.code ?? error.message;
        const read = tallies.trajectories - before;
        notices.push({ path: shown, message: read ? `stopped after ${plural(read, "trajectory", "trajectories")}: ${reason}` : `cannot read: ${reason}` });
      }
    }
  } finally {
    await pool?.close();
  }
  notDumps.finish();
  report.trajectories = tallies.trajectories;
  report.metrics = { trajectories: report.trajectories, skipped: report.skipped };
  const outcomes = tallier.finish(tallies);
  for (const [index, check] of active.entries()) {
    const outcome = outcomes[index];
    const result = {
      id: check.id,
      status: statusOf(outcome, check.severity, check.threshold),
      count: outcome.count,
      total: outcome.total,
      threshold: check.threshold,
      message: outcome.message,
      examples: outcome.examples
    };
    report.checks.push(result);
    report.severities[check.id] = check.severity;
    Object.assign(report.metrics, outcome.metrics);
    if (outcome.distribution) report.distributions.push(outcome.distribution);
  }
  if (!report.trajectories) {
    const found = report.filesFound;
    report.failure = !found ? `no rollout dump found in ${options.inputs.join(", ")}` : found === 1 ? `no trajectory could be read from ${firstFound}` : `no trajectory could be read from any of the ${found} files`;
  }
  return report;
}
var NOT_DUMPS_NAMED = 3;
var NotDumps = class {
  constructor(notices) {
    this.notices = notices;
  }
  notices;
  byReason = /* @__PURE__ */ new Map();
  add(path, reason) {
    const seen = this.byReason.get(reason);
    if (seen) seen.paths.push(path);
    else this.byReason.set(reason, { at: this.notices.push({ path, message: reason }) - 1, paths: [path] });
  }
  finish() {
    for (const [reason, { at, paths }] of this.byReason) {
      if (paths.length === 1) continue;
      const named = paths.slice(0, NOT_DUMPS_NAMED).join(", ");
      const more = paths.length > NOT_DUMPS_NAMED ? ` and ${paths.length - NOT_DUMPS_NAMED} more` : "";
      this.notices[at] = { path: commonDirectory(paths), message: `${paths.length} files skipped (${named}${more}): ${reason}` };
    }
  }
};
function commonDirectory(paths) {
  const parts = paths.map((path) => path.split("/").slice(0, -1));
  let length = 0;
  while (parts.every((p) => length < p.length && p[length] === parts[0][length])) length++;
  return parts[0].slice(0, length).join("/") || ".";
}
function startPool(files, settings) {
  const large = files.some((file) => (statSync2(file, { throwIfNoEntry: false })?.size ?? 0) >= PARALLEL_MIN_BYTES);
  return large ? RolloutPool.start(settings) : void 0;
}
function templateHints(config, cwd, notices) {
  const path = config["tokenizer-config"];
  if (!path) return {};
  try {
    return readTokenizerConfig(resolve2(cwd, path));
  } catch (error) {
    if (!(error instanceof TokenizerConfigError)) throw error;
    notices.push({ path, message: `${error.message}; the generation prompt is learned from each prompt instead` });
    return {};
  }
}
function relativeOrAbsolute(cwd, path) {
  const shown = relative2(cwd, path);
  return !shown || shown.startsWith("..") || isAbsolute2(shown) ? path : shown.split("\\").join("/");
}

// src/rollout/run.ts
var OUTPUT_TAIL_CHARS = 8 * 1024;
async function runCommand(options, isolation) {
  const started = Date.now();
  let running;
  try {
    running = startUntrusted({ command: options.command, cwd: options.cwd, env: options.env, timeoutMs: options.timeoutMs }, isolation);
  } catch (error) {
    return { exitCode: null, signal: null, timedOut: false, durationMs: 0, outputTail: "", isolation: isolation ?? "none", spawnError: error.message };
  }
  let tail2 = "";
  const collect = (text) => {
    options.onOutput?.(text);
    tail2 = (tail2 + text).slice(-OUTPUT_TAIL_CHARS);
  };
  running.stdout.setEncoding("utf8").on("data", collect);
  running.stderr.setEncoding("utf8").on("data", (text) => {
    collect(text);
    options.onStderr?.(text);
  });
  const exit = await running.exited;
  return {
    exitCode: exit.exitCode,
    signal: exit.signal,
    timedOut: exit.timedOut,
    durationMs: Date.now() - started,
    outputTail: tail2,
    isolation: running.isolation,
    spawnError: exit.spawnError?.message
  };
}

// src/rollout/command.ts
var ROLLOUT_USAGE = `Usage:
  rl-review rollout check FILE|DIR|GLOB...   check rollout dumps
  rl-review rollout run [options] [-- CMD...] run a smoke rollout command (default: the config's rollout.command),
                                             then check what it wrote

Options:
  --format text|json|markdown                output format (default: text)
  --fail-on error|warning|never              exit 1 when a check fails (warning: or warns) (default: error)
  --input-format ${INPUT_FORMATS.join("|")}   dump format (default: the config's rollout.format, else auto)
  --config FILE                              config file (default: .github/rl-review.yml if present)
  --baseline FILE                            an rl-review-rollout.json to show each metric's change against
  --timeout DURATION                         run: kill everything the command started after it (at most 596h)
                                             (default: the config's rollout.timeout, else 15m)
  --output GLOB                              run: where the command writes its dump
                                             (default: the config's rollout.output, else $RL_REVIEW_OUT)
  --policy adversarial|correct|FILE          run: serve a scripted policy while the command runs, at
                                             OPENAI_BASE_URL; every request is recorded in rl-review-policy.jsonl
                                             (default: the config's rollout.policy, else none)
  --policy-model DIR                         run: the model directory whose tokenizer.json gives token ids
  --policy-answer TEXT                       run: a correct answer in the dataset's format (default: the policy
                                             file's answer, else probes.reward-example's response)

'run' gives the command a fresh directory in $RL_REVIEW_OUT, runs it in a sandbox out of reach of GitHub tokens, and
writes every metric to rl-review-rollout.json (a later run's --baseline). A command given as one argument runs
in a shell, as the config's does. Exit status: 0 pass, 1 a failing check or a failed command, 2 usage or config
error.
`;
var RolloutUsageError = class extends Error {
};
var REPORT_FORMATS = ["text", "json", "markdown"];
var DEFAULT_SMOKE_TIMEOUT_MS = 15 * 6e4;
var POLICY_RECORDING_FILE = "rl-review-policy.jsonl";
var ROLLOUT_REPORT_FILE = "rl-review-rollout.json";
async function rolloutMain(args) {
  const [subcommand, ...rest] = args;
  if (subcommand === "-h" || subcommand === "--help" || subcommand === "help") {
    process.stdout.write(ROLLOUT_USAGE);
    return 0;
  }
  try {
    if (subcommand === "check") return await checkCommand(rest);
    if (subcommand === "run") return await runSubcommand(rest);
    throw new RolloutUsageError(subcommand ? `unknown rollout command '${subcommand}'` : "missing rollout command: check or run");
  } catch (error) {
    if (error instanceof RolloutUsageError || error.code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`rl-review: ${error.message}

${ROLLOUT_USAGE}`);
      return 2;
    }
    throw error;
  }
}
var COMMON_OPTIONS = {
  format: { type: "string" },
  "fail-on": { type: "string" },
  "input-format": { type: "string" },
  config: { type: "string" },
  baseline: { type: "string" }
};
function commonOptions(values) {
  const { rollout: config, probes } = loadConfig(values.config, process.cwd());
  return {
    format: oneOf(values.format, REPORT_FORMATS, "--format", "text"),
    failOn: oneOf(values["fail-on"], ROLLOUT_FAIL_ON, "--fail-on", "error"),
    inputFormat: oneOf(values["input-format"], INPUT_FORMATS, "--input-format", config.format ?? "auto"),
    config,
    exampleAnswer: probes["reward-example"]?.response,
    baseline: values.baseline
  };
}
async function checkCommand(args) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: COMMON_OPTIONS });
  if (!positionals.length) throw new RolloutUsageError("rollout check needs at least one dump file, directory or glob");
  const options = commonOptions(values);
  const report = await reviewRollout({ inputs: positionals, cwd: process.cwd(), inputFormat: options.inputFormat, config: options.config });
  return finish(report, options);
}
async function runSubcommand(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...COMMON_OPTIONS,
      timeout: { type: "string" },
      output: { type: "string" },
      policy: { type: "string" },
      "policy-model": { type: "string" },
      "policy-answer": { type: "string" }
    }
  });
  const options = commonOptions(values);
  const { config } = options;
  const command = positionals.length ? positionals : config.command && [config.command];
  if (!command) throw new RolloutUsageError("rollout run needs a command after --, or rollout.command in the config");
  const policySpec = values.policy ?? config.policy;
  const report = await runSmokeRollout({
    command,
    cwd: process.cwd(),
    timeoutMs: values.timeout === void 0 ? config.timeout ?? DEFAULT_SMOKE_TIMEOUT_MS : parseDuration(values.timeout),
    output: values.output ?? config.output,
    inputFormat: options.inputFormat,
    config: options.config,
    log: (text) => process.stderr.write(text),
    policy: policySpec === void 0 ? void 0 : smokePolicy(policySpec, {
      cwd: process.cwd(),
      config,
      exampleAnswer: options.exampleAnswer,
      model: values["policy-model"],
      answer: values["policy-answer"],
      recording: resolve3(POLICY_RECORDING_FILE)
    })
  });
  writeFileSync(ROLLOUT_REPORT_FILE, formatRolloutJson(report));
  return finish(report, options);
}
function finish(report, options) {
  if (options.baseline) {
    try {
      applyBaseline(report, readBaseline(options.baseline));
    } catch (error) {
      if (!(error instanceof BaselineError)) throw error;
      report.notices.push({ path: options.baseline, message: error.message });
    }
  }
  if (options.format === "json") {
    process.stdout.write(formatRolloutJson(report));
    for (const n of report.notices) process.stderr.write(`rl-review: ${n.path}: ${n.message}
`);
    if (report.failure) process.stderr.write(`rl-review: smoke rollout failed: ${report.failure}
`);
  } else if (options.format === "markdown") process.stdout.write(formatRolloutMarkdown(report));
  else process.stdout.write(formatRolloutText(report, { color: process.stdout.isTTY === true && !process.env.NO_COLOR }));
  return rolloutFails(report, options.failOn) ? 1 : 0;
}
async function runSmokeRollout(options) {
  const outDir = mkdtempSync(join2(process.env.RUNNER_TEMP || tmpdir(), "rl-review-out-"));
  const commandLine = options.command.join(" ");
  const inActions = process.env.GITHUB_ACTIONS === "true";
  const stopToken = `rl-review-${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
  if (inActions) options.log(`::group::Smoke rollout: ${commandLine}
::stop-commands::${stopToken}
`);
  if (options.policy) rmSync(options.policy.recording, { force: true });
  const policy = options.policy && await PolicyServer.start(options.policy);
  const policyEnv = policy ? { OPENAI_BASE_URL: policy.baseUrl, OPENAI_API_KEY: "rl-review-policy", RL_REVIEW_POLICY_URL: policy.baseUrl } : {};
  const tracebacks = new TracebackWatcher();
  let result;
  try {
    result = await runCommand({
      command: options.command,
      cwd: options.cwd,
      env: { ...smokeEnvironment(process.env, outDir), ...policyEnv },
      timeoutMs: options.timeoutMs,
      onOutput: options.log,
      onStderr: policy ? (text) => tracebacks.feed(text) : void 0
    });
  } finally {
    await policy?.close();
  }
  if (inActions) options.log(`
::${stopToken}::
::endgroup::
`);
  const output = options.output?.replace(/\$\{?RL_REVIEW_OUT\}?/g, outDir) ?? outDir;
  const recorded = options.policy && readRecording(options.policy.recording);
  const report = await reviewRollout({
    inputs: [output],
    cwd: options.cwd,
    inputFormat: options.inputFormat,
    config: options.config,
    // The fresh directory's name means nothing to a reader: show where the command was told to write.
    displayPath: (path) => path.startsWith(outDir) ? `$RL_REVIEW_OUT${path.slice(outDir.length)}` : relativeOrAbsolute(options.shownFrom ?? options.cwd, path),
    served: recorded && servedAnswers(recorded)
  });
  rmSync(outDir, { recursive: true, force: true });
  report.command = {
    command: commandLine,
    exitCode: result.exitCode,
    signal: result.signal,
    timedOut: result.timedOut,
    durationMs: result.durationMs,
    outputTail: result.outputTail
  };
  const commandFailure = result.spawnError ? `the smoke command could not start: ${result.spawnError}` : result.timedOut ? `the smoke command timed out after ${formatDuration(options.timeoutMs)}; its process tree was killed` : result.exitCode !== 0 ? `the smoke command ${result.signal ? `was killed by ${result.signal}` : `exited with status ${result.exitCode}`}` : void 0;
  if (options.policy && recorded) addPolicyChecks(report, { requests: recorded, tracebacks: tracebacks.tracebacks, policy: options.policy }, options);
  const notice = result.spawnError ? void 0 : isolationNotice(result.isolation);
  if (notice) report.notices.push({ path: commandLine, message: `the smoke command ${notice}` });
  if (commandFailure) report.failure = commandFailure;
  else if (!report.trajectories) report.failure = `the smoke command wrote no trajectory to ${options.output ?? "$RL_REVIEW_OUT"}`;
  return report;
}
function addPolicyChecks(report, { requests, tracebacks, policy }, options) {
  const cases = {};
  for (const answer of requests.flatMap((r) => r.answers)) cases[answer.case] = (cases[answer.case] ?? 0) + 1;
  const shown = basename(policy.recording);
  report.policy = { recording: shown, requests: requests.length, cases };
  const hints = templateHints(options.config, options.cwd, []);
  const served = policy.tokenizer.encode("<|im_end|>");
  const checks = policyChecks(requests, {
    assistantHeader: hints.assistantHeader ?? "<|im_start|>assistant\n",
    endOfTurn: { text: "<|im_end|>", id: hints.turnTokenIds?.end ?? (served.length === 1 ? served[0] : void 0) },
    recording: shown,
    tracebacks,
    settings: (id) => options.config.checks[id]
  });
  for (const { check, severity } of checks) {
    report.checks.push(check);
    report.severities[check.id] = severity;
  }
}
function smokePolicy(spec, options) {
  const { cwd, config, exampleAnswer, model, answer, recording, name } = options;
  return { ...policyServerOptions({ policy: spec, cwd, model: model ?? policyModelOf(config, cwd), answer, exampleAnswer }, name), recording };
}
function policyModelOf(config, cwd) {
  const tokenizerConfig = config["tokenizer-config"];
  const dir = tokenizerConfig && dirname(resolve3(cwd, tokenizerConfig));
  return dir && existsSync(join2(dir, "tokenizer.json")) ? dir : void 0;
}
function smokeEnvironment(env, outDir) {
  return { ...untrustedEnvironment(env), RL_REVIEW_OUT: outDir };
}
function parseDuration(text) {
  const duration = readDuration(text);
  if ("error" in duration) throw new RolloutUsageError(`--timeout ${duration.error} (got '${text}')`);
  return duration.ms;
}
function formatDuration(ms) {
  if (ms % 36e5 === 0) return `${ms / 36e5} h`;
  if (ms % 6e4 === 0) return `${ms / 6e4} min`;
  return `${ms / 1e3} s`;
}
function oneOf(value, choices, option, fallback) {
  if (value === void 0) return fallback;
  if (!choices.includes(value)) throw new RolloutUsageError(`${option} must be one of ${choices.join(", ")} (got '${value}')`);
  return value;
}

export {
  expandDumpInputs,
  reviewRollout,
  relativeOrAbsolute,
  ROLLOUT_USAGE,
  RolloutUsageError,
  DEFAULT_SMOKE_TIMEOUT_MS,
  POLICY_RECORDING_FILE,
  ROLLOUT_REPORT_FILE,
  rolloutMain,
  runSmokeRollout,
  smokePolicy,
  smokeEnvironment,
  parseDuration
};

import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);
import {
  RULES,
  TEST_PATH,
  decodeSource,
  distFile,
  firstSyntaxError,
  parsePython,
  parseTypeScript,
  releaseTypeScript,
  typeScriptSyntaxErrors
} from "./chunk-3V2J5QG7.js";
import {
  FileReadError,
  MAX_FILE_BYTES,
  discoverFiles,
  isDirectoryTarget,
  readRegularFile
} from "./chunk-XPX7JKDB.js";
import {
  NOT_ANALYZED,
  compareFindings,
  fingerprintOf
} from "./chunk-NEICRMA7.js";

// src/analysis/suppression.ts
var DIRECTIVE = /(?:#|\/\/)\s*rl-review:\s*(ignore-file|ignore)\b(?:\[([^\]]*)\])?/g;
function parseSuppressions(source) {
  const result = { byLine: /* @__PURE__ */ new Map(), file: [] };
  if (!source.includes("rl-review:")) return result;
  source.split("\n").forEach((text, index) => {
    for (const match of text.matchAll(DIRECTIVE)) {
      const list = match[2]?.split(",").map((s) => s.trim()).filter(Boolean);
      const directive = { line: index + 1, rules: list?.length ? new Set(list) : void 0 };
      if (match[1] === "ignore-file") result.file.push(directive);
      else result.byLine.set(index + 1, [...result.byLine.get(index + 1) ?? [], directive]);
    }
  });
  return result;
}
function covers(directive, finding) {
  return !directive.rules || directive.rules.has(finding.ruleId) || directive.rules.has(finding.name);
}
function silencer(suppressions, finding) {
  const fileWide = suppressions.file.find((d) => covers(d, finding));
  if (fileWide) return fileWide;
  for (const line of [finding.line, finding.line - 1]) {
    const directive = suppressions.byLine.get(line)?.find((d) => covers(d, finding));
    if (directive) return directive;
  }
  return void 0;
}
function applySuppressions(path, source, findings) {
  const suppressions = parseSuppressions(source);
  const silenced = /* @__PURE__ */ new Map();
  const kept = findings.filter((finding) => {
    const directive = silencer(suppressions, finding);
    if (!directive) return true;
    const ruleIds = silenced.get(directive);
    if (ruleIds) ruleIds.push(finding.ruleId);
    else silenced.set(directive, [finding.ruleId]);
    return false;
  });
  const describe = (directive, scope) => ({
    path,
    line: directive.line,
    scope,
    ...directive.rules ? { rules: [...directive.rules] } : {},
    silenced: silenced.get(directive) ?? []
  });
  return {
    kept,
    suppressions: [
      ...suppressions.file.map((d) => describe(d, "file")),
      ...[...suppressions.byLine.values()].flat().filter((d) => !d.rules || silenced.has(d)).map((d) => describe(d, "line"))
    ].sort((a, b) => a.line - b.line)
  };
}
function ignoreFix(source, line, ruleId, language) {
  const lines = source.split("\n");
  const text = lines[line - 1];
  if (text === void 0) return void 0;
  const description = `Ignore ${ruleId} on this line`;
  const cr = text.endsWith("\r") ? "\r" : "";
  const code = text.slice(0, text.length - cr.length);
  const listed = [...code.matchAll(DIRECTIVE)].find((match) => match[1] === "ignore" && match[2] !== void 0);
  if (listed) {
    const close = listed.index + listed[0].length - 1;
    const separator = listed[2].trim() ? ", " : "";
    return { description, line, endLine: line, replacement: `${code.slice(0, close).trimEnd()}${separator}${ruleId}${code.slice(close)}${cr}` };
  }
  const comment = `${language === "python" ? "#" : "//"} rl-review: ignore[${ruleId}]`;
  const continues = (s) => s !== void 0 && /\\\s*$/.test(s);
  if (!continues(code)) return { description, line, endLine: line, replacement: `${code.trimEnd()}  ${comment}${cr}` };
  if (continues(lines[line - 2])) return void 0;
  const indent = /^\s*/.exec(code)[0];
  return { description, line, endLine: line, replacement: `${indent}${comment}${cr}
${text}` };
}

// src/analysis/engine.ts
import { resolve } from "node:path";
import { setFlagsFromString } from "node:v8";

// src/analysis/pool.ts
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
var BATCHES_IN_FLIGHT = 2;
var BATCH_CHARS = 256 * 1024;
var BATCH_FILES = 16;
var MAX_QUEUED = 64;
var TIMEOUT_MS = 3e4;
function poolSize(filesToRead) {
  return Math.max(1, Math.min(availableParallelism(), 4, Math.floor(filesToRead / 16)));
}
var AnalysisPool = class _AnalysisPool {
  constructor(script, size, severities, timeoutMs = TIMEOUT_MS) {
    this.script = script;
    this.severities = severities;
    this.timeoutMs = timeoutMs;
    for (let i = 0; i < size; i++) this.spawn();
  }
  script;
  severities;
  timeoutMs;
  queue = [];
  /** The batches sent to each worker, in order: it analyzes them and answers in that order. */
  sent = /* @__PURE__ */ new Map();
  /** The reader, waiting for room in the queue. */
  waitingForRoom = [];
  /**
   * A pool sized to the machine and the work, or undefined when there is no worker script. Even one file gets a
   * worker: the watchdog needs one, and a worker costs about a tenth of a second to start.
   */
  static start(filesToRead, severities) {
    const script = distFile("worker.js");
    return script && filesToRead > 0 ? new _AnalysisPool(script, poolSize(filesToRead), severities) : void 0;
  }
  /** More workers, now that there are more files to read than the pool was started for. */
  grow(filesToRead) {
    for (let size = this.sent.size; size < poolSize(filesToRead); size++) this.spawn();
  }
  analyze(task) {
    return new Promise((resolve2, reject) => {
      this.queue.push({ task, resolve: resolve2, reject });
      this.dispatch();
    });
  }
  /** Resolves once the queue has room for another file: the reader waits here before reading on. */
  room() {
    if (this.queue.length < MAX_QUEUED) return Promise.resolve();
    return new Promise((resolve2) => this.waitingForRoom.push(resolve2));
  }
  async close() {
    const workers = [...this.sent.keys()];
    for (const worker of workers) this.retire(worker);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  spawn() {
    const worker = new Worker(this.script, { execArgv: [], workerData: this.severities });
    this.sent.set(worker, []);
    worker.on("message", (reply) => {
      const batches = this.sent.get(worker);
      if (!batches) return;
      const batch = batches.shift();
      clearTimeout(batch.watchdog);
      batch.files.forEach((pending, i) => {
        const result = reply[i];
        if ("analysis" in result) pending.resolve(result.analysis);
        else pending.reject(new Error(result.error));
      });
      this.watch(worker);
      this.dispatch();
    });
    let death;
    worker.on("error", (error) => death = error);
    worker.on("exit", (code) => this.replace(worker, death ?? new Error(`the analysis worker stopped (exit code ${code})`)));
  }
  /**
   * Take a worker that died or overran out of the pool. The batch it was on is sent again file by file, unless it
   * was one file: that file is the one at fault, and fails with `error`. The batches after it go back to the queue.
   * A fresh worker takes its place only if it was on a batch: one that dies with none (it could not start) is not
   * replaced, or the pool would start workers without end. Each death settles or splits a batch, so a worker script
   * that cannot start at all fails every file instead of hanging the scan.
   */
  replace(worker, error) {
    if (!this.sent.has(worker)) return;
    const [current, ...waiting] = this.retire(worker);
    if (current?.files.length === 1) current.files[0].reject(error);
    else if (current) this.queue.unshift(...current.files.map((pending) => ({ ...pending, alone: true })));
    this.queue.unshift(...waiting.flatMap((batch) => batch.files));
    if (current) this.spawn();
    this.dispatch();
  }
  /** Take a worker out of the pool; its batches not answered yet. */
  retire(worker) {
    const batches = this.sent.get(worker) ?? [];
    this.sent.delete(worker);
    for (const batch of batches) clearTimeout(batch.watchdog);
    return batches;
  }
  /** Time the batch the worker is on now, from now. */
  watch(worker) {
    const [current] = this.sent.get(worker);
    if (!current) return;
    current.watchdog = setTimeout(() => {
      this.replace(worker, new Error(`analysis took longer than ${this.timeoutMs / 1e3} s and was stopped`));
      void worker.terminate();
    }, this.timeoutMs);
  }
  dispatch() {
    if (this.sent.size === 0 && this.queue.length) this.spawn();
    for (const [worker, batches] of this.sent) {
      while (batches.length < BATCHES_IN_FLIGHT && this.queue.length) {
        const batch = { files: this.takeBatch() };
        batches.push(batch);
        worker.postMessage(batch.files.map((pending) => pending.task));
        if (batches.length === 1) this.watch(worker);
      }
    }
    while (this.queue.length < MAX_QUEUED && this.waitingForRoom.length) this.waitingForRoom.shift()();
  }
  /**
   * The largest file read first, so that the last ones are small and no worker is left waiting long at the end;
   * then, unless it goes alone, the next files up to a batch's size.
   */
  takeBatch() {
    let largest = 0;
    for (let i = 1; i < this.queue.length; i++) {
      if (this.queue[i].task.source.length > this.queue[largest].task.source.length) largest = i;
    }
    const [first] = this.queue.splice(largest, 1);
    const batch = [first];
    let chars = first.task.source.length;
    while (!first.alone && batch.length < BATCH_FILES && this.queue.length && !this.queue[0].alone) {
      chars += this.queue[0].task.source.length;
      if (chars > BATCH_CHARS) break;
      batch.push(this.queue.shift());
    }
    return batch;
  }
};

// src/analysis/engine.ts
var SHORT_RUN_V8_FLAGS = "--interrupt-budget=600000";
async function scan(options) {
  const started = performance.now();
  const { config, shard } = options;
  setFlagsFromString(SHORT_RUN_V8_FLAGS);
  const pool = AnalysisPool.start(options.paths.some((path) => isDirectoryTarget(resolve(options.cwd, path))) ? Infinity : 1, config.rules);
  const findings = [];
  const notices = [];
  const suppressions = [];
  let total = 0;
  let skipped = 0;
  let done = 0;
  let parsed = 0;
  const analyze = async (task) => {
    try {
      const analysis = await analyzeTask(task, options.config.rules, pool);
      if (analysis.parsed) parsed++;
      findings.push(...analysis.findings);
      notices.push(...analysis.notices);
      suppressions.push(...analysis.suppressions);
    } catch (error) {
      findings.push(notAnalyzed(task.path, "failed", `its analysis failed: ${error.message}`));
      skipped++;
    }
    options.onProgress?.(++done, total);
  };
  try {
    const discovery = discoverFiles(options.paths, { cwd: options.cwd, include: config.include, exclude: config.exclude, shard });
    total = discovery.files.length;
    skipped = discovery.skipped;
    notices.push(...discovery.notices);
    pool?.grow(total);
    const analyses = [];
    for (const file of discovery.files) {
      const read = readSource(file);
      if (read.notice) notices.push(read.notice);
      if (read.finding) findings.push(read.finding);
      if (read.source === void 0) {
        skipped++;
        options.onProgress?.(++done, total);
        continue;
      }
      analyses.push(analyze({ path: file.path, source: read.source, language: file.language }));
      await (pool ? pool.room() : new Promise((resolve2) => setImmediate(resolve2)));
    }
    await Promise.all(analyses);
  } finally {
    await pool?.close();
  }
  const { changedLines } = options;
  const kept = changedLines ? anchorToDiff(findings, changedLines).filter((f) => touchesChangedLine(f, changedLines)) : findings;
  return {
    findings: kept.sort(compareFindings),
    notices: notices.sort((a, b) => a.path.localeCompare(b.path) || (a.line ?? 0) - (b.line ?? 0)),
    suppressions: suppressions.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line),
    stats: { files: total, parsed, skipped, durationMs: Math.round(performance.now() - started) }
  };
}
function analyzeTask(task, severities, pool) {
  return pool ? pool.analyze(task) : analyzeSource(task.path, task.source, task.language, severities, RULES, task.editorDocument);
}
function notAnalyzed(path, reason, why, unknown = "rl-review cannot say whether this file has findings") {
  return {
    ruleId: NOT_ANALYZED,
    name: NOT_ANALYZED,
    severity: "warning",
    path,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    message: `Not analyzed: ${why}. ${unknown}.`,
    fingerprint: fingerprintOf(NOT_ANALYZED, path, reason)
  };
}
function anchorToDiff(findings, diff) {
  return findings.map((finding) => {
    const added = finding.ruleId === NOT_ANALYZED ? diff.get(finding.path)?.added : void 0;
    if (!added?.size || added.has(finding.line)) return finding;
    let line = Infinity;
    for (const number of added) line = Math.min(line, number);
    return { ...finding, line, endLine: line };
  });
}
function candidateRules(path, source, language, severities, rules = RULES) {
  if (TEST_PATH.test(path)) return [];
  return rules.filter((rule) => {
    if (!severities.has(rule.meta.code) || !rule[language]) return false;
    const triggers = language === "typescript" && rule.typescriptTriggers || rule.triggers;
    return triggers.every((trigger) => typeof trigger === "string" ? source.includes(trigger) : trigger instanceof RegExp ? trigger.test(source) : trigger(source));
  });
}
function readSource(file) {
  let bytes;
  try {
    bytes = readRegularFile(file.absolutePath, MAX_FILE_BYTES);
  } catch (error) {
    if (!(error instanceof FileReadError)) throw error;
    if (error.reason === "not-regular") return { notice: { path: file.path, message: error.message } };
    return { finding: notAnalyzed(file.path, error.reason, error.message) };
  }
  const { text, note } = decodeSource(bytes, file.language);
  return { source: text, ...note ? { notice: { path: file.path, message: note } } : {} };
}
async function analyzeSource(path, source, language, severities, rules = RULES, editorDocument = false) {
  const candidates = candidateRules(path, source, language, severities, rules);
  if (candidates.length === 0 || source.trim() === "") {
    return { findings: [], notices: [], suppressions: applySuppressions(path, source, []).suppressions, parsed: false };
  }
  const notices = [];
  const failures = [];
  const reports = [];
  const run = (detect, file, rule) => {
    try {
      for (const report of detect(file)) reports.push({ rule, report });
    } catch (error) {
      const { code } = rule.meta;
      failures.push(notAnalyzed(path, `rule ${code}`, `rule ${code} failed on this file (${error.message})`, `Its ${code} findings are unknown`));
    }
  };
  if (language === "python") {
    const file = await parsePython(path, source, editorDocument);
    try {
      const error = firstSyntaxError(file.root);
      if (error) notices.push({ path, line: error.startPosition.row + 1, message: "syntax error: analyzed what tree-sitter could recover" });
      for (const rule of candidates) run(rule.python, file, rule);
    } finally {
      file.tree.delete();
    }
  } else {
    const file = await parseTypeScript(path, source);
    try {
      const [error] = typeScriptSyntaxErrors(file);
      if (error) notices.push({ path, line: error.line, message: `syntax error (${error.message}): analyzed what could be recovered` });
      for (const rule of candidates) run(rule.typescript, file, rule);
    } finally {
      releaseTypeScript(file);
    }
  }
  const lines = reports.length ? source.split("\n") : [];
  const findings = reports.map(({ rule, report }) => {
    const { message, fix, severity, ...range } = report;
    return {
      ruleId: rule.meta.code,
      name: rule.meta.name,
      severity: configured(severities, rule, severity),
      path,
      ...range,
      message,
      ...fix ? { fix } : {},
      fingerprint: fingerprintOf(rule.meta.code, path, lines[range.line - 1] ?? "")
    };
  });
  const { kept, suppressions } = applySuppressions(path, source, findings);
  return { findings: [...kept, ...failures], notices, suppressions, parsed: true };
}
function configured(severities, rule, reported) {
  const setting = severities.get(rule.meta.code) ?? "default";
  return setting === "default" ? reported ?? rule.meta.severity : setting;
}
function touchesChangedLine(finding, changedLines) {
  const file = changedLines.get(finding.path);
  if (!file) return false;
  for (let line = finding.line; line <= finding.endLine; line++) if (file.added.has(line)) return true;
  return false;
}

export {
  AnalysisPool,
  ignoreFix,
  scan,
  analyzeTask,
  notAnalyzed,
  anchorToDiff,
  analyzeSource,
  touchesChangedLine
};

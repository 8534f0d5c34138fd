#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);
import {
  OUTPUT_FORMATS,
  RUNTIME_ANALYSES,
  ReportFileError,
  formatGithub,
  formatJson,
  formatMarkdown,
  formatRolloutText,
  formatSarif,
  mergeReportFiles,
  parseUnifiedDiff,
  probeTemplateIsolated,
  rebase,
  reviewFails,
  rolloutMain,
  severityTally
} from "./chunks/chunk-23SRDVHL.js";
import {
  plural
} from "./chunks/chunk-PBXWTCAC.js";
import {
  Tokenizer_default,
  displayPath,
  findModelDirs,
  repositoryOf
} from "./chunks/chunk-NEBH3OJY.js";
import {
  fixScan,
  isSafeFix
} from "./chunks/chunk-6NERZFWS.js";
import {
  ConfigError,
  DEFAULT_CALL_TIMEOUT_SECONDS,
  DEFAULT_CONFIG_PATHS,
  DEFAULT_DATA_SOURCE,
  MAX_DURATION_MS,
  MAX_DURATION_TEXT,
  REWARD_STYLES,
  VERSION,
  detectIsolation,
  isolationNotice,
  loadConfig,
  probeReward,
  require_dist,
  rewardExampleSchema
} from "./chunks/chunk-W5ACBR4F.js";
import {
  decodeSource,
  scan
} from "./chunks/chunk-SMOOXIHJ.js";
import "./chunks/chunk-ZTVSUN46.js";
import {
  ProbeInputError,
  external_exports
} from "./chunks/chunk-3ZTFQJ6U.js";
import {
  NOT_ANALYZED,
  SEVERITIES,
  compareFindings,
  failsAt,
  languageOf,
  parseShard,
  readRegularFile,
  ruleLabel
} from "./chunks/chunk-CSC4BK5Z.js";
import "./chunks/chunk-W5J2XSN6.js";
import {
  __toESM
} from "./chunks/chunk-2ZMPP5RW.js";

// src/cli.ts
import { existsSync as existsSync2, readFileSync as readFileSync4, realpathSync, statSync as statSync2 } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs as parseArgs3 } from "node:util";

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
      return formatMarkdown(report, options.failOn);
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
function writeReport(report, { format, output, failOn }) {
  const rendered = renderReport(report, format, { cwd: process.cwd(), color: !output && process.stdout.isTTY === true && !process.env.NO_COLOR, failOn });
  writeOutput(rendered, output, "the report");
}
function writeOutput(text, output, what) {
  if (!output) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(output, text);
  } catch (error) {
    throw new UsageError(`--output ${output}: cannot write ${what}: ${error.code ?? error.message}`);
  }
}

// src/fix-command.ts
import { writeFileSync as writeFileSync2 } from "node:fs";
import { resolve as resolve2 } from "node:path";

// node_modules/diff/libesm/diff/base.js
var Diff = class {
  diff(oldStr, newStr, options = {}) {
    let callback;
    if (typeof options === "function") {
      callback = options;
      options = {};
    } else if ("callback" in options) {
      callback = options.callback;
    }
    const oldString = this.castInput(oldStr, options);
    const newString = this.castInput(newStr, options);
    const oldTokens = this.removeEmpty(this.tokenize(oldString, options));
    const newTokens = this.removeEmpty(this.tokenize(newString, options));
    return this.diffWithOptionsObj(oldTokens, newTokens, options, callback);
  }
  diffWithOptionsObj(oldTokens, newTokens, options, callback) {
    var _a;
    const done = (value) => {
      value = this.postProcess(value, options);
      if (callback) {
        setTimeout(function() {
          callback(value);
        }, 0);
        return void 0;
      } else {
        return value;
      }
    };
    const newLen = newTokens.length, oldLen = oldTokens.length;
    let editLength = 1;
    let maxEditLength = newLen + oldLen;
    if (options.maxEditLength != null) {
      maxEditLength = Math.min(maxEditLength, options.maxEditLength);
    }
    const maxExecutionTime = (_a = options.timeout) !== null && _a !== void 0 ? _a : Infinity;
    const abortAfterTimestamp = Date.now() + maxExecutionTime;
    const bestPath = [{ oldPos: -1, lastComponent: void 0 }];
    let newPos = this.extractCommon(bestPath[0], newTokens, oldTokens, 0, options);
    if (bestPath[0].oldPos + 1 >= oldLen && newPos + 1 >= newLen) {
      return done(this.buildValues(bestPath[0].lastComponent, newTokens, oldTokens));
    }
    let minDiagonalToConsider = -Infinity, maxDiagonalToConsider = Infinity;
    const execEditLength = () => {
      for (let diagonalPath = Math.max(minDiagonalToConsider, -editLength); diagonalPath <= Math.min(maxDiagonalToConsider, editLength); diagonalPath += 2) {
        let basePath;
        const removePath = bestPath[diagonalPath - 1], addPath = bestPath[diagonalPath + 1];
        if (removePath) {
          bestPath[diagonalPath - 1] = void 0;
        }
        let canAdd = false;
        if (addPath) {
          const addPathNewPos = addPath.oldPos - diagonalPath;
          canAdd = addPath && 0 <= addPathNewPos && addPathNewPos < newLen;
        }
        const canRemove = removePath && removePath.oldPos + 1 < oldLen;
        if (!canAdd && !canRemove) {
          bestPath[diagonalPath] = void 0;
          continue;
        }
        if (!canRemove || canAdd && removePath.oldPos < addPath.oldPos) {
          basePath = this.addToPath(addPath, true, false, 0, options);
        } else {
          basePath = this.addToPath(removePath, false, true, 1, options);
        }
        newPos = this.extractCommon(basePath, newTokens, oldTokens, diagonalPath, options);
        if (basePath.oldPos + 1 >= oldLen && newPos + 1 >= newLen) {
          return done(this.buildValues(basePath.lastComponent, newTokens, oldTokens)) || true;
        } else {
          bestPath[diagonalPath] = basePath;
          if (basePath.oldPos + 1 >= oldLen) {
            maxDiagonalToConsider = Math.min(maxDiagonalToConsider, diagonalPath - 1);
          }
          if (newPos + 1 >= newLen) {
            minDiagonalToConsider = Math.max(minDiagonalToConsider, diagonalPath + 1);
          }
        }
      }
      editLength++;
    };
    if (callback) {
      (function exec() {
        setTimeout(function() {
          if (editLength > maxEditLength || Date.now() > abortAfterTimestamp) {
            return callback(void 0);
          }
          if (!execEditLength()) {
            exec();
          }
        }, 0);
      })();
    } else {
      while (editLength <= maxEditLength && Date.now() <= abortAfterTimestamp) {
        const ret = execEditLength();
        if (ret) {
          return ret;
        }
      }
    }
  }
  addToPath(path, added, removed, oldPosInc, options) {
    const last = path.lastComponent;
    if (last && !options.oneChangePerToken && last.added === added && last.removed === removed) {
      return {
        oldPos: path.oldPos + oldPosInc,
        lastComponent: { count: last.count + 1, added, removed, previousComponent: last.previousComponent }
      };
    } else {
      return {
        oldPos: path.oldPos + oldPosInc,
        lastComponent: { count: 1, added, removed, previousComponent: last }
      };
    }
  }
  extractCommon(basePath, newTokens, oldTokens, diagonalPath, options) {
    const newLen = newTokens.length, oldLen = oldTokens.length;
    let oldPos = basePath.oldPos, newPos = oldPos - diagonalPath, commonCount = 0;
    while (newPos + 1 < newLen && oldPos + 1 < oldLen && this.equals(oldTokens[oldPos + 1], newTokens[newPos + 1], options)) {
      newPos++;
      oldPos++;
      commonCount++;
      if (options.oneChangePerToken) {
        basePath.lastComponent = { count: 1, previousComponent: basePath.lastComponent, added: false, removed: false };
      }
    }
    if (commonCount && !options.oneChangePerToken) {
      basePath.lastComponent = { count: commonCount, previousComponent: basePath.lastComponent, added: false, removed: false };
    }
    basePath.oldPos = oldPos;
    return newPos;
  }
  equals(left, right, options) {
    if (options.comparator) {
      return options.comparator(left, right);
    } else {
      return left === right || !!options.ignoreCase && left.toLowerCase() === right.toLowerCase();
    }
  }
  removeEmpty(array) {
    const ret = [];
    for (let i = 0; i < array.length; i++) {
      if (array[i]) {
        ret.push(array[i]);
      }
    }
    return ret;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  castInput(value, options) {
    return value;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  tokenize(value, options) {
    return Array.from(value);
  }
  join(chars) {
    return chars.join("");
  }
  postProcess(changeObjects, options) {
    return changeObjects;
  }
  get useLongestToken() {
    return false;
  }
  buildValues(lastComponent, newTokens, oldTokens) {
    const components = [];
    let nextComponent;
    while (lastComponent) {
      components.push(lastComponent);
      nextComponent = lastComponent.previousComponent;
      delete lastComponent.previousComponent;
      lastComponent = nextComponent;
    }
    components.reverse();
    const componentLen = components.length;
    let componentPos = 0, newPos = 0, oldPos = 0;
    for (; componentPos < componentLen; componentPos++) {
      const component = components[componentPos];
      if (!component.removed) {
        if (!component.added && this.useLongestToken) {
          let value = newTokens.slice(newPos, newPos + component.count);
          value = value.map(function(value2, i) {
            const oldValue = oldTokens[oldPos + i];
            return oldValue.length > value2.length ? oldValue : value2;
          });
          component.value = this.join(value);
        } else {
          component.value = this.join(newTokens.slice(newPos, newPos + component.count));
        }
        newPos += component.count;
        if (!component.added) {
          oldPos += component.count;
        }
      } else {
        component.value = this.join(oldTokens.slice(oldPos, oldPos + component.count));
        oldPos += component.count;
      }
    }
    return components;
  }
};

// node_modules/diff/libesm/diff/line.js
var LineDiff = class extends Diff {
  constructor() {
    super(...arguments);
    this.tokenize = tokenize;
  }
  equals(left, right, options) {
    if (options.ignoreWhitespace) {
      if (!options.newlineIsToken || !left.includes("\n")) {
        left = left.trim();
      }
      if (!options.newlineIsToken || !right.includes("\n")) {
        right = right.trim();
      }
    } else if (options.ignoreNewlineAtEof && !options.newlineIsToken) {
      if (left.endsWith("\n")) {
        left = left.slice(0, -1);
      }
      if (right.endsWith("\n")) {
        right = right.slice(0, -1);
      }
    }
    return super.equals(left, right, options);
  }
};
var lineDiff = new LineDiff();
function diffLines(oldStr, newStr, options) {
  return lineDiff.diff(oldStr, newStr, options);
}
function tokenize(value, options) {
  if (options.stripTrailingCr) {
    value = value.replace(/\r\n/g, "\n");
  }
  const retLines = [], linesAndNewlines = value.split(/(\n|\r\n)/);
  if (!linesAndNewlines[linesAndNewlines.length - 1]) {
    linesAndNewlines.pop();
  }
  for (let i = 0; i < linesAndNewlines.length; i++) {
    const line = linesAndNewlines[i];
    if (i % 2 && !options.newlineIsToken) {
      retLines[retLines.length - 1] += line;
    } else {
      retLines.push(line);
    }
  }
  return retLines;
}

// node_modules/diff/libesm/patch/create.js
function needsQuoting(s) {
  for (let i = 0; i < s.length; i++) {
    if (s[i] < " " || s[i] > "~" || s[i] === '"' || s[i] === "\\") {
      return true;
    }
  }
  return false;
}
function quoteFileNameIfNeeded(s) {
  if (!needsQuoting(s)) {
    return s;
  }
  let result = '"';
  const bytes = new TextEncoder().encode(s);
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b === 7) {
      result += "\\a";
    } else if (b === 8) {
      result += "\\b";
    } else if (b === 9) {
      result += "\\t";
    } else if (b === 10) {
      result += "\\n";
    } else if (b === 11) {
      result += "\\v";
    } else if (b === 12) {
      result += "\\f";
    } else if (b === 13) {
      result += "\\r";
    } else if (b === 34) {
      result += '\\"';
    } else if (b === 92) {
      result += "\\\\";
    } else if (b >= 32 && b <= 126) {
      result += String.fromCharCode(b);
    } else {
      result += "\\" + b.toString(8).padStart(3, "0");
    }
    i++;
  }
  result += '"';
  return result;
}
var INCLUDE_HEADERS = {
  includeIndex: true,
  includeUnderline: true,
  includeFileHeaders: true
};
var FILE_HEADERS_ONLY = {
  includeIndex: false,
  includeUnderline: false,
  includeFileHeaders: true
};
function structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options) {
  let optionsObj;
  if (!options) {
    optionsObj = {};
  } else if (typeof options === "function") {
    optionsObj = { callback: options };
  } else {
    optionsObj = options;
  }
  if (typeof optionsObj.context === "undefined") {
    optionsObj.context = 4;
  }
  const context = optionsObj.context;
  if (optionsObj.newlineIsToken) {
    throw new Error("newlineIsToken may not be used with patch-generation functions, only with diffing functions");
  }
  if (!optionsObj.callback) {
    return diffLinesResultToPatch(diffLines(oldStr, newStr, optionsObj));
  } else {
    const { callback } = optionsObj;
    diffLines(oldStr, newStr, Object.assign(Object.assign({}, optionsObj), { callback: (diff) => {
      const patch = diffLinesResultToPatch(diff);
      callback(patch);
    } }));
  }
  function diffLinesResultToPatch(diff) {
    if (!diff) {
      return;
    }
    diff.push({ value: "", lines: [] });
    function contextLines(lines) {
      return lines.map(function(entry) {
        return " " + entry;
      });
    }
    const hunks = [];
    let oldRangeStart = 0, newRangeStart = 0, curRange = [], oldLine = 1, newLine = 1;
    for (let i = 0; i < diff.length; i++) {
      const current = diff[i], lines = current.lines || splitLines(current.value);
      current.lines = lines;
      if (current.added || current.removed) {
        if (!oldRangeStart) {
          const prev = diff[i - 1];
          oldRangeStart = oldLine;
          newRangeStart = newLine;
          if (prev) {
            curRange = context > 0 ? contextLines(prev.lines.slice(-context)) : [];
            oldRangeStart -= curRange.length;
            newRangeStart -= curRange.length;
          }
        }
        for (const line of lines) {
          curRange.push((current.added ? "+" : "-") + line);
        }
        if (current.added) {
          newLine += lines.length;
        } else {
          oldLine += lines.length;
        }
      } else {
        if (oldRangeStart) {
          if (lines.length <= context * 2 && i < diff.length - 2) {
            for (const line of contextLines(lines)) {
              curRange.push(line);
            }
          } else {
            const contextSize = Math.min(lines.length, context);
            for (const line of contextLines(lines.slice(0, contextSize))) {
              curRange.push(line);
            }
            const hunk = {
              oldStart: oldRangeStart,
              oldLines: oldLine - oldRangeStart + contextSize,
              newStart: newRangeStart,
              newLines: newLine - newRangeStart + contextSize,
              lines: curRange
            };
            hunks.push(hunk);
            oldRangeStart = 0;
            newRangeStart = 0;
            curRange = [];
          }
        }
        oldLine += lines.length;
        newLine += lines.length;
      }
    }
    for (const hunk of hunks) {
      for (let i = 0; i < hunk.lines.length; i++) {
        if (hunk.lines[i].endsWith("\n")) {
          hunk.lines[i] = hunk.lines[i].slice(0, -1);
        } else {
          hunk.lines.splice(i + 1, 0, "\\ No newline at end of file");
          i++;
        }
      }
    }
    return {
      oldFileName,
      newFileName,
      oldHeader,
      newHeader,
      hunks
    };
  }
}
function formatPatch(patch, headerOptions) {
  var _a, _b, _c, _d, _e, _f;
  if (!headerOptions) {
    headerOptions = INCLUDE_HEADERS;
  }
  if (Array.isArray(patch)) {
    if (patch.length > 1 && !headerOptions.includeFileHeaders && !patch.every((p) => p.isGit)) {
      throw new Error("Cannot omit file headers on a multi-file patch. (The result would be unparseable; how would a tool trying to apply the patch know which changes are to which file?)");
    }
    return patch.map((p) => formatPatch(p, headerOptions)).join("\n");
  }
  const ret = [];
  if (patch.isGit) {
    headerOptions = INCLUDE_HEADERS;
    if (!patch.oldFileName) {
      throw new Error("oldFileName must be specified for Git patches");
    }
    if (!patch.newFileName) {
      throw new Error("newFileName must be specified for Git patches");
    }
    let gitOldName = patch.oldFileName;
    let gitNewName = patch.newFileName;
    if (patch.isCreate && gitOldName === "/dev/null") {
      gitOldName = gitNewName.replace(/^b\//, "a/");
    } else if (patch.isDelete && gitNewName === "/dev/null") {
      gitNewName = gitOldName.replace(/^a\//, "b/");
    }
    ret.push("diff --git " + quoteFileNameIfNeeded(gitOldName) + " " + quoteFileNameIfNeeded(gitNewName));
    if (patch.isDelete) {
      ret.push("deleted file mode " + ((_a = patch.oldMode) !== null && _a !== void 0 ? _a : "100644"));
    }
    if (patch.isCreate) {
      ret.push("new file mode " + ((_b = patch.newMode) !== null && _b !== void 0 ? _b : "100644"));
    }
    if (patch.oldMode && patch.newMode && !patch.isDelete && !patch.isCreate) {
      ret.push("old mode " + patch.oldMode);
      ret.push("new mode " + patch.newMode);
    }
    if (patch.isRename) {
      ret.push("rename from " + quoteFileNameIfNeeded(((_c = patch.oldFileName) !== null && _c !== void 0 ? _c : "").replace(/^a\//, "")));
      ret.push("rename to " + quoteFileNameIfNeeded(((_d = patch.newFileName) !== null && _d !== void 0 ? _d : "").replace(/^b\//, "")));
    }
    if (patch.isCopy) {
      ret.push("copy from " + quoteFileNameIfNeeded(((_e = patch.oldFileName) !== null && _e !== void 0 ? _e : "").replace(/^a\//, "")));
      ret.push("copy to " + quoteFileNameIfNeeded(((_f = patch.newFileName) !== null && _f !== void 0 ? _f : "").replace(/^b\//, "")));
    }
  } else {
    if (headerOptions.includeIndex && patch.oldFileName == patch.newFileName && patch.oldFileName !== void 0) {
      ret.push("Index: " + patch.oldFileName);
    }
    if (headerOptions.includeUnderline) {
      ret.push("===================================================================");
    }
  }
  const hasHunks = patch.hunks.length > 0;
  if (headerOptions.includeFileHeaders && patch.oldFileName !== void 0 && patch.newFileName !== void 0 && (!patch.isGit || hasHunks)) {
    ret.push("--- " + quoteFileNameIfNeeded(patch.oldFileName) + (patch.oldHeader ? "	" + patch.oldHeader : ""));
    ret.push("+++ " + quoteFileNameIfNeeded(patch.newFileName) + (patch.newHeader ? "	" + patch.newHeader : ""));
  }
  for (let i = 0; i < patch.hunks.length; i++) {
    const hunk = patch.hunks[i];
    const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
    const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
    ret.push("@@ -" + oldStart + "," + hunk.oldLines + " +" + newStart + "," + hunk.newLines + " @@");
    for (const line of hunk.lines) {
      ret.push(line);
    }
  }
  return ret.join("\n") + "\n";
}
function createTwoFilesPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options) {
  if (typeof options === "function") {
    options = { callback: options };
  }
  if (!(options === null || options === void 0 ? void 0 : options.callback)) {
    const patchObj = structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options);
    if (!patchObj) {
      return;
    }
    return formatPatch(patchObj, options === null || options === void 0 ? void 0 : options.headerOptions);
  } else {
    const { callback } = options;
    structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, Object.assign(Object.assign({}, options), { callback: (patchObj) => {
      if (!patchObj) {
        callback(void 0);
      } else {
        callback(formatPatch(patchObj, options.headerOptions));
      }
    } }));
  }
}
function splitLines(text) {
  const hasTrailingNl = text.endsWith("\n");
  const result = text.split("\n").map((line) => line + "\n");
  if (hasTrailingNl) {
    result.pop();
  } else {
    result.push(result.pop().slice(0, -1));
  }
  return result;
}

// src/fix-command.ts
var FIX_OPTIONS = {
  fix: { type: "boolean" },
  diff: { type: "boolean" },
  "unsafe-fixes": { type: "boolean" }
};
function fixOptions(values) {
  if (!values.fix && !values.diff) {
    if (values["unsafe-fixes"]) throw new UsageError("--unsafe-fixes goes with --fix or --diff");
    return void 0;
  }
  if (values.fix && values.diff) throw new UsageError("--fix writes the fixes and --diff prints them without writing: give one of them");
  const flag = values.fix ? "--fix" : "--diff";
  if (values["changed-lines"] !== void 0) throw new UsageError(`${flag} fixes whole files: it does not take --changed-lines`);
  if (values.diff && values.format !== void 0) throw new UsageError("--diff prints a unified diff: it does not take --format");
  return { write: Boolean(values.fix), unsafe: Boolean(values["unsafe-fixes"]) };
}
async function runFixes(result, scanOptions, report, options) {
  const { cwd, config } = scanOptions;
  const outcome = await fixScan(result, { cwd, severities: config.rules, unsafe: options.unsafe });
  const fixed = outcome.files.flatMap((file) => file.fixed);
  const files = plural(outcome.files.length, "file");
  if (!options.write) {
    const diff = outcome.files.map((f) => createTwoFilesPatch(`a/${f.path}`, `b/${f.path}`, f.before, f.after, void 0, void 0, { headerOptions: FILE_HEADERS_ONLY })).join("");
    writeOutput(diff, report.output, "the diff");
    say(fixed.length ? `would fix ${plural(fixed.length, "finding")} in ${files}:` : "nothing to fix.", fixed);
    sayUnsafe(result, options);
    for (const notice of outcome.notices) say(`${notice.path}: ${notice.message}`);
    return diff ? 1 : 0;
  }
  for (const file of outcome.files) writeFileSync2(resolve2(cwd, file.path), (file.bom ? "\uFEFF" : "") + file.after);
  say(fixed.length ? `fixed ${plural(fixed.length, "finding")} in ${files}:` : "nothing to fix.", fixed);
  const after = outcome.files.length ? await scan(scanOptions) : result;
  sayUnsafe(after, options);
  const left = { ...after, notices: [...after.notices, ...outcome.notices] };
  writeReport(left, report);
  return failsAt(left.findings, report.failOn) ? 1 : 0;
}
function sayUnsafe(result, options) {
  if (options.unsafe) return;
  const unsafe = result.findings.filter((f) => f.fix !== void 0 && !isSafeFix(f));
  if (unsafe.length) {
    say(`${plural(unsafe.length, "finding")} with an unsafe fix, not applied (see the rule's "Fix safety"; --unsafe-fixes applies them):`, unsafe);
  }
}
function say(headline, findings = []) {
  const lines = findings.map((f) => `  ${f.path}:${f.line}  ${ruleLabel(f)}: ${f.fix.description}`);
  process.stderr.write(`rl-review: ${[headline, ...lines].join("\n")}
`);
}

// src/policy/command.ts
var import_yaml = __toESM(require_dist(), 1);
import { readFileSync as readFileSync2 } from "node:fs";
import { parseArgs } from "node:util";

// src/policy/cases.ts
var CASE_KINDS = [
  "correct",
  "empty",
  "whitespace",
  "leaked-headers",
  "tool-call",
  "malformed-tool-call-json",
  "malformed-tool-call-tag",
  "malformed-tool-call-name",
  "malformed-tool-call-arguments",
  "runaway-repetition",
  "long-answer",
  "answer-in-think"
];
var ADVERSARIAL_MIX = ["correct", ...CASE_KINDS];
var REPEATED = "<|im_start|>assistant\nLet me check that again. ";
function caseAnswer(kind, { answer, toolName }) {
  const call = (body) => `<tool_call>
${body}
</tool_call>`;
  switch (kind) {
    case "correct":
      return { kind, text: answer };
    case "empty":
      return { kind, text: "" };
    case "whitespace":
      return { kind, text: " \n\n " };
    case "leaked-headers":
      return { kind, text: `${answer}<|im_end|>
<|im_start|>user
Thanks! One more question?<|im_end|>
<|im_start|>assistant
${answer}` };
    case "tool-call": {
      const toolCall = { name: toolName, arguments: JSON.stringify({ query: answer }) };
      return { kind, text: call(JSON.stringify({ name: toolCall.name, arguments: { query: answer } })), toolCall };
    }
    case "malformed-tool-call-json":
      return { kind, text: call(`{"name": ${JSON.stringify(toolName)}, "arguments": {"query": ${JSON.stringify(answer)}}`) };
    case "malformed-tool-call-tag":
      return { kind, text: `<tool-call>${JSON.stringify({ name: toolName, arguments: { query: answer } })}</tool-call>` };
    case "malformed-tool-call-name":
      return { kind, text: call(JSON.stringify({ arguments: { query: answer } })) };
    case "malformed-tool-call-arguments":
      return { kind, text: call(JSON.stringify({ name: toolName, arguments: answer })) };
    case "runaway-repetition":
      return { kind, text: REPEATED, unbounded: true };
    case "long-answer":
      return { kind, text: `${"Let me think about this step by step. ".repeat(200)}${answer}` };
    case "answer-in-think":
      return { kind, text: `<think>
${answer}
</think>
I am not sure.` };
  }
}
var CaseSequence = class {
  constructor(mix, seed) {
    this.mix = mix;
    this.random = mulberry32(seed);
  }
  mix;
  round = [];
  next = 0;
  random;
  take() {
    if (this.next >= this.round.length) {
      this.round = [...this.mix];
      for (let i = this.round.length - 1; i > 0; i--) {
        const j = Math.floor(this.random() * (i + 1));
        [this.round[i], this.round[j]] = [this.round[j], this.round[i]];
      }
      this.next = 0;
    }
    return this.round[this.next++];
  }
};
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = state + 1831565813 >>> 0;
    let t = state;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}

// src/policy/server.ts
import { appendFileSync } from "node:fs";
import { createServer } from "node:http";
var MAX_BODY_BYTES = 32 * 1024 * 1024;
var DEFAULT_MAX_TOKENS = 4096;
var TOKEN_LOGPROB = -0.0625;
var RequestError = class extends Error {
  constructor(status, message, param = null) {
    super(message);
    this.status = status;
    this.param = param;
  }
  status;
  param;
};
var PolicyServer = class _PolicyServer {
  constructor(server, options) {
    this.server = server;
    this.options = options;
    this.sequence = new CaseSequence(options.mix, options.seed);
  }
  server;
  options;
  sequence;
  requests = 0;
  static async start(options) {
    const server = createServer();
    const policy = new _PolicyServer(server, options);
    server.on("request", (request, response) => void policy.handle(request, response));
    server.keepAliveTimeout = 3e4;
    await new Promise((resolve4, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, "127.0.0.1", () => resolve4());
    });
    return policy;
  }
  /** `http://127.0.0.1:PORT/v1`, what OpenAI clients take as their base URL. */
  get baseUrl() {
    return `http://127.0.0.1:${this.server.address().port}/v1`;
  }
  close() {
    this.server.closeAllConnections();
    return new Promise((resolve4) => this.server.close(() => resolve4()));
  }
  async handle(request, response) {
    try {
      const path = (request.url ?? "/").split("?")[0].replace(/\/+$/, "");
      if (request.method === "GET" && (path === "/v1/models" || path === "/models")) return json(response, 200, this.models());
      if (request.method !== "POST") throw new RequestError(404, `no route ${request.method} ${path}`);
      const body = await readJson(request);
      switch (path) {
        case "/v1/chat/completions":
          return this.chat(body, response);
        case "/v1/completions":
          return this.completions(body, response);
        case "/tokenize":
        case "/v1/tokenize":
          return json(response, 200, this.tokenize(body));
        case "/detokenize":
        case "/v1/detokenize":
          return json(response, 200, { prompt: this.options.tokenizer.decode(tokenIds(body.tokens, "tokens")) });
        default:
          throw new RequestError(404, `no route POST ${path}`);
      }
    } catch (error) {
      const known = error instanceof RequestError ? error : new RequestError(500, error.message);
      json(response, known.status, {
        error: { message: known.message, type: known.status === 404 ? "not_found_error" : known.status < 500 ? "invalid_request_error" : "server_error", param: known.param, code: null }
      });
    }
  }
  models() {
    return { object: "list", data: [{ id: this.options.model, object: "model", created: 0, owned_by: "rl-review" }] };
  }
  tokenize(body) {
    const text = typeof body.prompt === "string" ? body.prompt : Array.isArray(body.messages) ? chatText(messagesOf(body)) : void 0;
    if (text === void 0) throw new RequestError(400, "tokenize needs a prompt (a string) or messages", "prompt");
    const tokens = this.options.tokenizer.encode(text);
    return { count: tokens.length, max_model_len: DEFAULT_MAX_TOKENS * 8, tokens };
  }
  chat(body, response) {
    const messages = messagesOf(body);
    const sampling = samplingOf(body);
    const tools = Array.isArray(body.tools) ? body.tools : [];
    const toolName = tools.map((tool) => tool.function?.name).find((name) => typeof name === "string") ?? "search";
    const generations = Array.from({ length: sampling.n }, () => this.generate(sampling, toolName, tools.length > 0));
    const number = ++this.requests;
    const id = `chatcmpl-rl-review-${number}`;
    const model = typeof body.model === "string" ? body.model : this.options.model;
    const promptTokens = this.options.tokenizer.encode(chatText(messages)).length;
    this.record(number, "/v1/chat/completions", { messages, tools: tools.length || void 0 }, sampling, generations);
    const usage = usageOf(promptTokens, generations);
    if (body.stream === true) {
      const includeUsage = body.stream_options?.include_usage === true;
      return this.streamChat(response, id, model, generations, sampling, includeUsage ? usage : void 0);
    }
    const completion = {
      id,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1e3),
      model,
      choices: generations.map((generation, index) => ({
        index,
        message: {
          role: "assistant",
          content: generation.toolCall ? null : generation.text,
          refusal: null,
          ...generation.toolCall ? { tool_calls: [{ id: `call_${id}_${index}`, type: "function", function: generation.toolCall }] } : {}
        },
        logprobs: sampling.logprobs ? { content: this.chatLogprobs(generation.ids, sampling.topLogprobs), refusal: null } : null,
        finish_reason: generation.finishReason
      })),
      usage
    };
    json(response, 200, completion);
  }
  streamChat(response, id, model, generations, sampling, usage) {
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    const created = Math.floor(Date.now() / 1e3);
    const send = (chunk2) => response.write(`data: ${typeof chunk2 === "string" ? chunk2 : JSON.stringify(chunk2)}

`);
    const chunk = (choices, extra = {}) => ({
      id,
      object: "chat.completion.chunk",
      created,
      model,
      choices,
      ...extra
    });
    generations.forEach((generation, index) => {
      send(chunk([{ index, delta: { role: "assistant", content: "" }, finish_reason: null }]));
      if (generation.toolCall) {
        send(chunk([{ index, delta: { tool_calls: [{ index: 0, id: `call_${id}_${index}`, type: "function", function: generation.toolCall }] }, finish_reason: null }]));
      } else {
        for (let at = 0; at < generation.ids.length; at += 4) {
          const ids = generation.ids.slice(at, at + 4);
          const logprobs = sampling.logprobs ? { content: this.chatLogprobs(ids, sampling.topLogprobs), refusal: null } : null;
          send(chunk([{ index, delta: { content: this.options.tokenizer.decode(ids) }, logprobs, finish_reason: null }]));
        }
      }
      send(chunk([{ index, delta: {}, finish_reason: generation.finishReason }]));
    });
    if (usage) send(chunk([], { usage }));
    send("[DONE]");
    response.end();
  }
  completions(body, response) {
    const sampling = samplingOf(body);
    const prompts = promptsOf(body.prompt, this.options.tokenizer);
    const logprobs = typeof body.logprobs === "number" ? body.logprobs : null;
    const echo = body.echo === true;
    const generations = prompts.flatMap(() => Array.from({ length: sampling.n }, () => this.generate({ ...sampling, logprobs: logprobs !== null }, "search", false)));
    const number = ++this.requests;
    this.record(number, "/v1/completions", { prompts: prompts.map((p) => p.text) }, sampling, generations);
    const completion = {
      id: `cmpl-rl-review-${number}`,
      object: "text_completion",
      created: Math.floor(Date.now() / 1e3),
      model: typeof body.model === "string" ? body.model : this.options.model,
      choices: generations.map((generation, index) => {
        const prompt = prompts[Math.floor(index / sampling.n)];
        const ids = echo ? [...prompt.ids, ...generation.ids] : generation.ids;
        return {
          index,
          text: echo ? prompt.text + generation.text : generation.text,
          logprobs: logprobs === null ? null : this.textLogprobs(ids, logprobs),
          finish_reason: generation.finishReason === "tool_calls" ? "stop" : generation.finishReason
        };
      }),
      usage: usageOf(prompts.reduce((sum, p) => sum + p.ids.length, 0), generations)
    };
    json(response, 200, completion);
  }
  /** The next case, cut at `max_tokens` (finish `length`), at a stop string or a stop id (finish `stop`). */
  generate(sampling, toolName, parseToolCalls) {
    const { tokenizer } = this.options;
    const answer = caseAnswer(this.sequence.take(), { answer: this.options.answer, toolName });
    if (answer.toolCall && parseToolCalls) {
      return { kind: answer.kind, text: answer.text, ids: tokenizer.encode(answer.text), finishReason: "tool_calls", toolCall: answer.toolCall };
    }
    let text = answer.unbounded ? answer.text.repeat(Math.ceil(sampling.maxTokens * 4 / Math.max(1, answer.text.length)) + 1) : answer.text;
    let finishReason = "stop";
    const stopAt = firstStop(text, sampling.stop);
    if (stopAt) text = text.slice(0, stopAt.index + (sampling.includeStopStr ? stopAt.stop.length : 0));
    let ids = tokenizer.encode(text);
    const stopId = ids.findIndex((id) => sampling.stopTokenIds.includes(id));
    if (stopId >= 0) ids = ids.slice(0, stopId + (sampling.includeStopStr ? 1 : 0));
    if (ids.length > sampling.maxTokens) {
      ids = ids.slice(0, sampling.maxTokens);
      finishReason = "length";
    }
    text = tokenizer.decode(ids);
    if (sampling.skipSpecialTokens) for (const token of tokenizer.specialTokens) text = text.split(token).join("");
    return { kind: answer.kind, text, ids, finishReason };
  }
  chatLogprobs(ids, top) {
    return ids.map((id) => {
      const token = this.options.tokenizer.tokenText(id);
      const entry = { token, logprob: TOKEN_LOGPROB, bytes: [...Buffer.from(token, "utf8")] };
      return { ...entry, top_logprobs: top > 0 ? [entry] : [] };
    });
  }
  textLogprobs(ids, top) {
    const tokens = ids.map((id) => this.options.tokenizer.tokenText(id));
    const offsets = [];
    tokens.reduce((at, token) => (offsets.push(at), at + token.length), 0);
    return {
      tokens,
      token_logprobs: tokens.map(() => TOKEN_LOGPROB),
      top_logprobs: tokens.map((token) => top > 0 ? { [token]: TOKEN_LOGPROB } : {}),
      text_offset: offsets
    };
  }
  record(number, endpoint, input, sampling, generations) {
    if (!this.options.recording) return;
    const line = {
      request: number,
      time: (/* @__PURE__ */ new Date()).toISOString(),
      endpoint,
      ...input,
      sampling: {
        n: sampling.n,
        max_tokens: sampling.maxTokens,
        temperature: sampling.temperature,
        top_p: sampling.topP,
        seed: sampling.seed,
        stop: sampling.stop,
        stop_token_ids: sampling.stopTokenIds,
        skip_special_tokens: sampling.skipSpecialTokens
      },
      answers: generations.map((g) => ({ case: g.kind, text: g.text, finish_reason: g.finishReason, tool_call: g.toolCall }))
    };
    appendFileSync(this.options.recording, JSON.stringify(line) + "\n");
  }
};
function json(response, status, body) {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  response.end(text);
}
async function readJson(request) {
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new RequestError(413, `the request body is over ${MAX_BODY_BYTES / 1024 / 1024} MiB`);
    chunks.push(chunk);
  }
  let body;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
  } catch (error) {
    throw new RequestError(400, `the body is not JSON: ${error.message}`);
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new RequestError(400, "the body must be a JSON object");
  return body;
}
function messagesOf(body) {
  const { messages } = body;
  if (!Array.isArray(messages) || !messages.length) throw new RequestError(400, "messages must be a non-empty array", "messages");
  return messages.map((message, index) => {
    if (!message || typeof message.role !== "string") throw new RequestError(400, `messages[${index}].role must be a string`, `messages[${index}].role`);
    const { content } = message;
    const text = typeof content === "string" ? content : Array.isArray(content) ? content.map((part) => typeof part?.text === "string" ? part.text : "").join("") : "";
    return { role: message.role, content: text };
  });
}
function chatText(messages) {
  return messages.map((m) => `<|im_start|>${m.role}
${m.content}<|im_end|>
`).join("") + "<|im_start|>assistant\n";
}
function promptsOf(prompt, tokenizer) {
  const one = (value, param) => {
    if (typeof value === "string") return { text: value, ids: tokenizer.encode(value) };
    const ids = tokenIds(value, param);
    return { text: tokenizer.decode(ids), ids };
  };
  if (typeof prompt === "string") return [one(prompt, "prompt")];
  if (Array.isArray(prompt) && prompt.length && prompt.every((p) => typeof p === "number")) return [one(prompt, "prompt")];
  if (Array.isArray(prompt) && prompt.length) return prompt.map((p, index) => one(p, `prompt[${index}]`));
  throw new RequestError(400, "prompt must be a string, token ids, or a list of either", "prompt");
}
function tokenIds(value, param) {
  if (!Array.isArray(value) || !value.every((id) => Number.isInteger(id) && id >= 0)) throw new RequestError(400, `${param} must be a list of token ids`, param);
  return value;
}
function samplingOf(body) {
  const integer = (key, fallback, min, max) => {
    const value = body[key];
    if (value === void 0 || value === null) return fallback;
    if (!Number.isInteger(value) || value < min || value > max) throw new RequestError(400, `${key} must be an integer from ${min} to ${max}`, key);
    return value;
  };
  const number = (key) => {
    const value = body[key];
    if (value === void 0 || value === null) return void 0;
    if (typeof value !== "number" || !Number.isFinite(value)) throw new RequestError(400, `${key} must be a number`, key);
    return value;
  };
  const stop = body.stop === void 0 || body.stop === null ? [] : Array.isArray(body.stop) ? body.stop : [body.stop];
  if (!stop.every((s) => typeof s === "string")) throw new RequestError(400, "stop must be a string or a list of strings", "stop");
  const stopTokenIds = body.stop_token_ids === void 0 || body.stop_token_ids === null ? [] : tokenIds(body.stop_token_ids, "stop_token_ids");
  const maxTokens = body.max_completion_tokens !== void 0 && body.max_completion_tokens !== null ? integer("max_completion_tokens", DEFAULT_MAX_TOKENS, 1, 1e6) : integer("max_tokens", DEFAULT_MAX_TOKENS, 1, 1e6);
  return {
    n: integer("n", 1, 1, 128),
    maxTokens,
    stop,
    stopTokenIds,
    temperature: number("temperature"),
    topP: number("top_p"),
    seed: number("seed"),
    logprobs: body.logprobs === true,
    topLogprobs: integer("top_logprobs", 0, 0, 20),
    skipSpecialTokens: body.skip_special_tokens !== false,
    includeStopStr: body.include_stop_str_in_output === true
  };
}
function firstStop(text, stops) {
  let first;
  for (const stop of stops) {
    const index = stop ? text.indexOf(stop) : -1;
    if (index >= 0 && (!first || index < first.index)) first = { index, stop };
  }
  return first;
}
function usageOf(promptTokens, generations) {
  const completionTokens = generations.reduce((sum, g) => sum + g.ids.length, 0);
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
}

// src/policy/tokens.ts
import { readFileSync } from "node:fs";
import { join } from "node:path";
var PolicyModelError = class extends Error {
};
function loadPolicyTokenizer(modelDir) {
  if (!modelDir) return byteTokenizer();
  const read = (name) => {
    const path = join(modelDir, name);
    try {
      return JSON.parse(readFileSync(path, "utf8"));
    } catch (error) {
      throw new PolicyModelError(`${path}: ${error.code ?? error.message}`);
    }
  };
  const json2 = read("tokenizer.json");
  let config = {};
  try {
    config = read("tokenizer_config.json");
  } catch {
  }
  const tokenizer = new Tokenizer_default(json2, config);
  return {
    source: `tokenizer.json of ${modelDir}`,
    encode: (text) => tokenizer.encode(text, { add_special_tokens: false }).ids,
    decode: (ids) => ids.length ? tokenizer.decode([...ids], { skip_special_tokens: false }) : "",
    tokenText: (id) => tokenizer.decode([id], { skip_special_tokens: false }),
    specialTokens: (json2.added_tokens ?? []).filter((token) => token.special !== false).map((token) => token.content)
  };
}
function byteTokenizer() {
  const decoder = new TextDecoder();
  return {
    source: "byte-level fallback (no model directory: one id per UTF-8 byte)",
    encode: (text) => [...Buffer.from(text, "utf8")],
    decode: (ids) => decoder.decode(Uint8Array.from(ids.filter((id) => id >= 0 && id < 256))),
    tokenText: (id) => id >= 0 && id < 256 ? Buffer.from([id]).toString("latin1") : "",
    specialTokens: []
  };
}

// src/policy/command.ts
var POLICY_USAGE = `Usage:
  rl-review policy serve [options]   serve a scripted policy on an OpenAI-compatible endpoint (127.0.0.1), for
                                     rollout code to call instead of a model: no GPU, seconds per run

Options:
  --port N            the port (default: a free one); the base URL is printed on stdout
  --policy NAME|FILE  adversarial (default: every case in a seeded order), correct (the correct answer only), or a
                      YAML file: {cases: [correct, empty, malformed-tool-call-json, ...], seed: 0, answer: "..."}
  --model DIR         a model directory with tokenizer.json: real token ids, logprobs and /tokenize
                      (default: one id per UTF-8 byte)
  --answer TEXT       a correct answer in the dataset's format (default: "The answer is 42.")
  --seed N            the order of the cases (default: 0)
  --record FILE       write every request and the case that answered it to FILE (JSONL)

Cases: ${CASE_KINDS.join(", ")}.
`;
var DEFAULT_ANSWER = "The answer is 42.";
var policyFileSchema = external_exports.strictObject({
  cases: external_exports.array(external_exports.enum(CASE_KINDS)).min(1),
  seed: external_exports.number().int().optional(),
  answer: external_exports.string().optional()
});
async function runPolicy(args) {
  const [sub, ...rest] = args;
  if (sub === void 0 || sub === "-h" || sub === "--help" || sub === "help") {
    process.stdout.write(POLICY_USAGE);
    return sub === void 0 ? 2 : 0;
  }
  if (sub !== "serve") throw new UsageError(`unknown policy command '${sub}': policy serve`);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      port: { type: "string" },
      policy: { type: "string", default: "adversarial" },
      model: { type: "string" },
      answer: { type: "string" },
      seed: { type: "string" },
      record: { type: "string" }
    }
  });
  if (positionals.length) throw new UsageError(`policy serve takes no arguments (got '${positionals[0]}')`);
  const policy = policyOf(values.policy);
  let tokenizer;
  try {
    tokenizer = loadPolicyTokenizer(values.model);
  } catch (error) {
    if (error instanceof PolicyModelError) throw new UsageError(`--model ${error.message}`);
    throw error;
  }
  const server = await PolicyServer.start({
    mix: policy.cases,
    seed: integerOption(values.seed, "--seed") ?? policy.seed ?? 0,
    answer: values.answer ?? policy.answer ?? DEFAULT_ANSWER,
    model: "rl-review-policy",
    tokenizer,
    recording: values.record,
    port: integerOption(values.port, "--port")
  });
  process.stdout.write(`${server.baseUrl}
`);
  process.stderr.write(`rl-review: policy server on ${server.baseUrl} (tokens: ${tokenizer.source})
`);
  await new Promise((resolve4) => {
    for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => resolve4());
  });
  await server.close();
  return 0;
}
function policyOf(value) {
  if (value === "adversarial") return { cases: ADVERSARIAL_MIX };
  if (value === "correct") return { cases: ["correct"] };
  let raw;
  try {
    raw = (0, import_yaml.parse)(readFileSync2(value, "utf8"));
  } catch (error) {
    throw new UsageError(`--policy ${value}: not adversarial, correct or a readable YAML file (${error.code ?? error.message})`);
  }
  const parsed = policyFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`--policy ${value}: '${issue.path.join(".") || "the file"}': ${issue.message}`);
  }
  return parsed.data;
}
function integerOption(value, flag) {
  if (value === void 0) return void 0;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535 * 65536) throw new UsageError(`${flag} must be a whole number (got '${value}')`);
  return parsed;
}

// src/probes/command.ts
import { readFileSync as readFileSync3 } from "node:fs";
import { parseArgs as parseArgs2 } from "node:util";
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
  const { values, positionals } = parseArgs2({
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
  const { values, positionals } = parseArgs2({
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
    raw = JSON.parse(readFileSync3(file, "utf8"));
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

// src/review/directory.ts
import { existsSync } from "node:fs";
import { basename, dirname as dirname2, join as join2, resolve as resolve3 } from "node:path";
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
  const own = DEFAULT_CONFIG_PATHS.map((path) => join2(options.dir, path)).find((path) => existsSync(resolve3(options.cwd, path)));
  const config = loadConfig(options.configPath ?? own, options.cwd);
  const file = config.file && resolve3(options.cwd, config.file);
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
var OPTIONS = { ...REPORT_OPTIONS, config: { type: "string" } };
var progressFor = (options) => process.stderr.isTTY && options.format === "text" && !options.output ? progress : void 0;
async function runReview(args) {
  const { values, positionals } = parseArgs3({ args, allowPositionals: true, options: OPTIONS });
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
  const { values, positionals } = parseArgs3({
    args,
    allowPositionals: true,
    options: { ...OPTIONS, "changed-lines": { type: "string" }, shard: { type: "string" }, ...FIX_OPTIONS }
  });
  const options = reportOptions(values);
  const fixing = fixOptions(values);
  const shard = values.shard === void 0 ? void 0 : shardOption(values.shard);
  const cwd = process.cwd();
  const config = loadConfig(values.config, cwd);
  let changedLines;
  if (values["changed-lines"]) {
    try {
      changedLines = parseUnifiedDiff(readFileSync4(values["changed-lines"], "utf8"));
    } catch (error) {
      const { code, message } = error;
      throw new UsageError(`--changed-lines ${values["changed-lines"]}: ${code ? `cannot read it (${code})` : message}`);
    }
  }
  const scanOptions = { paths: positionals.length ? positionals : ["."], cwd, config, changedLines, shard, onProgress: progressFor(options) };
  const result = await scan(scanOptions);
  if (fixing) return await runFixes(result, scanOptions, options, fixing);
  writeReport(result, options);
  return failsAt(result.findings, options.failOn) ? 1 : 0;
}
function shardOption(text) {
  try {
    return parseShard(text);
  } catch (error) {
    throw new UsageError(`--shard ${error.message}`);
  }
}
function runMerge(args) {
  const { values, positionals } = parseArgs3({ args, allowPositionals: true, options: REPORT_OPTIONS });
  const options = reportOptions(values);
  if (!positionals.length) throw new UsageError("merge takes the JSON reports to merge (rl-review scan --shard i/n --format json)");
  const { report } = mergeReportFiles(positionals);
  writeReport(report, options);
  return failsAt(report.findings, options.failOn) ? 1 : 0;
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
      case "merge":
        return runMerge(rest);
      case "lsp": {
        const extra = rest.filter((arg) => arg !== "--stdio");
        if (extra.length) throw new UsageError(`lsp takes no arguments but --stdio (got ${extra.join(" ")})`);
        const { startLanguageServer } = await import("./chunks/server-Q2Q2TD73.js");
        startLanguageServer();
        return await new Promise(() => {
        });
      }
      case "rollout":
        return await rolloutMain(rest);
      case "probe":
        return await runProbe(rest);
      case "policy":
        return await runPolicy(rest);
      default:
        if (command === void 0 || command.startsWith("-") || existsSync2(command)) return await runScan(argv);
        throw new UsageError(`unknown command or path '${command}'`);
    }
  } catch (error) {
    if (error instanceof ReportFileError) {
      process.stderr.write(`rl-review: ${error.message}
`);
      return 2;
    }
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

#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);
import {
  fixScan,
  isSafeFix
} from "./chunks/chunk-2JPZBNQU.js";
import {
  parseUnifiedDiff
} from "./chunks/chunk-E2JPH4ZZ.js";
import {
  ConfigError,
  loadConfig
} from "./chunks/chunk-NCYQSYLI.js";
import "./chunks/chunk-XTT4MZ2P.js";
import {
  scan
} from "./chunks/chunk-M2V3OQCK.js";
import "./chunks/chunk-RKUACE6G.js";
import "./chunks/chunk-3GU5BAI5.js";
import {
  REPORT_OPTIONS,
  UsageError,
  reportOptions,
  writeOutput,
  writeReport
} from "./chunks/chunk-QS3CJJVH.js";
import {
  VERSION
} from "./chunks/chunk-7ERNPP63.js";
import "./chunks/chunk-3V2J5QG7.js";
import "./chunks/chunk-IE3FM37B.js";
import {
  parseShard
} from "./chunks/chunk-XPX7JKDB.js";
import "./chunks/chunk-W5J2XSN6.js";
import "./chunks/chunk-QP45USWT.js";
import "./chunks/chunk-LF7CJ6ZR.js";
import {
  plural
} from "./chunks/chunk-CZEIGTUX.js";
import "./chunks/chunk-J7F4CCJJ.js";
import {
  failsAt,
  ruleLabel
} from "./chunks/chunk-NEICRMA7.js";
import "./chunks/chunk-2ZMPP5RW.js";

// src/cli.ts
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

// src/fix-command.ts
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";

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
  for (const file of outcome.files) writeFileSync(resolve(cwd, file.path), (file.bom ? "\uFEFF" : "") + file.after);
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
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: OPTIONS });
  const options = reportOptions(values);
  if (positionals.length > 1) throw new UsageError(`review takes one directory (got ${positionals.join(", ")})`);
  const dir = positionals[0] ?? ".";
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`review: '${dir}' is not a directory`);
  const [{ reviewDirectory }, { reviewFails }] = await Promise.all([import("./chunks/directory-HDDCBX3Y.js"), import("./chunks/verdict-BOOLTZAW.js")]);
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
  const { values, positionals } = parseArgs({
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
      changedLines = parseUnifiedDiff(readFileSync(values["changed-lines"], "utf8"));
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
async function runMerge(args) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: REPORT_OPTIONS });
  const options = reportOptions(values);
  if (!positionals.length) throw new UsageError("merge takes the JSON reports to merge (rl-review scan --shard i/n --format json)");
  const { mergeReportFiles, ReportFileError } = await import("./chunks/merge-EZKYRR2V.js");
  let report;
  try {
    ({ report } = mergeReportFiles(positionals));
  } catch (error) {
    if (!(error instanceof ReportFileError)) throw error;
    process.stderr.write(`rl-review: ${error.message}
`);
    return 2;
  }
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
        return await runMerge(rest);
      case "lsp": {
        const extra = rest.filter((arg) => arg !== "--stdio");
        if (extra.length) throw new UsageError(`lsp takes no arguments but --stdio (got ${extra.join(" ")})`);
        const { startLanguageServer } = await import("./chunks/server-76ZRDV64.js");
        startLanguageServer();
        return await new Promise(() => {
        });
      }
      // Each command loads its own modules: `scan` starts its workers sooner for not loading the others'.
      case "rollout":
        return await (await import("./chunks/command-AN6ROVM7.js")).rolloutMain(rest);
      case "probe":
        return await (await import("./chunks/command-TMXCZNF4.js")).runProbe(rest);
      case "policy":
        return await (await import("./chunks/command-FDNXCX63.js")).runPolicy(rest);
      default:
        if (command === void 0 || command.startsWith("-") || existsSync(command)) return await runScan(argv);
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

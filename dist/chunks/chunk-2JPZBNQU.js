import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);
import {
  AnalysisPool,
  analyzeTask
} from "./chunk-M2V3OQCK.js";
import {
  decodeSource,
  firstSyntaxError,
  parsePython,
  parseTypeScript,
  releaseTypeScript,
  ruleByCode,
  typeScriptSyntaxErrors
} from "./chunk-3V2J5QG7.js";
import {
  MAX_FILE_BYTES,
  languageOf,
  readRegularFile
} from "./chunk-XPX7JKDB.js";

// src/analysis/fixer.ts
import { resolve } from "node:path";
function isSafeFix(finding) {
  return ruleByCode(finding.ruleId)?.meta.fix === "safe";
}
function applicable(findings, unsafe) {
  return findings.filter((f) => f.fix !== void 0 && (unsafe || isSafeFix(f)));
}
function applyFixes(source, findings) {
  const lines = source.split("\n");
  const sorted = [...findings].sort((a, b) => a.fix.line - b.fix.line || a.fix.endLine - b.fix.endLine || a.ruleId.localeCompare(b.ruleId) || a.column - b.column);
  const applied = [];
  let lastLine = 0;
  for (const finding of sorted) {
    const { line, endLine, replacement } = finding.fix;
    if (line <= lastLine || line < 1 || endLine < line || endLine > lines.length) continue;
    if (lines.slice(line - 1, endLine).join("\n") === replacement) continue;
    applied.push(finding);
    lastLine = endLine;
  }
  for (const { fix } of [...applied].reverse()) lines.splice(fix.line - 1, fix.endLine - fix.line + 1, ...fix.replacement.split("\n"));
  return { text: lines.join("\n"), applied };
}
var MAX_PASSES = 10;
async function fixSource(path, source, language, findings, options) {
  const fixes = { path, before: source, after: source, fixed: [] };
  const parses = !await hasSyntaxError(path, source, language);
  let candidates = applicable(findings, options.unsafe);
  for (let pass = 0; candidates.length; pass++) {
    if (pass === MAX_PASSES) {
      return { fixes, notice: { path, message: `fixes still applied after ${MAX_PASSES} passes (they undo one another?): stopped; ${candidates.length} left` } };
    }
    const { text, applied } = applyFixes(fixes.after, candidates);
    if (!applied.length) break;
    if (parses && await hasSyntaxError(path, text, language)) {
      const rules = [...new Set(applied.map((f) => f.ruleId))].join(", ");
      return { fixes, notice: { path, message: `the fixes of ${rules} were not applied: they would leave a syntax error (please report it)` } };
    }
    fixes.after = text;
    fixes.fixed.push(...applied);
    try {
      candidates = applicable((await analyzeTask({ path, source: text, language }, options.severities, options.pool)).findings, options.unsafe);
    } catch (error) {
      return { fixes, notice: { path, message: `fixing stopped after ${pass + 1} passes: the analysis of the fixed text failed (${error.message})` } };
    }
  }
  return { fixes };
}
async function hasSyntaxError(path, source, language) {
  if (language === "python") {
    const file2 = await parsePython(path, source);
    try {
      return firstSyntaxError(file2.root) !== void 0;
    } finally {
      file2.tree.delete();
    }
  }
  const file = await parseTypeScript(path, source);
  try {
    return typeScriptSyntaxErrors(file).length > 0;
  } finally {
    releaseTypeScript(file);
  }
}
async function fixScan(scan, options) {
  const byPath = /* @__PURE__ */ new Map();
  for (const finding of applicable(scan.findings, options.unsafe)) byPath.set(finding.path, [...byPath.get(finding.path) ?? [], finding]);
  const files = [];
  const notices = [];
  const pool = AnalysisPool.start(byPath.size, options.severities);
  try {
    for (const [path, findings] of byPath) {
      const fixed = await fixFile(path, findings, { ...options, pool });
      if (fixed.notice) notices.push(fixed.notice);
      if (fixed.file) files.push(fixed.file);
    }
  } finally {
    await pool?.close();
  }
  return { files, notices };
}
async function fixFile(path, findings, options) {
  const language = languageOf(path);
  if (!language) return {};
  let bytes;
  try {
    bytes = readRegularFile(resolve(options.cwd, path), MAX_FILE_BYTES);
  } catch (error) {
    return { notice: { path, message: `not fixed: ${error.message}` } };
  }
  const bom = bytes[0] === 239 && bytes[1] === 187 && bytes[2] === 191;
  const { text } = decodeSource(bytes, language);
  if (!Buffer.from(text, "utf8").equals(bom ? bytes.subarray(3) : bytes)) {
    return { notice: { path, message: "not fixed: not a UTF-8 file, and rl-review writes UTF-8 only" } };
  }
  const { fixes, notice } = await fixSource(path, text, language, findings, options);
  return { ...fixes.after !== fixes.before ? { file: { ...fixes, bom } } : {}, ...notice ? { notice } : {} };
}

export {
  isSafeFix,
  fixScan
};

import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);
import {
  external_exports
} from "./chunk-IE3FM37B.js";
import {
  readRegularFile
} from "./chunk-XPX7JKDB.js";
import {
  SEVERITIES,
  compareFindings
} from "./chunk-NEICRMA7.js";

// src/report/merge.ts
import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
var MAX_REPORT_BYTES = 256 * 1024 * 1024;
var range = { line: external_exports.number().int(), column: external_exports.number().int(), endLine: external_exports.number().int(), endColumn: external_exports.number().int() };
var jsonReportSchema = external_exports.object({
  version: external_exports.literal(1),
  findings: external_exports.array(external_exports.object({
    ruleId: external_exports.string(),
    name: external_exports.string(),
    severity: external_exports.enum(SEVERITIES),
    path: external_exports.string(),
    ...range,
    message: external_exports.string(),
    fix: external_exports.object({ description: external_exports.string(), line: external_exports.number().int(), endLine: external_exports.number().int(), replacement: external_exports.string() }).optional(),
    fingerprint: external_exports.string()
  })),
  notices: external_exports.array(external_exports.object({ path: external_exports.string(), line: external_exports.number().int().optional(), message: external_exports.string() })),
  stats: external_exports.object({ files: external_exports.number(), parsed: external_exports.number(), skipped: external_exports.number(), durationMs: external_exports.number() }).optional(),
  probes: external_exports.array(external_exports.object({ probe: external_exports.enum(["template", "reward"]), target: external_exports.string(), checks: external_exports.array(external_exports.any()) }).passthrough()).optional(),
  rollout: external_exports.unknown().optional()
});
var ReportFileError = class extends Error {
};
function mergeReportFiles(paths, cwd = process.cwd()) {
  const files = paths.flatMap((path) => isDirectory(resolve(cwd, path)) ? jsonFilesUnder(path, cwd) : [path]);
  if (!files.length) throw new ReportFileError(`no JSON report in ${paths.join(", ")}`);
  const reports = files.map((file) => readReport(file, cwd));
  return { report: mergeReports(reports), files };
}
function readReport(file, cwd) {
  let text;
  try {
    text = readRegularFile(resolve(cwd, file), MAX_REPORT_BYTES).toString("utf8");
  } catch (error) {
    throw new ReportFileError(`${file}: ${error.message}`);
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ReportFileError(`${file}: not JSON: ${error.message}`);
  }
  const parsed = jsonReportSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
    throw new ReportFileError(`${file}: not an rl-review JSON report (rl-review scan --format json): ${where}${issue.message}`);
  }
  const { findings, notices, stats, probes, rollout } = parsed.data;
  if (rollout) notices.push({ path: file, message: "the smoke rollout in this report is not merged: see the report itself" });
  return { findings, notices, stats, probes };
}
function isDirectory(path) {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
function jsonFilesUnder(dir, cwd) {
  return readdirSync(resolve(cwd, dir), { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return jsonFilesUnder(path, cwd);
    return entry.isFile() && entry.name.endsWith(".json") ? [path] : [];
  });
}
function mergeReports(reports) {
  const byFingerprint = /* @__PURE__ */ new Map();
  for (const report of reports) {
    const own = /* @__PURE__ */ new Map();
    for (const finding of report.findings) own.set(finding.fingerprint, [...own.get(finding.fingerprint) ?? [], finding]);
    for (const [fingerprint, findings] of own) {
      if (findings.length > (byFingerprint.get(fingerprint)?.length ?? 0)) byFingerprint.set(fingerprint, findings);
    }
  }
  const notices = /* @__PURE__ */ new Map();
  for (const notice of reports.flatMap((r) => r.notices)) notices.set(JSON.stringify([notice.path, notice.line, notice.message]), notice);
  const probes = /* @__PURE__ */ new Map();
  for (const probe of reports.flatMap((r) => r.probes ?? [])) if (!probes.has(`${probe.probe}\0${probe.target}`)) probes.set(`${probe.probe}\0${probe.target}`, probe);
  const stats = reports.flatMap((r) => r.stats ? [r.stats] : []);
  return {
    findings: [...byFingerprint.values()].flat().sort(compareFindings),
    notices: [...notices.values()].sort((a, b) => a.path.localeCompare(b.path) || (a.line ?? 0) - (b.line ?? 0)),
    ...stats.length ? {
      stats: {
        files: stats.reduce((sum, s) => sum + s.files, 0),
        parsed: stats.reduce((sum, s) => sum + s.parsed, 0),
        skipped: stats.reduce((sum, s) => sum + s.skipped, 0),
        durationMs: Math.max(...stats.map((s) => s.durationMs))
      }
    } : {},
    ...probes.size ? { probes: [...probes.values()] } : {}
  };
}

export {
  ReportFileError,
  mergeReportFiles,
  mergeReports
};

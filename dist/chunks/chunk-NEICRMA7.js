import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);

// src/findings.ts
import { createHash } from "node:crypto";
var SEVERITIES = ["error", "warning", "info"];
function severityRank(severity) {
  return SEVERITIES.indexOf(severity);
}
var NOT_ANALYZED = "not-analyzed";
function fingerprintOf(ruleId, path, code) {
  const normalized = code.replace(/\s+/g, " ").trim();
  return createHash("sha256").update(`${ruleId}\0${path}\0${normalized}`).digest("hex").slice(0, 16);
}
function ruleLabel(finding) {
  return finding.ruleId === finding.name ? finding.ruleId : `${finding.ruleId} ${finding.name}`;
}
function compareFindings(a, b) {
  return a.path.localeCompare(b.path) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);
}
function failsAt(findings, failOn) {
  if (failOn === "never") return false;
  return findings.some((f) => severityRank(f.severity) <= severityRank(failOn));
}

export {
  SEVERITIES,
  severityRank,
  NOT_ANALYZED,
  fingerprintOf,
  ruleLabel,
  compareFindings,
  failsAt
};

import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);
import {
  VERSION
} from "./chunk-7ERNPP63.js";
import {
  RULES,
  decodeSource
} from "./chunk-3V2J5QG7.js";
import {
  languageOf,
  readRegularFile
} from "./chunk-XPX7JKDB.js";
import {
  checkValue,
  formatMarkdown,
  metricDeltas,
  policyText,
  sourcesText,
  thresholdText
} from "./chunk-QP45USWT.js";
import {
  projectUrl,
  ruleDocUrl
} from "./chunk-LF7CJ6ZR.js";
import {
  plural
} from "./chunk-CZEIGTUX.js";
import {
  NOT_ANALYZED,
  SEVERITIES,
  ruleLabel
} from "./chunk-NEICRMA7.js";

// src/report/rollout-json.ts
function formatRolloutJson(report) {
  return JSON.stringify({ version: 1, ...rolloutJson(report) }, null, 2) + "\n";
}
function rolloutJson(report) {
  const checks = report.checks.map(({ id, status, count, total, threshold, message, examples }) => ({ id, status, count, total, threshold, message, examples }));
  const distributions = report.distributions.map(({ title, percentiles }) => ({ title, percentiles }));
  return { trajectories: report.trajectories, skipped: report.skipped, files: report.files, checks, metrics: report.metrics, distributions };
}

// src/report/rollout-text.ts
import { styleText } from "node:util";
var STATUS_STYLE = { fail: "red", warn: "yellow", pass: "green", unknown: "dim" };
var EXCERPT_CHARS = 160;
function formatRolloutText(report, options) {
  const paint = (style, text) => options.color ? styleText(style, text) : text;
  const out = [];
  out.push(paint("bold", `Smoke rollout: ${plural(report.trajectories, "trajectory", "trajectories")} ${sourcesText(report)}, ${report.skipped} skipped`));
  if (report.policy) out.push(policyText(report.policy));
  if (report.failure) out.push(paint("red", `FAILED: ${report.failure}`));
  if (report.failure && report.command?.outputTail) {
    out.push(paint("dim", "last lines of its output:"), ...report.command.outputTail.trimEnd().split("\n").slice(-15).map((l) => paint("dim", `  | ${l}`)));
  }
  out.push("");
  const idWidth = Math.max(0, ...report.checks.map((c) => c.id.length));
  for (const check of report.checks) {
    const status = paint(STATUS_STYLE[check.status], check.status.toUpperCase().padEnd(7));
    out.push(`${status} ${check.id.padEnd(idWidth)}  ${checkValue(check).padEnd(18)} ${thresholdText(check).padEnd(7)} ${check.message}`);
    if (check.status !== "fail" && check.status !== "warn") continue;
    for (const example of check.examples) {
      out.push(`        ${paint("underline", example.source)}: ${example.detail}`);
      out.push(paint("dim", `          ${oneLine(example.excerpt)}`));
    }
  }
  if (report.baseline) {
    const changed = metricDeltas(report).filter((d) => d.change);
    out.push("", paint("bold", changed.length ? "Changes from the baseline:" : "No metric changed from the baseline."));
    for (const d of changed) out.push(`  ${d.name}: ${d.baseline} \u2192 ${d.current} (${d.change})`);
  }
  if (report.notices.length) out.push("");
  for (const n of report.notices) out.push(paint("dim", `notice: ${n.path}: ${n.message}`));
  return out.join("\n") + "\n";
}
function oneLine(text) {
  const flat = JSON.stringify(text).slice(1, -1);
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS)}\u2026` : flat;
}

// src/command-line.ts
import { statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

// src/report/render.ts
import { resolve } from "node:path";

// src/report/github.ts
var COMMAND = { error: "error", warning: "warning", info: "notice" };
var escapeData = (s) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
var escapeProperty = (s) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
function workflowCommand(finding) {
  const properties = [
    `file=${escapeProperty(finding.path)}`,
    `line=${finding.line}`,
    `endLine=${finding.endLine}`,
    ...finding.line === finding.endLine ? [`col=${finding.column}`, `endColumn=${finding.endColumn}`] : [],
    `title=${escapeProperty(ruleLabel(finding))}`
  ];
  return `::${COMMAND[finding.severity]} ${properties.join(",")}::${escapeData(finding.message)}`;
}
function rolloutCommands(rollout) {
  if (rollout.failure) return [`::error title=rl-review smoke rollout::${escapeData(rollout.failure)}`];
  return rollout.checks.filter((check) => check.status === "fail" || check.status === "warn").map((check) => `::${check.status === "fail" ? "error" : "warning"} title=${escapeProperty(`smoke rollout ${check.id}`)}::${escapeData(check.message)}`);
}
function formatGithub(report) {
  const lines = [...report.findings.map(workflowCommand), ...report.rollout ? rolloutCommands(report.rollout) : []];
  for (const notice of report.notices) {
    const line = notice.line ? `,line=${notice.line}` : "";
    lines.push(`::notice file=${escapeProperty(notice.path)}${line},title=rl-review::${escapeData(notice.message)}`);
  }
  return lines.length ? lines.join("\n") + "\n" : "";
}

// src/report/json.ts
function formatJson(report) {
  const { findings, notices, stats, probes, rollout } = report;
  const smoke = rollout && { ...rolloutJson(rollout), failure: rollout.failure, notices: rollout.notices };
  return JSON.stringify({ version: 1, findings, notices, stats, probes, rollout: smoke }, null, 2) + "\n";
}

// src/report/sarif.ts
var LEVEL = { error: "error", warning: "warning", info: "note" };
function ruleDescriptor(id, name, summary, severity) {
  return {
    id,
    name,
    shortDescription: { text: summary },
    helpUri: ruleDocUrl(name),
    defaultConfiguration: { level: LEVEL[severity] }
  };
}
function buildSarif(report) {
  const descriptors = RULES.map((r) => ruleDescriptor(r.meta.code, r.meta.name, r.meta.summary, r.meta.severity));
  const index = new Map(descriptors.map((d, i) => [d.id, i]));
  for (const f of report.findings) {
    if (!index.has(f.ruleId)) {
      index.set(f.ruleId, descriptors.length);
      descriptors.push(ruleDescriptor(f.ruleId, f.name, f.message.split("\n")[0], f.severity));
    }
  }
  const results = report.findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: encodeURI(f.path), uriBaseId: "%SRCROOT%" },
        region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn }
      }
    }],
    partialFingerprints: { "rlReview/v1": f.fingerprint },
    ...f.fix ? {
      fixes: [{
        description: { text: f.fix.description },
        artifactChanges: [{
          artifactLocation: { uri: encodeURI(f.path), uriBaseId: "%SRCROOT%" },
          replacements: [{
            deletedRegion: { startLine: f.fix.line, endLine: f.fix.endLine },
            insertedContent: { text: f.fix.replacement + "\n" }
          }]
        }]
      }]
    } : {}
  }));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{
      tool: {
        driver: {
          name: "rl-review",
          version: VERSION,
          informationUri: projectUrl(),
          rules: descriptors
        }
      },
      invocations: [{
        executionSuccessful: true,
        toolExecutionNotifications: report.notices.map((n) => ({
          level: "note",
          message: { text: n.message },
          locations: [{
            physicalLocation: {
              artifactLocation: { uri: encodeURI(n.path), uriBaseId: "%SRCROOT%" },
              ...n.line ? { region: { startLine: n.line } } : {}
            }
          }]
        }))
      }],
      results
    }]
  };
}
function formatSarif(report) {
  return JSON.stringify(buildSarif(report), null, 2) + "\n";
}

// src/report/text.ts
import { styleText as styleText3 } from "node:util";

// src/report/probes-text.ts
import { styleText as styleText2 } from "node:util";
var STATUS_STYLE2 = { pass: "green", fail: "red", note: "blue", skip: "dim" };
var HEADS = {
  template: { title: "Chat template", columns: ["check", "expected", "got"] },
  reward: { title: "Reward function", columns: ["case", "expected", "paid"] }
};
function formatProbesText(probes, options) {
  const paint = (style, text) => options.color ? styleText2(style, text) : text;
  const out = [];
  for (const probe of probes) {
    const { title, columns } = HEADS[probe.probe];
    const titleWidth = Math.max(columns[0].length, ...probe.checks.map((c) => c.title.length));
    const expectedWidth = Math.max(columns[1].length, ...probe.checks.map((c) => c.expected.length));
    out.push(paint("bold", `${title} ${probe.target}`));
    out.push(paint("dim", `  ${"verdict".padEnd(8)}${columns[0].padEnd(titleWidth)}  ${columns[1].padEnd(expectedWidth)}  ${columns[2]}`));
    for (const check of probe.checks) {
      const verdict = paint(STATUS_STYLE2[check.status], check.status.toUpperCase().padEnd(8));
      const detail = check.status === "skip" ? paint("dim", check.message) : `${check.expected.padEnd(expectedWidth)}  ${check.actual}`;
      out.push(`  ${verdict}${check.title.padEnd(titleWidth)}  ${detail}`);
    }
    out.push("");
  }
  return out;
}

// src/report/report.ts
var OUTPUT_FORMATS = ["text", "json", "sarif", "github", "markdown"];
function countBySeverity(findings) {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
function severityTally(findings) {
  const counts = countBySeverity(findings);
  return `${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}, ${counts.info} info`;
}

// src/report/text.ts
var SEVERITY_STYLE = { error: "red", warning: "yellow", info: "blue" };
var EXCERPT_CHARS2 = 160;
function formatText(report, options) {
  const paint = (style, text) => options.color ? styleText3(style, text) : text;
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
        const cut = Math.max(EXCERPT_CHARS2, f.endColumn);
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

export {
  severityTally,
  formatGithub,
  formatRolloutJson,
  formatJson,
  formatSarif,
  formatRolloutText,
  UsageError,
  oneOf,
  REPORT_OPTIONS,
  reportOptions,
  writeReport,
  writeOutput
};

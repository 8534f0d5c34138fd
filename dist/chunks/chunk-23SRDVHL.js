import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);
import {
  QWEN_TURN_TOKEN_IDS,
  ROLLOUT_CHECKS,
  Tallier,
  formatNumber,
  formatPercent,
  percent,
  percentsIn,
  plural,
  statusOf
} from "./chunk-PBXWTCAC.js";
import {
  Template,
  displayPath,
  findModelDirs,
  insideRepository,
  probeTemplate,
  repositoryOf
} from "./chunk-NEBH3OJY.js";
import {
  DEFAULT_CALL_TIMEOUT_SECONDS,
  DEFAULT_DATA_SOURCE,
  VERSION,
  detectIsolation,
  docUrl,
  isolationNotice,
  loadConfig,
  probeReward,
  projectUrl,
  readDuration,
  ruleDocUrl,
  startUntrusted,
  untrustedEnvironment
} from "./chunk-W5ACBR4F.js";
import {
  RULES,
  distFile
} from "./chunk-SMOOXIHJ.js";
import {
  INPUT_FORMATS,
  detectFormat,
  lineSource,
  readLineBlocks
} from "./chunk-ZTVSUN46.js";
import {
  PROBE_CHECK_IDS,
  ProbeInputError,
  external_exports
} from "./chunk-3ZTFQJ6U.js";
import {
  SEVERITIES,
  compareFindings,
  failsAt,
  readRegularFile,
  ruleLabel,
  severityRank
} from "./chunk-CSC4BK5Z.js";
import {
  require_picomatch
} from "./chunk-W5J2XSN6.js";
import {
  __commonJS,
  __toESM
} from "./chunk-2ZMPP5RW.js";

// node_modules/parse-diff/index.js
var require_parse_diff = __commonJS({
  "node_modules/parse-diff/index.js"(exports, module) {
    module.exports = (n) => {
      if (!n) return [];
      if (typeof n != "string" || n.match(/^\s+$/)) return [];
      const s = n.split(`
`);
      if (s.length === 0) return [];
      const a = [];
      let o = null, d = null, u = 0, m = 0, l = null;
      const g = (e) => {
        d?.changes.push({ type: "normal", normal: true, ln1: u++, ln2: m++, content: e }), l.oldLines--, l.newLines--;
      }, p = (e) => {
        const [t, r] = parseFiles(e) ?? [];
        o = { chunks: [], deletions: 0, additions: 0, from: t, to: r }, a.push(o);
      }, i = () => {
        (!o || o.chunks.length) && p();
      }, $ = (e, t) => {
        i(), o.new = true, o.newMode = t[1], o.from = "/dev/null";
      }, N = (e, t) => {
        i(), o.deleted = true, o.oldMode = t[1], o.to = "/dev/null";
      }, x = (e, t) => {
        i(), o.oldMode = t[1];
      }, F = (e, t) => {
        i(), o.newMode = t[1];
      }, S = (e, t) => {
        i(), o.index = e.split(" ").slice(1), t[1] && (o.oldMode = o.newMode = t[1].trim());
      }, k = (e) => {
        i(), o.from = parseOldOrNewFile(e);
      }, y = (e) => {
        i(), o.to = parseOldOrNewFile(e);
      }, f = (e) => +(e || 1), M = (e, t) => {
        o || p(e);
        const [r, c, w, L] = t.slice(1);
        u = +r, m = +w, d = { content: e, changes: [], oldStart: +r, oldLines: f(c), newStart: +w, newLines: f(L) }, l = { oldLines: f(c), newLines: f(L) }, o.chunks.push(d);
      }, R = (e) => {
        d && (d.changes.push({ type: "del", del: true, ln: u++, content: e }), o.deletions++, l.oldLines--);
      }, b = (e) => {
        d && (d.changes.push({ type: "add", add: true, ln: m++, content: e }), o.additions++, l.newLines--);
      }, h = (e) => {
        if (!d) return;
        const [t] = d.changes.slice(-1);
        d.changes.push({ type: t.type, [t.type]: true, ln1: t.ln1, ln2: t.ln2, ln: t.ln, content: e });
      }, _ = [[/^diff\s/, p], [/^new file mode (\d+)$/, $], [/^deleted file mode (\d+)$/, N], [/^old mode (\d+)$/, x], [/^new mode (\d+)$/, F], [/^index\s[\da-zA-Z]+\.\.[\da-zA-Z]+(\s(\d+))?$/, S], [/^---\s/, k], [/^\+\+\+\s/, y], [/^@@\s+-(\d+),?(\d+)?\s+\+(\d+),?(\d+)?\s@@/, M], [/^\\ No newline at end of file$/, h]], v = [[/^\\ No newline at end of file$/, h], [/^-/, R], [/^\+/, b], [/^\s*/, g]], C = (e) => {
        for (const [t, r] of v) {
          const c = e.match(t);
          if (c) {
            r(e, c);
            break;
          }
        }
        l.oldLines === 0 && l.newLines === 0 && (l = null);
      }, H = (e) => {
        for (const [t, r] of _) {
          const c = e.match(t);
          if (c) {
            r(e, c);
            break;
          }
        }
      }, O = (e) => {
        l ? C(e) : H(e);
      };
      for (const e of s) O(e);
      return a;
    };
    var fileNameDiffRegex = /(a|i|w|c|o|1|2)\/.*(?=["']? ["']?(b|i|w|c|o|1|2)\/)|(b|i|w|c|o|1|2)\/.*$/g;
    var gitFileHeaderRegex = /^(a|b|i|w|c|o|1|2)\//;
    var parseFiles = (n) => n?.match(fileNameDiffRegex)?.map((a) => a.replace(gitFileHeaderRegex, "").replace(/("|')$/, ""));
    var qoutedFileNameRegex = /^\\?['"]|\\?['"]$/g;
    var parseOldOrNewFile = (n) => {
      let s = leftTrimChars(n, "-+").trim();
      return s = removeTimeStamp(s), s.replace(qoutedFileNameRegex, "").replace(gitFileHeaderRegex, "");
    };
    var leftTrimChars = (n, s) => {
      if (n = makeString(n), !s && String.prototype.trimLeft) return n.trimLeft();
      const a = formTrimmingString(s);
      return n.replace(new RegExp(`^${a}+`), "");
    };
    var timeStampRegex = /\t.*|\d{4}-\d\d-\d\d\s\d\d:\d\d:\d\d(.\d+)?\s(\+|-)\d\d\d\d/;
    var removeTimeStamp = (n) => {
      const s = timeStampRegex.exec(n);
      return s && (n = n.substring(0, s.index).trim()), n;
    };
    var formTrimmingString = (n) => n == null ? "\\s" : n instanceof RegExp ? n.source : `[${makeString(n).replace(/([.*+?^=!:${}()|[\]/\\])/g, "\\$1")}]`;
    var makeString = (n) => `${n ?? ""}`;
  }
});

// src/rollout/report.ts
import { readFileSync } from "node:fs";
var ROLLOUT_FAIL_ON = ["error", "warning", "never"];
function rolloutFails(report, failOn) {
  if (failOn === "never") return false;
  if (report.failure) return true;
  return report.checks.some((c) => c.status === "fail" || failOn === "warning" && c.status === "warn");
}
var BaselineError = class extends Error {
};
function applyBaseline(report, baseline) {
  report.baseline = baseline.metrics;
  report.baselinePercentiles = baseline.percentiles;
}
function readBaseline(path) {
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new BaselineError(`cannot read baseline: ${error.code ?? error.message}`);
  }
  return parseBaseline(text);
}
function parseBaseline(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`cannot read baseline: ${error.message}`);
  }
  const baseline = data;
  const metrics = baseline?.metrics;
  if (baseline?.version !== 1 || typeof metrics !== "object" || metrics === null || Array.isArray(metrics)) {
    throw new BaselineError(`not an rl-review rollout report (expected {"version":1,"metrics":{...}})`);
  }
  const distributions = Array.isArray(baseline.distributions) ? baseline.distributions : [];
  const percentiles = Object.fromEntries(
    distributions.flatMap((d) => {
      const points = d?.percentiles;
      return typeof d?.title === "string" && Array.isArray(points) && points.length && points.every((p) => typeof p === "number") ? [[d.title, points]] : [];
    })
  );
  return { metrics: Object.fromEntries(Object.entries(metrics).filter(([, v]) => typeof v === "number" || v === null)), percentiles };
}
function sourcesText(report) {
  const read = report.files.length;
  const formats = [...new Set(report.files.map((f) => f.format))].join(", ");
  const of = report.filesFound > read ? ` of ${report.filesFound}` : "";
  return `from ${read}${of} ${(of ? report.filesFound : read) === 1 ? "file" : "files"}${formats ? ` (${formats})` : ""}`;
}
function checkValue(check) {
  return check.total ? `${check.count} of ${check.total} (${percent(check.count, check.total)})` : "n/a";
}
function thresholdText(check) {
  return `\u2264 ${formatPercent(check.threshold)}`;
}
function metricText(name, value) {
  if (value === null || value === void 0) return "n/a";
  return name.endsWith("_rate") ? formatPercent(value) : formatNumber(value);
}
function metricDeltas(report) {
  const baseline = report.baseline ?? {};
  const names = [.../* @__PURE__ */ new Set([...Object.keys(report.metrics), ...Object.keys(baseline)])];
  return names.map((name) => {
    const before = baseline[name];
    const after = report.metrics[name];
    let change = "";
    if (typeof before === "number" && typeof after === "number" && before !== after) {
      const difference = name.endsWith("_rate") ? (after - before) * 100 : after - before;
      change = `${difference > 0 ? "+" : ""}${formatNumber(difference)}${name.endsWith("_rate") ? " pts" : ""}`;
    }
    return { name, baseline: metricText(name, before), current: metricText(name, after), change };
  });
}

// src/report/escape.ts
var LINE_BREAK = /\r\n?|[\n\u2028\u2029]/g;
var oneLine = (text) => text.replace(LINE_BREAK, " ");
function escapeMarkdown(text) {
  return oneLine(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/([\\`*_{}[\]()#+!|~])/g, "\\$1").replace(/@/g, "@\u200B").replace(/:\/\//g, ":\u200B//").replace(/(www)\./gi, "$1\u200B.");
}
function inlineCode(text, place = "text") {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  const line = oneLine(text);
  const body = place === "table" ? line.replace(/\\(?=\|)/g, "\\\u200B").replace(/\|/g, "\\|") : line;
  const pad = body.startsWith("`") || body.endsWith("`") || body.startsWith(" ") ? " " : "";
  return `${fence}${pad}${body}${pad}${fence}`;
}
function messageMarkdown(message, place = "text") {
  const parts = [];
  let last = 0;
  for (const quote of message.matchAll(/`([^`\r\n\u2028\u2029]+)`/g)) {
    parts.push(escapeMarkdown(message.slice(last, quote.index)), inlineCode(quote[1], place));
    last = quote.index + quote[0].length;
  }
  parts.push(escapeMarkdown(message.slice(last)));
  return parts.join("");
}
function escapeHtmlText(text) {
  return oneLine(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/@/g, "@\u200B").replace(/#(?=\d)/g, "#\u200B");
}
function codeBlock(code, language = "") {
  const longest = Math.max(2, ...(code.match(/`{3,}/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${language}
${code}
${fence}`;
}

// src/report/probes-markdown.ts
var STATUS = { pass: "\u{1F7E2} pass", fail: "\u{1F534} fail", note: "\u{1F535} note", skip: "\u26AA skip" };
var COLUMNS = {
  template: { title: "Chat template", columns: "| Check | Expected | Got | Verdict |" },
  reward: { title: "Reward function", columns: "| Case | Expected | Paid | Verdict |" }
};
var closed = (lines) => lines.map((line, index) => index === lines.length - 1 ? `${line}
` : line);
function probesSection(probes) {
  if (!probes?.length) return void 0;
  const checks = probes.flatMap((probe) => probe.checks);
  const failed = checks.filter((check) => check.status === "fail").length;
  const summary = failed ? `${failed} of ${plural(checks.length, "check")} failed` : `${plural(checks.filter((c) => c.status === "pass").length, "check")} passed`;
  return { title: "Probes", summary, blocks: probeBlocks(probes) };
}
function probeBlocks(probes) {
  const blocks = [];
  for (const probe of probes) {
    const { title, columns } = COLUMNS[probe.probe];
    blocks.push(`**${title}** ${inlineCode(probe.target)}
`, `${columns}
|---|---|---|---|`);
    const rows = probe.checks.map((check) => {
      const name = `[${escapeMarkdown(check.title)}](${docUrl(`docs/probes.md#${check.id}`)})`;
      return `| ${name} | ${escapeMarkdown(check.expected)} | ${escapeMarkdown(check.actual)} | ${STATUS[check.status]} |`;
    });
    const skipped = probe.checks.filter((check) => check.status === "skip").map((check) => `- ${inlineCode(check.id)}: ${messageMarkdown(check.message)}`);
    blocks.push(...closed(rows), ...closed(skipped));
  }
  return blocks;
}

// src/report/rollout-markdown.ts
var STATUS2 = { fail: "\u{1F534} fail", warn: "\u{1F7E0} warn", pass: "\u{1F7E2} pass", unknown: "\u26AA unknown" };
var NOTICES_SHOWN = 20;
var OUTPUT_LINES = 40;
function formatRolloutMarkdown(report) {
  return `### Smoke rollout

${rolloutBlocks(report, { timings: true, charts: true }).join("\n").trimEnd()}
`;
}
function smokeSection(report, options) {
  return report && { title: "Smoke rollout", summary: rolloutVerdict(report).replace(/^smoke rollout:? ?/, ""), open: Boolean(report.failure), blocks: rolloutBlocks(report, options) };
}
function rolloutBlocks(report, { timings, charts }) {
  const blocks = [];
  if (report.failure) {
    blocks.push(`\u{1F534} **The smoke rollout failed:** ${messageMarkdown(report.failure)}
`);
    if (report.command?.outputTail) {
      const lines = report.command.outputTail.trimEnd().split("\n").slice(-OUTPUT_LINES).join("\n");
      blocks.push(`Last lines of its output:

${codeBlock(lines, "text")}
`);
    }
    blocks.push(`${summaryLine(report, timings)}
`);
    if (report.notices.length) blocks.push(`${noticesDetails(report)}
`);
    return blocks;
  }
  blocks.push(`${summaryLine(report, timings)}
`);
  const rank = { fail: 0, warn: 1, pass: 2, unknown: 3 };
  const flagged = report.checks.filter((c) => c.status === "fail" || c.status === "warn").sort((a, b) => rank[a.status] - rank[b.status]);
  if (flagged.length) {
    blocks.push("| Check | Value | Threshold | Status |\n|---|---|---|---|");
    flagged.forEach((check, index) => {
      const row = `| [${check.id}](${docUrl(`docs/rollout-checks.md#${check.id}`)}) | ${checkValue(check)} | ${thresholdText(check)} | ${STATUS2[check.status]} |`;
      blocks.push(index === flagged.length - 1 ? `${row}
` : row);
    });
  }
  const passed = report.checks.filter((c) => c.status === "pass");
  if (passed.length) blocks.push(`\u{1F7E2} ${passed.length} passed: ${passed.map((c) => `[${c.id}](${docUrl(`docs/rollout-checks.md#${c.id}`)})`).join(", ")}
`);
  const changes = baselineChanges(report);
  if (changes) blocks.push(`${changes}
`);
  const shown = /* @__PURE__ */ new Set();
  for (const check of flagged) blocks.push(`${checkDetails(check, shown)}
`);
  const unknown = report.checks.filter((c) => c.status === "unknown");
  if (unknown.length) {
    const items = unknown.map((c) => `- \`${c.id}\`: ${messageMarkdown(c.message)}`).join("\n");
    blocks.push(`<details><summary>\u26AA ${unknown.length} not judged (the dump cannot tell)</summary>

${items}

</details>
`);
  }
  if (charts) {
    const drawn = report.distributions.filter((d) => d.histogram.labels.length).map((d) => chart(d, report.baselinePercentiles?.[d.title]));
    if (drawn.length) blocks.push(`<details><summary>Distributions</summary>

${drawn.join("\n\n")}

</details>
`);
  }
  blocks.push(`${allMetrics(report)}
`);
  if (report.notices.length) blocks.push(`${noticesDetails(report)}
`);
  return blocks;
}
function summaryLine(report, timings) {
  const bits = [
    `${report.trajectories} trajectories ${sourcesText(report)}`,
    report.skipped ? `${report.skipped} records skipped` : "",
    report.command ? `command ${inlineCode(report.command.command)}${timings ? ` ran for ${seconds(report.command.durationMs)}` : ""}` : ""
  ];
  return bits.filter(Boolean).join(" \xB7 ");
}
function seconds(ms) {
  return `${(ms / 1e3).toFixed(ms < 1e4 ? 1 : 0)} s`;
}
function checkDetails(check, shown) {
  const examples = check.examples.map((e) => {
    const source = inlineCode(e.source.replace(/^\$RL_REVIEW_OUT\//, ""));
    if (shown.has(e.excerpt)) return `${source}: ${messageMarkdown(e.detail)} (its excerpt is shown above)`;
    shown.add(e.excerpt);
    return `${source}: ${messageMarkdown(e.detail)}

${codeBlock(e.excerpt, "text")}`;
  });
  const icon = check.status === "fail" ? "\u{1F534}" : "\u{1F7E0}";
  return `<details><summary>${icon} <code>${check.id}</code>: ${escapeHtmlText(check.message)}</summary>

${examples.join("\n\n")}

</details>`;
}
var CHART_INIT = '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#cf222e, #57606a"}}}}%%';
function chart(distribution, baselinePercentiles) {
  const { labels, bounds, percents } = distribution.histogram;
  const sample = distribution.sampled < distribution.of ? ` (a sample of ${distribution.sampled} of ${distribution.of})` : "";
  const baseline = baselinePercentiles?.length ? percentsIn(baselinePercentiles, bounds) : void 0;
  const top = Math.max(...percents, ...baseline ?? []);
  return [
    "```mermaid",
    CHART_INIT,
    "xychart-beta",
    `    title "${distribution.title}${sample}${baseline ? ", bars: this run, line: baseline" : ""}"`,
    `    x-axis "${distribution.axis}" [${labels.map((l) => `"${l}"`).join(", ")}]`,
    `    y-axis "% of trajectories" 0 --> ${Math.min(100, Math.ceil(top / 10) * 10)}`,
    `    bar [${percents.join(", ")}]`,
    ...baseline ? [`    line [${baseline.join(", ")}]`] : [],
    "```"
  ].join("\n");
}
var WORSE_WHEN_HIGHER = /(?:failure|leak|repeat|truncation|repetition|malformed|rewarded|zero_signal|empty_ground_truth)\w*_rate$/;
var WORSE_WHEN_LOWER = /* @__PURE__ */ new Set(["tool_call_rate"]);
function baselineChanges(report) {
  if (!report.baseline) return void 0;
  const changed = metricDeltas(report).filter((d) => d.change);
  if (!changed.length) return "No metric changed from the baseline.";
  const rows = changed.map((d) => `| ${inlineCode(d.name, "table")} | ${d.baseline} \u2192 ${d.current} | ${d.change}${direction(d.name, d.change)} |`);
  return ["Changes from the baseline:", "", "| Metric | Baseline \u2192 this run | Change |", "|---|---|---|", ...rows].join("\n");
}
function direction(name, change) {
  const up = !change.startsWith("-");
  if (WORSE_WHEN_HIGHER.test(name)) return up ? " \u25B2 worse" : " \u25BC better";
  if (WORSE_WHEN_LOWER.has(name)) return up ? " \u25B2 better" : " \u25BC worse";
  return "";
}
function allMetrics(report) {
  const rows = metricDeltas(report).map((d) => `| ${inlineCode(d.name, "table")} | ${d.current} |`);
  return `<details><summary>All metrics</summary>

${["| Metric | Value |", "|---|---|", ...rows].join("\n")}

</details>`;
}
function noticesDetails(report) {
  const shown = report.notices.slice(0, NOTICES_SHOWN).map((n) => `- ${inlineCode(n.line ? `${n.path}:${n.line}` : n.path)}: ${messageMarkdown(n.message)}`);
  const more = report.notices.length - shown.length;
  if (more > 0) shown.push(`- and ${more} more`);
  return `<details><summary>${report.notices.length} notice${report.notices.length === 1 ? "" : "s"}</summary>

${shown.join("\n")}

</details>`;
}

// src/github/identity.ts
var VIEWER_QUERY = "query { viewer { login } }";
var identities = /* @__PURE__ */ new WeakMap();
function tokenIdentity(client) {
  let identity = identities.get(client);
  if (!identity) {
    identity = client.graphql(VIEWER_QUERY).then(
      ({ viewer }) => ({ login: viewer.login }),
      (error) => {
        throw new Error(`cannot tell which comments are rl-review's: GitHub did not say whose the token is (${error.message})`);
      }
    );
    identity.catch(() => identities.delete(client));
    identities.set(client, identity);
  }
  return identity;
}
function isAuthoredBy(item, identity) {
  return item.user?.login.toLowerCase() === identity.login.toLowerCase();
}

// src/report/summary.ts
var COMMENT_BODY_LIMIT = 65536;
var JOB_SUMMARY_LIMIT_BYTES = 1024 * 1024;
var countCharacters = (text) => text.length;
var countBytes = (text) => Buffer.byteLength(text, "utf8");
var NOTE_RESERVE = 400;
function renderSections(head, sections, options) {
  const kept = sections.map((s) => [...s.blocks]);
  const omitted = sections.map(() => 0);
  const render = () => [head, ...sections.map((s, i) => {
    const blocks = omitted[i] ? [...kept[i], `
${options.omittedNote(omitted[i])}`] : kept[i];
    const summary = `<summary><b>${s.title}</b>${s.summary ? ` \xB7 ${s.summary}` : ""}</summary>`;
    return `<details${s.open ? " open" : ""}>${summary}

${blocks.join("\n").trimEnd()}

</details>`;
  })].join("\n\n") + "\n";
  const sizes = kept.map((blocks) => blocks.map((b) => options.measure(b) + 1));
  const sectionSizes = sizes.map((s) => s.reduce((a, b) => a + b, 0));
  let total = options.measure(render());
  const budget = options.limit - NOTE_RESERVE * sections.length;
  while (total > budget) {
    const longest = sectionSizes.indexOf(Math.max(...sectionSizes));
    if (!kept[longest].length) break;
    kept[longest].pop();
    omitted[longest]++;
    const dropped = sizes[longest][kept[longest].length];
    sectionSizes[longest] -= dropped;
    total -= dropped;
  }
  return render();
}
function tableBlocks(findings, fileUrl) {
  const [header, separator, ...rows] = findingsTable(findings, fileUrl).split("\n");
  return [`${header}
${separator}`, ...rows];
}
function findingsSection(title, findings, fileUrl, intro) {
  if (!findings.length) return void 0;
  const sorted = [...findings].sort(bySeverity);
  return { title, summary: severityWords(findings), blocks: [...intro ? [`${intro}
`] : [], ...tableBlocks(sorted, fileUrl)] };
}
var REASON_TEXT = {
  rejected: "GitHub rejected the comment",
  "not-posted": "the review could not be posted"
};
function notInlineSection(items) {
  if (!items.length) return void 0;
  const overLimit = items.filter((item) => item.reason === "over-limit").length;
  const blocks = items.flatMap(({ finding: f, reason }) => reason === "over-limit" ? [] : [{ f, reason }]).map(({ f, reason }) => `- ${inlineCode(`${f.path}:${f.line}`)} ${escapeMarkdown(f.ruleId)}: ${REASON_TEXT[reason]}`);
  if (overLimit) blocks.unshift(`${plural(overLimit, "finding")} on the diff ${overLimit === 1 ? "is" : "are"} over \`max-comments\`: the Findings table lists ${overLimit === 1 ? "it" : "them"}.${blocks.length ? "\n" : ""}`);
  return { title: "Not commented inline", summary: String(items.length), blocks };
}
function suppressionsSection(suppressions) {
  if (!suppressions.length) return void 0;
  const silenced = suppressions.reduce((sum, s) => sum + s.silenced.length, 0);
  const fileWide = suppressions.filter((s) => s.scope === "file").length;
  const comments = plural(suppressions.length, "`rl-review: ignore` comment");
  const inFile = fileWide ? `; ${fileWide} of them ${fileWide === 1 ? "switches" : "switch"} rules off in a whole file (\`ignore-file\`)` : "";
  const intro = `${comments} added by this pull request ${suppressions.length === 1 ? "silences" : "silence"} ${plural(silenced, "finding")}${inFile}.
`;
  return { title: "Rules silenced by this pull request", summary: String(suppressions.length), blocks: [intro, ...suppressions.map(suppressionItem)] };
}
function suppressionItem(s) {
  const directive = `${s.scope === "file" ? "ignore-file" : "ignore"}${s.rules ? `[${s.rules.join(", ")}]` : ""}`;
  const rules = s.rules ? s.rules.map(escapeMarkdown).join(", ") : "every rule";
  const where = s.scope === "file" ? "in the whole file" : "on this line and the next";
  const counts = /* @__PURE__ */ new Map();
  for (const ruleId of s.silenced) counts.set(ruleId, (counts.get(ruleId) ?? 0) + 1);
  const silenced = s.silenced.length ? `${plural(s.silenced.length, "finding")} silenced (${[...counts].map(([ruleId, n]) => `${escapeMarkdown(ruleId)} \xD7${n}`).join(", ")})` : "no finding silenced in this run";
  return `- ${inlineCode(`${s.path}:${s.line}`)} ${inlineCode(directive)}: ${rules} off ${where}; ${silenced}`;
}
function noticesSection(notices) {
  if (!notices.length) return void 0;
  return {
    title: "Notices",
    summary: String(notices.length),
    blocks: notices.map((n) => `- ${inlineCode(n.line ? `${n.path}:${n.line}` : n.path)}: ${messageMarkdown(n.message)}`)
  };
}
function jobSummaryNote(runUrl) {
  return (omitted) => `_\u2026 ${omitted} more not shown (GitHub limits comments to 65,536 characters): see the [job summary](${runUrl})._`;
}
var SUMMARY_MARKER = "<!-- rl-review:summary -->";
async function upsertSummaryComment(client, pr, author, body, createIfMissing) {
  const comments = await client.paginate(client.rest.issues.listComments, { ...pr.repository, issue_number: pr.number, per_page: 100 });
  const existing = comments.find((c) => isAuthoredBy(c, author) && c.body?.startsWith(SUMMARY_MARKER));
  const text = `${SUMMARY_MARKER}
${body}`;
  if (existing) {
    if (existing.body === text) return "unchanged";
    await client.rest.issues.updateComment({ ...pr.repository, comment_id: existing.id, body: text });
    return "updated";
  }
  if (!createIfMissing) return "skipped";
  await client.rest.issues.createComment({ ...pr.repository, issue_number: pr.number, body: text });
  return "created";
}

// src/report/markdown.ts
var SEVERITY_ICON = { error: "\u{1F534}", warning: "\u{1F7E0}", info: "\u{1F535}" };
function severityLabel(severity) {
  return `${SEVERITY_ICON[severity]} ${severity}`;
}
function findingsTable(findings, fileUrl) {
  const rows = findings.map((f) => {
    const where = `${escapeMarkdown(f.path)}:${f.line}`;
    const location = fileUrl ? `[${where}](${fileUrl(f)})` : where;
    const rule = `**[${escapeMarkdown(ruleLabel(f))}](${ruleDocUrl(f.name)})**`;
    return `| ${severityLabel(f.severity)} | ${location} | ${rule}: ${messageMarkdown(f.message, "table")} |`;
  });
  return ["| Severity | Location | Finding |", "|---|---|---|", ...rows].join("\n");
}
function formatMarkdown(report, failOn) {
  const stats = report.stats ? `Scanned ${report.stats.files} files (${report.stats.parsed} parsed, ${report.stats.skipped} skipped) in ${report.stats.durationMs} ms.` : "";
  const blocking = blockers(report, failOn);
  const head = [
    "## rl-review",
    "",
    verdictLine(report, failOn),
    ...stats ? ["", stats] : [],
    ...blocking.lines.length ? ["", "**Blocking the merge:**", "", ...blocking.lines] : []
  ].join("\n");
  const sections = [
    findingsSection(blocking.shown.size ? "Other findings" : "Findings", report.findings.filter((f) => !blocking.shown.has(f))),
    smokeSection(report.rollout, { timings: true, charts: true }),
    probesSection(report.probes),
    noticesSection(report.notices)
  ].filter((section) => section !== void 0);
  return renderSections(head, sections, { limit: Infinity, measure: (text) => text.length, omittedNote: () => "" });
}

// src/report/verdict.ts
var BLOCKERS_SHOWN = 10;
var HEADLINE_CHARS = 160;
var ROLLOUT_FAIL_ON2 = { error: "error", warning: "warning", info: "warning", never: "never" };
function reviewFails(report, failOn) {
  return failsAt(report.findings, failOn) || report.rollout !== void 0 && rolloutFails(report.rollout, ROLLOUT_FAIL_ON2[failOn]);
}
function bySeverity(a, b) {
  return severityRank(a.severity) - severityRank(b.severity) || a.path.localeCompare(b.path) || a.line - b.line || a.ruleId.localeCompare(b.ruleId);
}
var isProbeFinding = (finding) => PROBE_CHECK_IDS.has(finding.ruleId);
function severityWords(findings) {
  return SEVERITIES.map((severity) => {
    const count = findings.filter((f) => f.severity === severity).length;
    return severity === "info" ? `${count} info` : plural(count, severity);
  }).join(" \xB7 ");
}
function rolloutVerdict(rollout) {
  if (rollout.failure) return `smoke rollout failed (${rollout.failure.split(":")[0]})`;
  const judged = rollout.checks.filter((c) => c.status !== "unknown");
  const failed = judged.filter((c) => c.status === "fail").length;
  const warned = judged.filter((c) => c.status === "warn").length;
  if (!failed && !warned) return `smoke rollout: ${plural(judged.length, "check")} passed`;
  const parts = [failed ? `${failed} of ${plural(judged.length, "check")} failed` : "", warned ? `${warned} warned` : ""];
  return `smoke rollout: ${parts.filter(Boolean).join(", ")}`;
}
function verdictLine(report, failOn) {
  const head = reviewFails(report, failOn) ? "\u274C **Blocks merge**" : "\u2705 **Passes**";
  const staticFindings = report.findings.filter((f) => !isProbeFinding(f));
  const parts = [severityWords(staticFindings)];
  if (report.rollout) parts.push(rolloutVerdict(report.rollout));
  if (report.probes?.length) {
    const probeFindings = report.findings.filter(isProbeFinding);
    const failing = probeFindings.filter((f) => f.severity !== "info").length;
    parts.push(failing ? `probes: ${plural(failing, "check")} failed` : "probes passed");
  }
  return `${head} at \`fail-on: ${failOn}\`: ${parts.join(" \xB7 ")}`;
}
function blockers(report, failOn, fileUrl) {
  const items = [];
  const { rollout } = report;
  const rolloutBlocks2 = rollout !== void 0 && rolloutFails(rollout, ROLLOUT_FAIL_ON2[failOn]);
  if (rollout && rolloutBlocks2 && rollout.failure) items.push({ line: `\u{1F534} **smoke rollout** did not run to the end: ${messageMarkdown(headline(rollout.failure))}` });
  const blocking = failOn === "never" ? [] : report.findings.filter((f) => severityRank(f.severity) <= severityRank(failOn)).sort(bySeverity);
  for (const finding of blocking) {
    const where = `${escapeMarkdown(finding.path)}:${finding.line}`;
    const location = fileUrl ? `[${where}](${fileUrl(finding)})` : where;
    const rule = `[${escapeMarkdown(ruleLabel(finding))}](${ruleDocUrl(finding.name)})`;
    items.push({ line: `${severityLabel(finding.severity)} ${rule} in ${location}: ${messageMarkdown(headline(finding.message))}`, finding });
  }
  if (rollout && rolloutBlocks2 && !rollout.failure) {
    for (const check of rollout.checks.filter((c) => c.status === "fail" || failOn !== "error" && c.status === "warn")) {
      const doc = docUrl(`docs/rollout-checks.md#${check.id}`);
      items.push({ line: `${check.status === "fail" ? "\u{1F534}" : "\u{1F7E0}"} **smoke rollout** [${check.id}](${doc}): ${messageMarkdown(headline(check.message))}` });
    }
  }
  const listed = items.slice(0, BLOCKERS_SHOWN);
  const lines = listed.map((item, index) => `${index + 1}. ${item.line}`);
  if (items.length > BLOCKERS_SHOWN) lines.push(`
\u2026and ${items.length - BLOCKERS_SHOWN} more in the sections below.`);
  return { lines, shown: new Set(listed.flatMap((item) => item.finding ?? [])) };
}
function headline(message) {
  const end = [...message.matchAll(/`[^`]*`|[.:](?=\s)/g)].find((match) => !match[0].startsWith("`"));
  const first = end ? message.slice(0, end.index) : message.replace(/\.$/, "");
  if (first.length <= HEADLINE_CHARS) return first;
  const cut = first.lastIndexOf(" ", HEADLINE_CHARS);
  return `${first.slice(0, cut > 0 ? cut : HEADLINE_CHARS)}\u2026`;
}

// src/rollout/command.ts
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join as join2 } from "node:path";
import { parseArgs } from "node:util";

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
      out.push(paint("dim", `          ${oneLine2(example.excerpt)}`));
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
function oneLine2(text) {
  const flat = JSON.stringify(text).slice(1, -1);
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS)}\u2026` : flat;
}

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
    const block = new Promise((resolve5, reject) => slot.waiting.push({ firstLine: task.firstLine, resolve: resolve5, reject }));
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
import { readFileSync as readFileSync2 } from "node:fs";
var TokenizerConfigError = class extends Error {
};
function readTokenizerConfig(path) {
  let config;
  try {
    config = JSON.parse(readFileSync2(path, "utf8"));
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
    repeatRate: config.checks.repetition?.rate ?? DEFAULT_REPEAT_RATE
  };
  const active = [];
  for (const check of ROLLOUT_CHECKS) {
    const settings2 = config.checks[check.meta.id];
    const severity = settings2?.severity ?? check.meta.severity;
    if (severity === "off") continue;
    active.push({ id: check.meta.id, severity, threshold: settings2?.threshold ?? check.meta.threshold });
  }
  const report = { trajectories: 0, skipped: 0, checks: [], metrics: {}, severities: {}, files: [], filesFound: 0, notices, distributions: [] };
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
  let tail = "";
  const collect = (text) => {
    options.onOutput?.(text);
    tail = (tail + text).slice(-OUTPUT_TAIL_CHARS);
  };
  running.stdout.setEncoding("utf8").on("data", collect);
  running.stderr.setEncoding("utf8").on("data", collect);
  const exit = await running.exited;
  return {
    exitCode: exit.exitCode,
    signal: exit.signal,
    timedOut: exit.timedOut,
    durationMs: Date.now() - started,
    outputTail: tail,
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

'run' gives the command a fresh directory in $RL_REVIEW_OUT, runs it in a sandbox out of reach of GitHub tokens, and
writes every metric to rl-review-rollout.json (a later run's --baseline). A command given as one argument runs
in a shell, as the config's does. Exit status: 0 pass, 1 a failing check or a failed command, 2 usage or config
error.
`;
var RolloutUsageError = class extends Error {
};
var REPORT_FORMATS = ["text", "json", "markdown"];
var DEFAULT_SMOKE_TIMEOUT_MS = 15 * 6e4;
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
  const config = loadConfig(values.config, process.cwd()).rollout;
  return {
    format: oneOf(values.format, REPORT_FORMATS, "--format", "text"),
    failOn: oneOf(values["fail-on"], ROLLOUT_FAIL_ON, "--fail-on", "error"),
    inputFormat: oneOf(values["input-format"], INPUT_FORMATS, "--input-format", config.format ?? "auto"),
    config,
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
    options: { ...COMMON_OPTIONS, timeout: { type: "string" }, output: { type: "string" } }
  });
  const options = commonOptions(values);
  const { config } = options;
  const command = positionals.length ? positionals : config.command && [config.command];
  if (!command) throw new RolloutUsageError("rollout run needs a command after --, or rollout.command in the config");
  const report = await runSmokeRollout({
    command,
    cwd: process.cwd(),
    timeoutMs: values.timeout === void 0 ? config.timeout ?? DEFAULT_SMOKE_TIMEOUT_MS : parseDuration(values.timeout),
    output: values.output ?? config.output,
    inputFormat: options.inputFormat,
    config: options.config,
    log: (text) => process.stderr.write(text)
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
  const result = await runCommand({
    command: options.command,
    cwd: options.cwd,
    env: smokeEnvironment(process.env, outDir),
    timeoutMs: options.timeoutMs,
    onOutput: options.log
  });
  if (inActions) options.log(`
::${stopToken}::
::endgroup::
`);
  const output = options.output?.replace(/\$\{?RL_REVIEW_OUT\}?/g, outDir) ?? outDir;
  const report = await reviewRollout({
    inputs: [output],
    cwd: options.cwd,
    inputFormat: options.inputFormat,
    config: options.config,
    // The fresh directory's name means nothing to a reader: show where the command was told to write.
    displayPath: (path) => path.startsWith(outDir) ? `$RL_REVIEW_OUT${path.slice(outDir.length)}` : relativeOrAbsolute(options.cwd, path)
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
  const notice = result.spawnError ? void 0 : isolationNotice(result.isolation);
  if (notice) report.notices.push({ path: commandLine, message: `the smoke command ${notice}` });
  if (commandFailure) report.failure = commandFailure;
  else if (!report.trajectories) report.failure = `the smoke command wrote no trajectory to ${options.output ?? "$RL_REVIEW_OUT"}`;
  return report;
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

// src/github/diff.ts
var import_parse_diff = __toESM(require_parse_diff(), 1);
function parseUnifiedDiff(text) {
  const result = /* @__PURE__ */ new Map();
  const files = (0, import_parse_diff.default)(text);
  if (!files.length && text.trim()) throw new Error("not a unified diff (no file header such as `--- a/path` and `+++ b/path`)");
  for (const file of files) {
    if (file.deleted || !file.to || file.to === "/dev/null") continue;
    const path = file.to.replace(/^b\//, "");
    const changed = { path, added: /* @__PURE__ */ new Set(), inHunk: /* @__PURE__ */ new Set() };
    for (const chunk of file.chunks) {
      for (const change of chunk.changes) {
        if (change.type === "add") {
          changed.added.add(change.ln);
          changed.inHunk.add(change.ln);
        } else if (change.type === "normal") {
          changed.inHunk.add(change.ln2);
        }
      }
    }
    result.set(path, changed);
  }
  return result;
}
function parseFilePatch(path, patch) {
  const parsed = parseUnifiedDiff(`--- a/${path}
+++ b/${path}
${patch}
`);
  return parsed.get(path) ?? { path, added: /* @__PURE__ */ new Set(), inHunk: /* @__PURE__ */ new Set() };
}

// src/report/merge.ts
import { readdirSync as readdirSync2, statSync as statSync3 } from "node:fs";
import { join as join3, resolve as resolve3 } from "node:path";
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
  const files = paths.flatMap((path) => isDirectory(resolve3(cwd, path)) ? jsonFilesUnder(path, cwd) : [path]);
  if (!files.length) throw new ReportFileError(`no JSON report in ${paths.join(", ")}`);
  const reports = files.map((file) => readReport(file, cwd));
  return { report: mergeReports(reports), files };
}
function readReport(file, cwd) {
  let text;
  try {
    text = readRegularFile(resolve3(cwd, file), MAX_REPORT_BYTES).toString("utf8");
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
  return statSync3(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
function jsonFilesUnder(dir, cwd) {
  return readdirSync2(resolve3(cwd, dir), { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0).flatMap((entry) => {
    const path = join3(dir, entry.name);
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

// src/probes/template-runner.ts
import { fork } from "node:child_process";
var TEMPLATE_PROBE_LIMITS = { timeoutMs: 6e4, heapMb: 1024 };
var STDERR_KEPT = 4096;
function probeTemplateIsolated(dir, options, limits = TEMPLATE_PROBE_LIMITS, script = distFile("template-worker.js")) {
  if (!script) return new Promise((resolve5) => resolve5(probeTemplate(dir, options)));
  const shown = displayPath(dir, options.cwd);
  return new Promise((resolve5, reject) => {
    const child = fork(script, {
      // Not the parent's flags (a loader, --inspect): plain bundled code, as the worker pools run.
      execArgv: [`--max-old-space-size=${limits.heapMb}`],
      env: untrustedEnvironment(process.env),
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      serialization: "advanced"
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => stderr = (stderr + chunk.toString()).slice(-STDERR_KEPT));
    let settled = false;
    const settle = (outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(watchdog);
      outcome();
    };
    const fail = (message) => settle(() => reject(new ProbeInputError(`${shown}: ${message}`)));
    const watchdog = setTimeout(() => {
      fail(`stopped after ${limits.timeoutMs / 1e3} s: a template loop or a tokenizer pattern that does not end`);
      child.kill("SIGKILL");
    }, limits.timeoutMs);
    child.on("message", (reply) => {
      if ("result" in reply) settle(() => resolve5(reply.result));
      else if ("inputError" in reply) settle(() => reject(new ProbeInputError(reply.inputError)));
      else fail(`the probe failed: ${reply.error}`);
    });
    child.on("error", (error) => fail(`the probe could not run: ${error.message}`));
    child.on("close", (code, signal) => {
      if (/heap out of memory/.test(stderr)) fail(`stopped at its ${limits.heapMb} MB memory limit: a template that builds huge lists or text`);
      else fail(`the probe stopped (${signal ?? `exit code ${code}`})${stderr.trim() ? `: ${stderr.trim().split("\n").slice(-1)[0]}` : ""}`);
    });
    child.send({ dir, options });
  });
}

// src/review/runtime.ts
import { existsSync } from "node:fs";
import { relative as relative3, resolve as resolve4, sep } from "node:path";
var RUNTIME_ANALYSES = [templateProbe, rewardProbe, smokeRollout];
function rebase(path, from, to) {
  return relative3(to, resolve4(from, path)).split(sep).join("/") || ".";
}
function addProbe(report, result) {
  (report.probes ??= []).push(result.report);
  report.findings.push(...result.findings);
}
function notRun(run, path, part, error) {
  const { message } = error;
  run.report.notices.push({ path, message: `the ${part} did not run: ${message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message}` });
}
async function templateProbe(run) {
  const named = run.config.probes.template;
  const paths = named ?? run.paths.filter((path) => existsSync(resolve4(run.root, path)));
  const scopes = /* @__PURE__ */ new Map();
  for (const path of paths.map((p) => rebase(p, run.root, run.cwd))) {
    const scope = { cwd: run.cwd, root: named ? run.root : repositoryOf(path, run.root, run.cwd) };
    try {
      const found = findModelDirs([path], scope);
      if (found.truncated) run.report.notices.push({ path, message: `the template probe ${found.truncated}` });
      for (const dir of found.dirs) scopes.set(dir, scope);
    } catch (error) {
      notRun(run, path, "template probe", error);
    }
  }
  for (const [dir, scope] of [...scopes].sort(([a], [b]) => a < b ? -1 : 1)) {
    try {
      addProbe(run.report, await probeTemplateIsolated(dir, scope));
    } catch (error) {
      notRun(run, displayPath(dir, run.cwd), "template probe", error);
    }
  }
}
async function rewardProbe(run) {
  const { "reward-function": target, "reward-style": style = "verl", "reward-example": example, python = "python3", timeout } = run.config.probes;
  if (!target) return;
  const colon = target.lastIndexOf(":");
  const file = rebase(target.slice(0, colon), run.root, run.cwd);
  try {
    const absolutePath = resolve4(run.cwd, file);
    if (existsSync(absolutePath)) insideRepository(absolutePath, file, { cwd: run.cwd, root: run.root });
    const result = await probeReward({
      target: `${file}${target.slice(colon)}`,
      style,
      // `.venv/bin/python` is the repository's; `python3` is looked up on the PATH.
      python: python.includes("/") ? resolve4(run.root, python) : python,
      timeoutSeconds: timeout === void 0 ? DEFAULT_CALL_TIMEOUT_SECONDS : timeout / 1e3,
      dataSource: DEFAULT_DATA_SOURCE,
      example,
      cwd: run.cwd
    });
    addProbe(run.report, result);
    const notice = isolationNotice(detectIsolation());
    if (notice) run.report.notices.push({ path: file, message: `the reward function ${notice}` });
  } catch (error) {
    notRun(run, file, "reward probe", error);
  }
}
async function smokeRollout(run) {
  const { command, timeout = DEFAULT_SMOKE_TIMEOUT_MS, output, format = "auto" } = run.config.rollout;
  if (!command) return;
  run.report.rollout = await runSmokeRollout({
    command: [command],
    cwd: run.root,
    timeoutMs: timeout,
    output,
    inputFormat: format,
    config: run.config.rollout,
    log: run.log
  });
}

export {
  tokenIdentity,
  isAuthoredBy,
  OUTPUT_FORMATS,
  severityTally,
  escapeMarkdown,
  inlineCode,
  messageMarkdown,
  codeBlock,
  formatGithub,
  formatRolloutJson,
  formatJson,
  probesSection,
  BaselineError,
  applyBaseline,
  readBaseline,
  parseBaseline,
  COMMENT_BODY_LIMIT,
  JOB_SUMMARY_LIMIT_BYTES,
  countCharacters,
  countBytes,
  renderSections,
  findingsSection,
  notInlineSection,
  suppressionsSection,
  noticesSection,
  jobSummaryNote,
  SUMMARY_MARKER,
  upsertSummaryComment,
  SEVERITY_ICON,
  severityLabel,
  formatMarkdown,
  reviewFails,
  verdictLine,
  blockers,
  headline,
  smokeSection,
  formatSarif,
  probeTemplateIsolated,
  formatRolloutText,
  ROLLOUT_REPORT_FILE,
  rolloutMain,
  RUNTIME_ANALYSES,
  rebase,
  parseUnifiedDiff,
  parseFilePatch,
  ReportFileError,
  mergeReportFiles
};

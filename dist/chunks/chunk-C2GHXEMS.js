import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);
import {
  QWEN_TURN_TOKEN_IDS,
  ROLLOUT_CHECKS,
  Tallier,
  formatNumber,
  formatPercent,
  fraction,
  percent,
  percentsIn,
  plural,
  statusOf,
  tail
} from "./chunk-XKN7J57I.js";
import {
  Template,
  Tokenizer_default,
  displayPath,
  findModelDirs,
  insideRepository,
  probeTemplate,
  repositoryOf
} from "./chunk-FZYELGAO.js";
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
  require_dist,
  ruleDocUrl,
  startUntrusted,
  untrustedEnvironment
} from "./chunk-C5RXVNYF.js";
import {
  RULES,
  decodeSource,
  distFile
} from "./chunk-OYSNRVC5.js";
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
} from "./chunk-PBZTNM47.js";
import {
  NOT_ANALYZED,
  SEVERITIES,
  compareFindings,
  failsAt,
  languageOf,
  readRegularFile,
  ruleLabel,
  severityRank
} from "./chunk-RKWAVLAQ.js";
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
function emptyRolloutReport(notices = []) {
  return { trajectories: 0, skipped: 0, checks: [], metrics: {}, severities: {}, files: [], filesFound: 0, notices, distributions: [] };
}
function policyText(policy) {
  const cases = Object.entries(policy.cases).map(([kind, count]) => `${kind} ${count}`).join(", ");
  return `the scripted policy answered ${policy.requests} requests${cases ? ` (${cases})` : ""}; recording: ${policy.recording}`;
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
    report.command ? `command ${inlineCode(report.command.command)}${timings ? ` ran for ${seconds(report.command.durationMs)}` : ""}` : "",
    report.policy ? messageMarkdown(policyText(report.policy)) : ""
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

// src/report/rollout-json.ts
function formatRolloutJson(report) {
  return JSON.stringify({ version: 1, ...rolloutJson(report) }, null, 2) + "\n";
}
function rolloutJson(report) {
  const checks = report.checks.map(({ id, status, count, total, threshold, message, examples }) => ({ id, status, count, total, threshold, message, examples }));
  const distributions = report.distributions.map(({ title, percentiles }) => ({ title, percentiles }));
  return { trajectories: report.trajectories, skipped: report.skipped, files: report.files, checks, metrics: report.metrics, distributions };
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

// src/report/rollout-text.ts
import { styleText as styleText2 } from "node:util";
var STATUS_STYLE2 = { fail: "red", warn: "yellow", pass: "green", unknown: "dim" };
var EXCERPT_CHARS = 160;
function formatRolloutText(report, options) {
  const paint = (style, text) => options.color ? styleText2(style, text) : text;
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
    const status = paint(STATUS_STYLE2[check.status], check.status.toUpperCase().padEnd(7));
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

// src/policy/command.ts
var import_yaml = __toESM(require_dist(), 1);
import { readFileSync as readFileSync4 } from "node:fs";
import { resolve as resolve2 } from "node:path";
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
var TOOL_CALL_KINDS = /* @__PURE__ */ new Set([
  "tool-call",
  "malformed-tool-call-json",
  "malformed-tool-call-tag",
  "malformed-tool-call-name",
  "malformed-tool-call-arguments"
]);
var ADVERSARIAL_MIX = ["correct", ...CASE_KINDS];
var REPEATED = "Let me check that again. ";
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
  /**
   * The next kind. Without tool calls in the request (no `tools`, no `<tool_call>` in its prompt), tool-call kinds are
   * passed over: a tool call is no answer where none can be made, and a reward that pays an answer inside one is then
   * no bug. A mix of nothing but tool calls is served as it is.
   */
  take(toolCalls = true) {
    const skipToolCalls = !toolCalls && this.mix.some((kind2) => !TOOL_CALL_KINDS.has(kind2));
    let kind = this.nextInOrder();
    while (skipToolCalls && TOOL_CALL_KINDS.has(kind)) kind = this.nextInOrder();
    return kind;
  }
  nextInOrder() {
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

// src/policy/recording.ts
import { existsSync, readFileSync as readFileSync2 } from "node:fs";
function readRecording(path) {
  if (!existsSync(path)) return [];
  const requests = [];
  for (const line of readFileSync2(path, "utf8").split("\n")) {
    if (!line) continue;
    try {
      requests.push(JSON.parse(line));
    } catch {
    }
  }
  return requests;
}
function servedAnswers(requests) {
  const byText = /* @__PURE__ */ new Map();
  for (const answer of requests.flatMap((r) => r.answers)) {
    const text = answer.text.trim();
    if (!byText.has(text)) byText.set(text, { case: answer.case, text, finishReason: answer.finish_reason === "length" ? "length" : "stop" });
  }
  return [...byText.values()];
}
function preciseNow() {
  return performance.timeOrigin + performance.now();
}

// src/policy/server.ts
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
    await new Promise((resolve8, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, "127.0.0.1", () => resolve8());
    });
    return policy;
  }
  /** `http://127.0.0.1:PORT/v1`, what OpenAI clients take as their base URL. */
  get baseUrl() {
    return `http://127.0.0.1:${this.server.address().port}/v1`;
  }
  close() {
    this.server.closeAllConnections();
    return new Promise((resolve8) => this.server.close(() => resolve8()));
  }
  async handle(request, response) {
    try {
      const path = (request.url ?? "/").split("?")[0].replace(/\/+$/, "");
      if (request.method === "GET" && (path === "/v1/models" || path === "/models")) return json(response, 200, this.models());
      if (request.method !== "POST") throw new RequestError(404, `no route ${request.method} ${path}`);
      const body = await readJson(request);
      await new Promise((resolve8) => setImmediate(resolve8));
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
    const toolCalls = tools.length > 0 || messages.some((m) => m.content.includes(TOOL_CALL_TAG));
    const generations = Array.from({ length: sampling.n }, () => this.generate(sampling, { toolName, toolCalls, parseToolCalls: tools.length > 0 }));
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
    const generations = prompts.flatMap(
      (prompt) => Array.from(
        { length: sampling.n },
        () => this.generate({ ...sampling, logprobs: logprobs !== null }, { toolName: "search", toolCalls: prompt.text.includes(TOOL_CALL_TAG), parseToolCalls: false })
      )
    );
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
  /**
   * The next case, cut at `max_tokens` (finish `length`), at a stop string or a stop id (finish `stop`). Tool-call
   * cases only where the request uses tool calls; returned as `tool_calls` where it declared tools.
   */
  generate(sampling, { toolName, toolCalls, parseToolCalls }) {
    const { tokenizer } = this.options;
    const answer = caseAnswer(this.sequence.take(toolCalls), { answer: this.options.answer, toolName });
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
      time: preciseNow(),
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
var TOOL_CALL_TAG = "<tool_call>";
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
import { readFileSync as readFileSync3 } from "node:fs";
import { join } from "node:path";
var PolicyModelError = class extends Error {
};
function loadPolicyTokenizer(modelDir) {
  if (!modelDir) return byteTokenizer();
  const read = (name) => {
    const path = join(modelDir, name);
    try {
      return JSON.parse(readFileSync3(path, "utf8"));
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
                      YAML file: {cases: [correct, empty, ...] (default: adversarial's), seed: 0,
                      answer: "..."}
  --model DIR         a model directory with tokenizer.json: real token ids, logprobs and /tokenize
                      (default: one id per UTF-8 byte)
  --answer TEXT       a correct answer in the dataset's format (default: "The answer is 42.")
  --seed N            the order of the cases (default: 0)
  --record FILE       write every request and the case that answered it to FILE (JSONL)

Cases: ${CASE_KINDS.join(", ")}.
Tool-call cases are served only to requests that use tool calls: tools declared, or <tool_call> in the prompt.
`;
var DEFAULT_ANSWER = "The answer is 42.";
var policyFileSchema = external_exports.strictObject({
  cases: external_exports.array(external_exports.enum(CASE_KINDS)).min(1).default([...ADVERSARIAL_MIX]),
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
  const options = policyServerOptions({ policy: values.policy, model: values.model, answer: values.answer, seed: integerOption(values.seed, "--seed") });
  const server = await PolicyServer.start({ ...options, recording: values.record, port: integerOption(values.port, "--port") });
  process.stdout.write(`${server.baseUrl}
`);
  process.stderr.write(`rl-review: policy server on ${server.baseUrl} (tokens: ${options.tokenizer.source})
`);
  await new Promise((resolve8) => {
    for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => resolve8());
  });
  await server.close();
  return 0;
}
function policyServerOptions(flags, name = "--policy") {
  const policy = policyOf(flags.policy, name, flags.cwd ?? process.cwd());
  let tokenizer;
  try {
    tokenizer = loadPolicyTokenizer(flags.model);
  } catch (error) {
    if (error instanceof PolicyModelError) throw new UsageError(`${name === "--policy" ? "--model" : name} ${error.message}`);
    throw error;
  }
  return {
    mix: policy.cases,
    seed: flags.seed ?? policy.seed ?? 0,
    // The reward probe's example (`probes.reward-example`) is an answer the reward pays, in the dataset's format.
    answer: flags.answer ?? policy.answer ?? flags.exampleAnswer ?? DEFAULT_ANSWER,
    model: "rl-review-policy",
    tokenizer
  };
}
function policyOf(value, name, cwd) {
  if (value === "adversarial") return { cases: ADVERSARIAL_MIX };
  if (value === "correct") return { cases: ["correct"] };
  let raw;
  try {
    raw = (0, import_yaml.parse)(readFileSync4(resolve2(cwd, value), "utf8"));
  } catch (error) {
    throw new UsageError(`${name} ${value}: not adversarial, correct or a readable YAML file (${error.code ?? error.message})`);
  }
  const parsed = policyFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${name} ${value}: '${issue.path.join(".") || "the file"}': ${issue.message}`);
  }
  return parsed.data;
}
function integerOption(value, flag) {
  if (value === void 0) return void 0;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535 * 65536) throw new UsageError(`${flag} must be a whole number (got '${value}')`);
  return parsed;
}

// src/rollout/command.ts
import { existsSync as existsSync2, mkdtempSync, rmSync, writeFileSync as writeFileSync2 } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname as dirname2, join as join3, resolve as resolve5 } from "node:path";
import { parseArgs as parseArgs2 } from "node:util";

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
import { statSync as statSync3 } from "node:fs";
import { isAbsolute as isAbsolute2, relative as relative2, resolve as resolve4 } from "node:path";

// src/rollout/files.ts
var import_picomatch = __toESM(require_picomatch(), 1);
import { readdirSync, statSync as statSync2 } from "node:fs";
import { isAbsolute, join as join2, relative, resolve as resolve3 } from "node:path";
var DUMP_FILE = /\.(jsonl|json|parquet)$/i;
function expandDumpInputs(inputs, cwd) {
  const files = /* @__PURE__ */ new Set();
  const unmatched = [];
  for (const input of inputs) {
    const before = files.size;
    const path = resolve3(cwd, input);
    const stats = statOrUndefined(path);
    if (stats?.isFile()) files.add(path);
    else if (stats?.isDirectory()) walk(path, (file) => DUMP_FILE.test(file) && files.add(file));
    else {
      const { base } = import_picomatch.default.scan(input);
      const isMatch = (0, import_picomatch.default)(input, { dot: true });
      const root = resolve3(cwd, base || ".");
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
    const path = join2(directory, entry.name);
    if (entry.isDirectory()) walk(path, visit);
    else if (entry.isFile()) visit(path);
  }
}
function statOrUndefined(path) {
  try {
    return statSync2(path);
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
    const block = new Promise((resolve8, reject) => slot.waiting.push({ firstLine: task.firstLine, resolve: resolve8, reject }));
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
import { readFileSync as readFileSync5 } from "node:fs";
var TokenizerConfigError = class extends Error {
};
function readTokenizerConfig(path) {
  let config;
  try {
    config = JSON.parse(readFileSync5(path, "utf8"));
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
  const large = files.some((file) => (statSync3(file, { throwIfNoEntry: false })?.size ?? 0) >= PARALLEL_MIN_BYTES);
  return large ? RolloutPool.start(settings) : void 0;
}
function templateHints(config, cwd, notices) {
  const path = config["tokenizer-config"];
  if (!path) return {};
  try {
    return readTokenizerConfig(resolve4(cwd, path));
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
    format: oneOf2(values.format, REPORT_FORMATS, "--format", "text"),
    failOn: oneOf2(values["fail-on"], ROLLOUT_FAIL_ON, "--fail-on", "error"),
    inputFormat: oneOf2(values["input-format"], INPUT_FORMATS, "--input-format", config.format ?? "auto"),
    config,
    exampleAnswer: probes["reward-example"]?.response,
    baseline: values.baseline
  };
}
async function checkCommand(args) {
  const { values, positionals } = parseArgs2({ args, allowPositionals: true, options: COMMON_OPTIONS });
  if (!positionals.length) throw new RolloutUsageError("rollout check needs at least one dump file, directory or glob");
  const options = commonOptions(values);
  const report = await reviewRollout({ inputs: positionals, cwd: process.cwd(), inputFormat: options.inputFormat, config: options.config });
  return finish(report, options);
}
async function runSubcommand(args) {
  const { values, positionals } = parseArgs2({
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
      recording: resolve5(POLICY_RECORDING_FILE)
    })
  });
  writeFileSync2(ROLLOUT_REPORT_FILE, formatRolloutJson(report));
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
  const outDir = mkdtempSync(join3(process.env.RUNNER_TEMP || tmpdir(), "rl-review-out-"));
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
  const dir = tokenizerConfig && dirname2(resolve5(cwd, tokenizerConfig));
  return dir && existsSync2(join3(dir, "tokenizer.json")) ? dir : void 0;
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
function oneOf2(value, choices, option, fallback) {
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
import { readdirSync as readdirSync2, statSync as statSync4 } from "node:fs";
import { join as join4, resolve as resolve6 } from "node:path";
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
  const files = paths.flatMap((path) => isDirectory(resolve6(cwd, path)) ? jsonFilesUnder(path, cwd) : [path]);
  if (!files.length) throw new ReportFileError(`no JSON report in ${paths.join(", ")}`);
  const reports = files.map((file) => readReport(file, cwd));
  return { report: mergeReports(reports), files };
}
function readReport(file, cwd) {
  let text;
  try {
    text = readRegularFile(resolve6(cwd, file), MAX_REPORT_BYTES).toString("utf8");
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
  return statSync4(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
function jsonFilesUnder(dir, cwd) {
  return readdirSync2(resolve6(cwd, dir), { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0).flatMap((entry) => {
    const path = join4(dir, entry.name);
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

// src/probes/template-runner.ts
import { fork } from "node:child_process";
var TEMPLATE_PROBE_LIMITS = { timeoutMs: 6e4, heapMb: 1024 };
var STDERR_KEPT = 4096;
function probeTemplateIsolated(dir, options, limits = TEMPLATE_PROBE_LIMITS, script = distFile("template-worker.js")) {
  if (!script) return new Promise((resolve8) => resolve8(probeTemplate(dir, options)));
  const shown = displayPath(dir, options.cwd);
  return new Promise((resolve8, reject) => {
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
      if ("result" in reply) settle(() => resolve8(reply.result));
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
import { existsSync as existsSync3 } from "node:fs";
import { dirname as dirname3, isAbsolute as isAbsolute3, join as join5, relative as relative3, resolve as resolve7, sep } from "node:path";
var RUNTIME_ANALYSES = [templateProbe, rewardProbe, smokeRollout];
function rebase(path, from, to) {
  return relative3(to, resolve7(from, path)).split(sep).join("/") || ".";
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
  const paths = named ?? run.paths.filter((path) => existsSync3(resolve7(run.root, path)));
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
    const absolutePath = resolve7(run.cwd, file);
    if (existsSync3(absolutePath)) insideRepository(absolutePath, file, { cwd: run.cwd, root: run.root });
    const result = await probeReward({
      target: `${file}${target.slice(colon)}`,
      style,
      // `.venv/bin/python` is the repository's; `python3` is looked up on the PATH.
      python: python.includes("/") ? resolve7(run.root, python) : python,
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
  const { command, timeout = DEFAULT_SMOKE_TIMEOUT_MS, output, format = "auto", policy: spec, dumps } = run.config.rollout;
  if (dumps) {
    const outside = isAbsolute3(dumps) && relative3(run.root, dumps).startsWith("..") ? dirname3(dumps) : void 0;
    const displayPath2 = (path) => outside && !relative3(outside, path).startsWith("..") ? relative3(outside, path).split(sep).join("/") : relativeOrAbsolute(run.cwd, path);
    run.report.rollout = await reviewRollout({ inputs: [dumps], cwd: run.root, inputFormat: format, config: run.config.rollout, displayPath: displayPath2 });
    return;
  }
  if (!command) return;
  let policy;
  try {
    policy = spec === void 0 ? void 0 : smokePolicy(spec, {
      cwd: run.root,
      config: run.config.rollout,
      exampleAnswer: run.config.probes["reward-example"]?.response,
      recording: join5(run.outputDir, POLICY_RECORDING_FILE),
      name: "rollout.policy"
    });
  } catch (error) {
    notRun(run, spec, "smoke rollout", error);
    return;
  }
  run.report.rollout = await runSmokeRollout({
    command: [command],
    cwd: run.root,
    shownFrom: run.cwd,
    timeoutMs: timeout,
    output,
    inputFormat: format,
    config: run.config.rollout,
    log: run.log,
    policy
  });
}

export {
  tokenIdentity,
  isAuthoredBy,
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
  emptyRolloutReport,
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
  reviewFails,
  verdictLine,
  blockers,
  headline,
  smokeSection,
  formatSarif,
  probeTemplateIsolated,
  UsageError,
  oneOf,
  REPORT_OPTIONS,
  reportOptions,
  writeReport,
  writeOutput,
  runPolicy,
  expandDumpInputs,
  POLICY_RECORDING_FILE,
  ROLLOUT_REPORT_FILE,
  rolloutMain,
  RUNTIME_ANALYSES,
  rebase,
  parseUnifiedDiff,
  parseFilePatch,
  ReportFileError,
  mergeReportFiles
};

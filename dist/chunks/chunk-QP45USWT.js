import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);
import {
  docUrl,
  ruleDocUrl
} from "./chunk-LF7CJ6ZR.js";
import {
  formatNumber,
  formatPercent,
  percent,
  percentsIn,
  plural
} from "./chunk-CZEIGTUX.js";
import {
  PROBE_CHECK_IDS
} from "./chunk-J7F4CCJJ.js";
import {
  SEVERITIES,
  failsAt,
  ruleLabel,
  severityRank
} from "./chunk-NEICRMA7.js";

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

export {
  tokenIdentity,
  isAuthoredBy,
  escapeMarkdown,
  inlineCode,
  messageMarkdown,
  codeBlock,
  probesSection,
  ROLLOUT_FAIL_ON,
  rolloutFails,
  BaselineError,
  applyBaseline,
  readBaseline,
  parseBaseline,
  emptyRolloutReport,
  policyText,
  sourcesText,
  checkValue,
  thresholdText,
  metricDeltas,
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
  bySeverity,
  severityWords,
  rolloutVerdict,
  verdictLine,
  blockers,
  headline,
  formatRolloutMarkdown,
  smokeSection
};

import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);
import {
  CHAT_TEMPLATE_FAMILIES,
  CONTROL_TOKEN_PATTERN,
  END_TOKENS,
  ROLE_RESIDUE_LINE,
  STRIPPED_ASSISTANT_HEADER,
  STRIPPED_DOUBLED_HEADER,
  STRIPPED_HEADER_START,
  hasControlToken,
  isErrorTrajectory,
  templateFamilyOf,
  withoutThinkPrefill,
  withoutTrailingEndTokens
} from "./chunk-ZTVSUN46.js";

// src/rollout/stats.ts
var SAMPLE_CAPACITY = 1e4;
function emptySample() {
  return { seen: 0, sum: 0, sumOfSquares: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY, values: [], priorities: [] };
}
var lastSource;
var lastPriority = 0;
function samplePriority(source) {
  if (source === lastSource) return lastPriority;
  let hash = 2166136261;
  for (let i = 0; i < source.length; i++) hash = Math.imul(hash ^ source.charCodeAt(i), 16777619);
  hash = Math.imul(hash ^ hash >>> 16, 2246822507);
  hash = Math.imul(hash ^ hash >>> 13, 3266489909);
  lastSource = source;
  lastPriority = (hash ^ hash >>> 16) >>> 2;
  return lastPriority;
}
function addToSample(sample, value, priority) {
  sample.seen++;
  sample.sum += value;
  sample.sumOfSquares += value * value;
  if (value < sample.min) sample.min = value;
  if (value > sample.max) sample.max = value;
  offer(sample, value, priority);
}
function mergeSamples(sample, later) {
  sample.seen += later.seen;
  sample.sum += later.sum;
  sample.sumOfSquares += later.sumOfSquares;
  sample.min = Math.min(sample.min, later.min);
  sample.max = Math.max(sample.max, later.max);
  later.values.forEach((value, index) => offer(sample, value, later.priorities[index]));
}
function sampleMean(sample) {
  return sample.seen ? sample.sum / sample.seen : Number.NaN;
}
function sampleStd(sample) {
  if (!sample.seen) return Number.NaN;
  return Math.sqrt(Math.max(0, sample.sumOfSquares / sample.seen - sampleMean(sample) ** 2));
}
function quantile(sample, q) {
  if (!sample.values.length) return Number.NaN;
  const sorted = [...sample.values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
function offer(sample, value, priority) {
  const { values, priorities } = sample;
  if (values.length < SAMPLE_CAPACITY) {
    let at2 = values.length;
    values.push(value);
    priorities.push(priority);
    while (at2 > 0) {
      const parent = at2 - 1 >> 1;
      if (priorities[parent] >= priority) break;
      values[at2] = values[parent];
      priorities[at2] = priorities[parent];
      at2 = parent;
    }
    values[at2] = value;
    priorities[at2] = priority;
    return;
  }
  if (!(priority < priorities[0])) return;
  let at = 0;
  for (; ; ) {
    let child = 2 * at + 1;
    if (child >= values.length) break;
    if (child + 1 < values.length && priorities[child + 1] > priorities[child]) child++;
    if (priorities[child] <= priority) break;
    values[at] = values[child];
    priorities[at] = priorities[child];
    at = child;
  }
  values[at] = value;
  priorities[at] = priority;
}
var EXAMPLES_KEPT = 3;
function keepWorst(kept, score, example) {
  if (kept.length >= EXAMPLES_KEPT && !(score > kept[kept.length - 1].score)) return;
  let at = kept.length;
  while (at > 0 && !(kept[at - 1].score >= score)) at--;
  kept.splice(at, 0, { score, example: example() });
  if (kept.length > EXAMPLES_KEPT) kept.pop();
}
function mergeWorst(kept, later) {
  for (const { score, example } of later) keepWorst(kept, score, () => example);
}
function examplesOf(kept) {
  return kept.map((k) => k.example);
}
var EXCERPT_CHARS = 300;
function excerpt(text, at = 0, width = EXCERPT_CHARS) {
  if (text.length <= width) return text;
  const start = Math.max(0, Math.min(at - Math.floor(width / 3), text.length - width));
  const end = start + width;
  return `${start > 0 ? "\u2026" : ""}${text.slice(start, end)}${end < text.length ? "\u2026" : ""}`;
}
function tail(text, width = EXCERPT_CHARS) {
  return text.length <= width ? text : `\u2026${text.slice(text.length - width)}`;
}
function histogram(values, bins = 10) {
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return { labels: [], bounds: [], percents: [] };
  const distinct = [...new Set(finite)].sort((a, b) => a - b);
  const percent2 = (n) => Math.round(1e3 * n / finite.length) / 10;
  const gaps = distinct.slice(1).map((value, i) => value - distinct[i]);
  const evenlySpaced = gaps.every((gap) => Math.abs(gap - gaps[0]) <= 1e-9 * Math.max(1, Math.abs(gap)));
  if (distinct.length <= bins && evenlySpaced) {
    return {
      labels: distinct.map(formatNumber),
      bounds: distinct.map((d) => [d, d]),
      percents: distinct.map((d) => percent2(finite.filter((v) => v === d).length))
    };
  }
  const lo = distinct[0];
  const width = (distinct[distinct.length - 1] - lo) / bins;
  const counts = new Array(bins).fill(0);
  for (const v of finite) counts[Math.min(bins - 1, Math.floor((v - lo) / width))]++;
  const bounds = counts.map((_, i) => [lo + i * width, lo + (i + 1) * width]);
  return { labels: bounds.map(([low, high]) => `${formatNumber(low)}\u2013${formatNumber(high)}`), bounds, percents: counts.map(percent2) };
}
function percentiles(values) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return [];
  return Array.from({ length: 101 }, (_, i) => Number(sorted[Math.round(i / 100 * (sorted.length - 1))].toPrecision(6)));
}
function percentsIn(points, bounds) {
  return bounds.map(([low, high], i) => {
    const last = i === bounds.length - 1;
    const inside = points.filter((p) => p >= low && (p < high || last && p <= high || low === high && p === high)).length;
    return Math.round(1e3 * inside / points.length) / 10;
  });
}
function formatNumber(value) {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : Number(value.toPrecision(3)).toString();
}

// src/rollout/checks/check.ts
function statusOf(outcome, severity, threshold) {
  if (outcome.total === 0) return "unknown";
  if (outcome.count <= threshold * outcome.total) return "pass";
  return severity === "error" ? "fail" : "warn";
}
function metric(value) {
  return value === void 0 || !Number.isFinite(value) ? null : Number(value.toPrecision(6));
}
function share(count, total) {
  return total ? metric(count / total) : null;
}
function percent(count, total) {
  return total ? `${formatPercent(count / total)}` : "n/a";
}
function formatPercent(ratio) {
  const value = ratio * 100;
  return `${value >= 10 ? value.toFixed(0) : Number(value.toFixed(1))}%`;
}
function fraction(count, total, noun, pluralNoun = `${noun}s`) {
  return `${count} of ${total} ${total === 1 ? noun : pluralNoun} (${percent(count, total)})`;
}
function plural(count, word, pluralWord = `${word}s`) {
  return `${count} ${count === 1 ? word : pluralWord}`;
}

// src/rollout/checks/rewarded-cases.ts
function noRewardedCases() {
  return { observed: 0, cases: 0, rewarded: 0, examples: [] };
}
function addRewardedCase(tally, reward, example) {
  tally.observed++;
  if (!example) return;
  tally.cases++;
  if (!(reward > 0)) return;
  tally.rewarded++;
  keepWorst(tally.examples, reward, example);
}
function mergeRewardedCases(tally, later) {
  tally.observed += later.observed;
  tally.cases += later.cases;
  tally.rewarded += later.rewarded;
  mergeWorst(tally.examples, later.examples);
}

// src/rollout/checks/adversarial-rewarded.ts
var UNPAYABLE_CASES = /* @__PURE__ */ new Set([
  "empty",
  "whitespace",
  "malformed-tool-call-json",
  "malformed-tool-call-tag",
  "malformed-tool-call-name",
  "malformed-tool-call-arguments",
  "runaway-repetition"
]);
var adversarialRewarded = {
  meta: { id: "adversarial-rewarded", severity: "error", threshold: 0, needsPolicy: true },
  empty: () => ({ ...noRewardedCases(), kinds: {} }),
  add(tally, t, context) {
    const { reward } = t;
    if (reward === void 0 || !context.served) return;
    const served = finalServedAnswer(t, context.served);
    const kind = served && kindOf(served);
    if (kind) {
      const counts = tally.kinds[kind] ??= { cases: 0, rewarded: 0 };
      counts.cases++;
      if (reward > 0) counts.rewarded++;
    }
    addRewardedCase(tally, reward, kind ? () => ({ source: t.source, detail: `${kind}, reward ${formatNumber(reward)}`, excerpt: excerpt(t.response, t.response.length) }) : void 0);
  },
  merge(tally, later) {
    mergeRewardedCases(tally, later);
    for (const [kind, counts] of Object.entries(later.kinds)) {
      const into = tally.kinds[kind] ??= { cases: 0, rewarded: 0 };
      into.cases += counts.cases;
      into.rewarded += counts.rewarded;
    }
  },
  finish({ observed, cases, rewarded, examples, kinds }) {
    const paid = Object.entries(kinds).filter(([, counts]) => counts.rewarded).sort(([a], [b]) => a < b ? -1 : 1).map(([kind, counts]) => `${kind} ${counts.rewarded} of ${counts.cases}`);
    const message = !observed ? "the dump records no reward: cannot tell" : !cases ? `no scored trajectory ends with an adversarial answer the policy served (of ${plural(observed, "scored trajectory", "scored trajectories")}): the dump's responses do not hold the served texts, or the policy served none` : rewarded ? `${fraction(rewarded, cases, "adversarial answer")} got a positive reward: ${paid.join(", ")}` : `none of the ${plural(cases, "adversarial answer")} got a positive reward`;
    return { count: rewarded, total: cases, message, examples: examplesOf(examples), metrics: { adversarial_rewarded_rate: share(rewarded, cases) } };
  }
};
function kindOf(served) {
  if (UNPAYABLE_CASES.has(served.case)) return served.case;
  if (served.finishReason === "length" && served.case !== "correct") return `${served.case} (cut at max_tokens)`;
  return void 0;
}
function finalServedAnswer(t, served) {
  const final = withoutTrailingEndTokens(t.turns?.length ? t.turns[t.turns.length - 1] : t.response).trim();
  if (!final) return served.find((s) => !s.text);
  let best;
  let bestEnd = -1;
  for (const answer of served) {
    if (!answer.text) continue;
    const at = final.lastIndexOf(answer.text);
    if (at < 0) continue;
    const end = at + answer.text.length;
    if (end > bestEnd || end === bestEnd && answer.text.length > best.text.length) {
      best = answer;
      bestEnd = end;
    }
  }
  return best;
}

// src/rollout/checks/empty-ground-truth-rewarded.ts
function isEmptyGroundTruth(value) {
  if (value === null || value === void 0) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.every(isEmptyGroundTruth);
  if (typeof value === "object") return Object.values(value).every(isEmptyGroundTruth);
  return false;
}
var emptyGroundTruthRewarded = {
  meta: { id: "empty-ground-truth-rewarded", severity: "error", threshold: 0 },
  empty: noRewardedCases,
  add(tally, t) {
    const { groundTruth, reward } = t;
    if (groundTruth === void 0 || reward === void 0) return;
    const example = () => ({
      source: t.source,
      detail: `ground truth ${JSON.stringify(groundTruth)}, reward ${formatNumber(reward)}`,
      excerpt: excerpt(t.response)
    });
    addRewardedCase(tally, reward, isEmptyGroundTruth(groundTruth) ? example : void 0);
  },
  merge: mergeRewardedCases,
  finish({ observed, cases: empty, rewarded, examples }) {
    const message = !observed ? "the dump records no ground truth with a reward: cannot tell" : !empty ? `no empty ground truth among ${plural(observed, "trajectory", "trajectories")}` : `${fraction(rewarded, observed, "trajectory", "trajectories")} got a positive reward for an empty ground truth (${rewarded} of the ${empty} with one)`;
    return {
      count: rewarded,
      total: observed,
      message,
      examples: examplesOf(examples),
      metrics: { empty_ground_truth_rate: share(empty, observed), empty_ground_truth_rewarded_rate: share(rewarded, empty) }
    };
  }
};

// src/rollout/checks/generation-prompt.ts
var QUOTED_END_CHARS = 24;
function detail(problem, prompt) {
  switch (problem) {
    case "missing":
      return `the prompt ends with ${JSON.stringify(prompt.slice(-QUOTED_END_CHARS))}, not the assistant header: the model has to write it`;
    case "doubled":
      return "the prompt ends with the assistant header twice";
    case "model-writes-header":
      return "the response starts with a role header: the model is writing the template";
  }
}
function generationPromptProblem(t, assistantHeader) {
  if (t.prompt === void 0) return null;
  const prompt = withoutThinkPrefill(t.prompt);
  const header = assistantHeader ?? templateFamilyOf(t.prompt)?.assistantHeader;
  if (header) {
    if (prompt.endsWith(header + header)) return "doubled";
    if (!prompt.endsWith(header)) return "missing";
    const turnOpener = header.match(/^<[^<>]+>/)?.[0] ?? header;
    return t.response.trimStart().startsWith(turnOpener) ? "model-writes-header" : void 0;
  }
  if (!ROLE_RESIDUE_LINE.test(t.prompt)) return null;
  if (STRIPPED_DOUBLED_HEADER.test(prompt)) return "doubled";
  if (!STRIPPED_ASSISTANT_HEADER.test(prompt)) return "missing";
  return STRIPPED_HEADER_START.test(t.response) ? "model-writes-header" : void 0;
}
var generationPrompt = {
  meta: { id: "generation-prompt", severity: "error", threshold: 0 },
  empty: () => ({ checked: 0, failing: 0, stripped: 0, byProblem: { missing: 0, doubled: 0, "model-writes-header": 0 }, examples: [] }),
  add(tally, t, context) {
    const problem = generationPromptProblem(t, context.assistantHeader);
    if (problem === null) return;
    tally.checked++;
    if (t.specialTokensStripped) tally.stripped++;
    if (!problem) return;
    tally.failing++;
    tally.byProblem[problem]++;
    keepWorst(tally.examples, problem === "missing" ? 2 : 1, () => ({
      source: t.source,
      detail: detail(problem, t.prompt ?? ""),
      excerpt: problem === "model-writes-header" ? excerpt(t.response) : tail(t.prompt ?? "")
    }));
  },
  merge(tally, later) {
    tally.checked += later.checked;
    tally.failing += later.failing;
    tally.stripped += later.stripped;
    for (const problem of Object.keys(tally.byProblem)) tally.byProblem[problem] += later.byProblem[problem];
    mergeWorst(tally.examples, later.examples);
  },
  finish({ checked, failing, stripped, byProblem, examples }) {
    const parts = [
      byProblem.missing && `${plural(byProblem.missing, "prompt")} without the assistant header`,
      byProblem.doubled && `${plural(byProblem.doubled, "prompt")} with the header twice`,
      byProblem["model-writes-header"] && `${plural(byProblem["model-writes-header"], "response")} starting with a role header`
    ].filter(Boolean);
    const residue = !stripped ? "" : stripped === checked ? " (judged from role words: the dump was decoded with skip_special_tokens)" : ` (${stripped} of them judged from role words: decoded with skip_special_tokens)`;
    const message = !checked ? "no prompt shows a chat template (plain-text prompts, or only messages): cannot tell" : failing ? `${fraction(failing, checked, "trajectory", "trajectories")} fail: ${parts.join(", ")}${residue}` : `all ${checked} prompts end with the assistant header${residue}`;
    return {
      count: failing,
      total: checked,
      message,
      examples: examplesOf(examples),
      metrics: { generation_prompt_failure_rate: share(failing, checked) }
    };
  }
};

// src/rollout/checks/loss-mask.ts
var QWEN_TURN_TOKEN_IDS = { start: 151644, end: 151645 };
var QWEN_NEWLINE = 198;
var QWEN_ASSISTANT = 77091;
function turnIdsFor(t, base) {
  const prompt = t.promptIds;
  if (prompt?.length) {
    const firstEnd = prompt.indexOf(base.end);
    const lastStart = prompt.lastIndexOf(base.start);
    if (firstEnd === -1 || lastStart === -1 || firstEnd + 1 >= prompt.length || lastStart + 1 >= prompt.length) return void 0;
    return { ...base, newline: prompt[firstEnd + 1], assistant: prompt[lastStart + 1] };
  }
  if (base.start === QWEN_TURN_TOKEN_IDS.start && base.end === QWEN_TURN_TOKEN_IDS.end) {
    return { ...base, newline: QWEN_NEWLINE, assistant: QWEN_ASSISTANT };
  }
  return void 0;
}
function lossMaskProblem(t, base) {
  const ids = t.responseIds;
  let mask = t.lossMask;
  if (!mask || !ids) return null;
  const bad = mask.findIndex((v) => v !== 0 && v !== 1);
  if (bad !== -1) return { kind: "values", detail: `loss_mask[${bad}] is ${mask[bad]}: mask values are 0 or 1`, index: bad };
  const promptLength = t.promptIds?.length ?? 0;
  if (promptLength && mask.length === promptLength + ids.length) {
    const trainedPrompt = mask.slice(0, promptLength).indexOf(1);
    if (trainedPrompt !== -1) return { kind: "prompt-trained", detail: `the mask covers prompt token ${trainedPrompt}: the model is trained on its prompt` };
    mask = mask.slice(promptLength);
  } else if (mask.length !== ids.length) {
    const by = mask.length - ids.length;
    const how = Math.abs(by) === 1 ? "off by one" : `${Math.abs(by)} ${by > 0 ? "too many" : "too few"}`;
    return { kind: "length", detail: `loss_mask has ${mask.length} entries for ${ids.length} response tokens (${how})` };
  }
  const trained = mask.indexOf(1);
  if ((isErrorTrajectory(t) || t.finishReason === "abort") && trained !== -1) {
    return { kind: "error-trained", detail: "a failed trajectory (error/abort) is trained: mask it out or drop it", index: trained };
  }
  if (trained === -1) {
    const deliberatelyMasked = t.finishReason === "length" || t.finishReason === "abort" || isErrorTrajectory(t);
    return ids.length && !deliberatelyMasked ? { kind: "all-zero", detail: "the mask is all zeros on a finished response: it teaches nothing" } : void 0;
  }
  const turnIds = turnIdsFor(t, base);
  return turnIds && ids.includes(turnIds.end) ? turnBoundaryProblem(ids, mask, turnIds) : void 0;
}
var NO_NEWLINE = "a turn boundary is `<|im_end|><|im_start|>`: the `\\n` after `<|im_end|>` is missing";
function turnBoundaryProblem(ids, mask, turn) {
  const trainedIn = (from, to) => {
    for (let k = from; k < Math.min(to, ids.length); k++) if (mask[k] === 1) return k;
    return -1;
  };
  let i = 0;
  while (i < ids.length) {
    while (i < ids.length && ids[i] !== turn.end) i++;
    i++;
    if (i >= ids.length) return void 0;
    if (!mask.includes(0, i)) return void 0;
    if (ids[i] === turn.start) return { kind: "no-newline", detail: NO_NEWLINE, index: i };
    if (ids[i] !== turn.newline) return void 0;
    if (mask[i] === 1) return { kind: "newline-trained", detail: "the `\\n` after `<|im_end|>` is trained: the template writes it, not the model", index: i };
    i++;
    while (i < ids.length && ids[i] === turn.start) {
      const headerEnd = ids.indexOf(turn.newline, i);
      const afterHeader = headerEnd === -1 ? ids.length : headerEnd + 1;
      const header = trainedIn(i, afterHeader);
      if (header !== -1) return { kind: "header-trained", detail: "a turn header (`<|im_start|>role\\n`) is trained: the template writes it", index: header };
      if (ids[i + 1] === turn.assistant) {
        i = afterHeader;
        break;
      }
      const turnEnd = ids.indexOf(turn.end, afterHeader);
      if (turnEnd !== -1 && ids[turnEnd + 1] === turn.start) {
        return { kind: "no-newline", detail: NO_NEWLINE, index: turnEnd + 1 };
      }
      const afterTurn = turnEnd === -1 ? ids.length : turnEnd + 2;
      const toolToken = trainedIn(afterHeader, afterTurn);
      if (toolToken !== -1) return { kind: "tool-response-trained", detail: "tool-response tokens are trained: the environment wrote them", index: toolToken };
      i = afterTurn;
    }
  }
  return void 0;
}
function around(t, index) {
  if (index === void 0 || !t.responseIds || !t.lossMask) return `response_ids: ${t.responseIds?.length ?? 0} tokens, loss_mask: ${t.lossMask?.length ?? 0}`;
  const offset = t.lossMask.length === t.responseIds.length ? 0 : t.promptIds?.length ?? 0;
  const from = Math.max(0, index - 4);
  const to = Math.min(t.responseIds.length, index + 5);
  return `response_ids[${from}:${to}] = [${t.responseIds.slice(from, to).join(", ")}]
loss_mask[${from}:${to}]    = [${t.lossMask.slice(from + offset, to + offset).join(", ")}]`;
}
var lossMask = {
  meta: { id: "loss-mask", severity: "error", threshold: 0 },
  empty: () => ({ total: 0, failing: 0, byKind: /* @__PURE__ */ new Map(), examples: [] }),
  add(tally, t, context) {
    const problem = lossMaskProblem(t, context.turnTokenIds);
    if (problem === null) return;
    tally.total++;
    if (!problem) return;
    tally.failing++;
    tally.byKind.set(problem.kind, (tally.byKind.get(problem.kind) ?? 0) + 1);
    keepWorst(tally.examples, 1, () => ({ source: t.source, detail: problem.detail, excerpt: around(t, problem.index) }));
  },
  merge(tally, later) {
    tally.total += later.total;
    tally.failing += later.failing;
    for (const [kind, n] of later.byKind) tally.byKind.set(kind, (tally.byKind.get(kind) ?? 0) + n);
    mergeWorst(tally.examples, later.examples);
  },
  finish({ total, failing, byKind, examples }) {
    const kinds = [...byKind].map(([kind, n]) => `${kind} ${n}`).join(", ");
    const message = !total ? "the dump has no loss_mask with response_ids: cannot tell" : failing ? `${fraction(failing, total, "loss mask")} train the wrong tokens (${kinds})` : `${plural(total, "loss mask")} checked, none trains the wrong tokens`;
    return { count: failing, total, message, examples: examplesOf(examples), metrics: { loss_mask_failure_rate: share(failing, total) } };
  }
};

// src/rollout/tool-calls.ts
var OPEN = "<tool_call>";
var CLOSE = "</tool_call>";
var lastScan;
function scanToolCalls(text) {
  if (lastScan?.text !== text) lastScan = { text, scan: findToolCalls(text) };
  return lastScan.scan;
}
function findToolCalls(text) {
  const scan = { calls: 0, malformed: 0 };
  const fail = (detail2, offset) => {
    scan.malformed++;
    scan.problem ??= { detail: detail2, offset };
  };
  const nextOpen = occurrences(text, OPEN);
  const nextClose = occurrences(text, CLOSE);
  let position = 0;
  for (; ; ) {
    const open2 = nextOpen(position);
    const close2 = nextClose(position);
    if (open2 === -1 && close2 === -1) return scan;
    scan.calls++;
    if (open2 === -1 || close2 !== -1 && close2 < open2) {
      fail(`${CLOSE} without ${OPEN}`, close2);
      position = close2 + CLOSE.length;
      continue;
    }
    const followingOpen = nextOpen(open2 + OPEN.length);
    if (close2 === -1 || followingOpen !== -1 && followingOpen < close2) {
      fail(`unclosed ${OPEN}`, open2);
      position = open2 + OPEN.length;
      continue;
    }
    const problem = toolCallBodyProblem(text.slice(open2 + OPEN.length, close2));
    if (problem) fail(problem, open2);
    position = close2 + CLOSE.length;
  }
}
function occurrences(text, tag) {
  let found = text.indexOf(tag);
  return (from) => {
    if (found !== -1 && found < from) found = text.indexOf(tag, from);
    return found;
  };
}
function toolCallBodyProblem(body) {
  let call;
  try {
    call = JSON.parse(body);
  } catch {
    return "tool call body is not valid JSON";
  }
  if (typeof call !== "object" || call === null || Array.isArray(call)) return "tool call body is not a JSON object";
  const { name, arguments: args } = call;
  if (typeof name !== "string" || !name) return "tool call has no 'name'";
  if (args === void 0 || isObject(args)) return void 0;
  if (typeof args === "string") {
    try {
      if (isObject(JSON.parse(args))) return void 0;
    } catch {
    }
  }
  return "tool call 'arguments' is not a JSON object";
}
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function endsWithToolCall(text) {
  return text.trimEnd().endsWith(CLOSE);
}

// src/rollout/checks/malformed-tool-call-rewarded.ts
var malformedToolCallRewarded = {
  meta: { id: "malformed-tool-call-rewarded", severity: "error", threshold: 0, withoutPolicy: true },
  empty: noRewardedCases,
  add(tally, t) {
    const { reward } = t;
    if (reward === void 0) return;
    const { problem } = scanToolCalls(t.response);
    const example = problem && (() => ({
      source: t.source,
      detail: `${problem.detail}, reward ${formatNumber(reward)}`,
      excerpt: excerpt(t.response, problem.offset)
    }));
    addRewardedCase(tally, reward, example);
  },
  merge: mergeRewardedCases,
  finish({ observed: scored, cases: malformed, rewarded, examples }) {
    const message = !scored ? "the dump records no reward: cannot tell" : !malformed ? `no malformed tool call among ${plural(scored, "scored trajectory", "scored trajectories")}` : `${fraction(rewarded, scored, "scored trajectory", "scored trajectories")} got a positive reward for a malformed tool call (${rewarded} of the ${malformed} malformed)`;
    return {
      count: rewarded,
      total: scored,
      message,
      examples: examplesOf(examples),
      metrics: { malformed_tool_call_rewarded_rate: share(rewarded, malformed) }
    };
  }
};

// src/rollout/checks/repetition-kernel.ts
var REPETITION_KERNEL = Buffer.from("AGFzbQEAAAABCwJgAX8Bf2ABfwF8AwQDAAABBQMBAAEGDwJ/AEEUC38AQYHr4+QACwcaAgZtZW1vcnkCAA1yZXBlYXRlZFNoYXJlAAIK8QIDgQEBBH8CQANAIAIjAE8NASABQR9sIAJBAXQvAQBqIQEgAkEBaiECDAALCyMAIQMDQCAEQQJ0IAE2AoBAIAQgASABQQ92c0EHcUVqIQQgAyAARgRAIAQPCyABQR9sIANBAXQvAQAgAyMAa0EBdC8BACMBbGtqIQEgA0EBaiEDDAALAAvIAQEHfwJAA0AgASAATw0BIAFBAnQoAoBAIQJBASACIAJFGyEDIAIgAkEPdnNB7fjs4AJsQQN2Qf8/cSEEAkADQCAEQQJ0KAKAwAEhBSAFRQRAIARBAnQgAzYCgMABIAdBAXQgBDsBgMADIAdBAWohBwwCCyAFIANGBEAgBkEBaiEGDAILIARBAWpB/z9xIQQMAAsLIAFBAWohAQwACwsCQANAIAdFDQEgB0EBayEHIAdBAXQvAYDAA0ECdEEANgKAwAEMAAsLIAYLIgEBfyAAEAAhASABBHwgARABuCABuKMFRAAAAAAAAAAACws=", "base64");

// src/rollout/checks/repetition.ts
var NGRAM_CHARS = 20;
var WINDOW_CHARS = 4096;
var kernel = new WebAssembly.Instance(new WebAssembly.Module(REPETITION_KERNEL)).exports;
var windowBytes = Buffer.from(kernel.memory.buffer, 0, 2 * WINDOW_CHARS);
function repeatedShare(response) {
  const text = response.length > WINDOW_CHARS ? response.slice(-WINDOW_CHARS) : response;
  if (text.length < 2 * NGRAM_CHARS) return 0;
  return kernel.repeatedShare(windowBytes.write(text, "utf16le") / 2);
}
var repetition = {
  meta: { id: "repetition", severity: "warning", threshold: 0.05, withoutPolicy: true },
  empty: () => ({ total: 0, repetitive: 0, shareSum: 0, examples: [] }),
  add(tally, t, context) {
    const repeated = repeatedShare(t.response);
    tally.total++;
    tally.shareSum += repeated;
    if (repeated <= context.repeatRate) return;
    tally.repetitive++;
    keepWorst(tally.examples, repeated, () => ({
      source: t.source,
      detail: `${percent(repeated, 1)} of its ${NGRAM_CHARS}-character n-grams are repeats`,
      excerpt: tail(t.response)
    }));
  },
  merge(tally, later) {
    tally.total += later.total;
    tally.repetitive += later.repetitive;
    tally.shareSum += later.shareSum;
    mergeWorst(tally.examples, later.examples);
  },
  finish({ total, repetitive, shareSum, examples }, context) {
    const message = !total ? "no response to measure" : `${fraction(repetitive, total, "response")} repeat more than ${formatNumber(context.repeatRate * 100)}% of their ${NGRAM_CHARS}-character n-grams`;
    return {
      count: repetitive,
      total,
      message,
      examples: examplesOf(examples),
      metrics: { repetition_rate: share(repetitive, total), repeated_ngram_share_mean: total ? metric(shareSum / total) : null }
    };
  }
};

// src/rollout/checks/response-length.ts
var responseLength = {
  meta: { id: "response-length", severity: "warning", threshold: 0.05, withoutPolicy: true },
  empty: () => ({ total: 0, chars: emptySample(), tokens: emptySample(), empty: 0, examples: [] }),
  add(tally, t) {
    const priority = samplePriority(t.source);
    tally.total++;
    addToSample(tally.chars, t.response.length, priority);
    if (t.responseIds) addToSample(tally.tokens, t.responseIds.length, priority);
    const isEmpty = !withoutTrailingEndTokens(t.response) || t.responseIds?.length === 0;
    if (!isEmpty) return;
    tally.empty++;
    keepWorst(tally.examples, 1, () => ({ source: t.source, detail: "empty response", excerpt: JSON.stringify(t.response) }));
  },
  merge(tally, later) {
    tally.total += later.total;
    mergeSamples(tally.chars, later.chars);
    mergeSamples(tally.tokens, later.tokens);
    tally.empty += later.empty;
    mergeWorst(tally.examples, later.examples);
  },
  finish({ total, chars, tokens, empty, examples }) {
    const inTokens = total > 0 && tokens.seen === total;
    const lengths = inTokens ? tokens : chars;
    const unit = inTokens ? "tokens" : "chars";
    const p50 = quantile(lengths, 0.5);
    const p95 = quantile(lengths, 0.95);
    const mean = sampleMean(lengths);
    const message = !total ? "no response to measure" : `${unit}: min ${lengths.min}, mean ${Math.round(mean)}, p50 ${p50}, p95 ${p95}, max ${lengths.max}; ${plural(empty, "empty response")} (${percent(empty, total)})`;
    return {
      count: empty,
      total,
      message,
      examples: examplesOf(examples),
      metrics: {
        [`response_${unit}_min`]: metric(lengths.min),
        [`response_${unit}_mean`]: metric(mean),
        [`response_${unit}_p50`]: metric(p50),
        [`response_${unit}_p95`]: metric(p95),
        [`response_${unit}_max`]: metric(lengths.max),
        empty_response_rate: share(empty, total)
      },
      distribution: total ? { title: "Response length distribution", axis: `response length (${unit})`, histogram: histogram(lengths.values), percentiles: percentiles(lengths.values), sampled: lengths.values.length, of: lengths.seen } : void 0
    };
  }
};

// src/rollout/checks/reward-sanity.ts
var rewardSanity = {
  meta: { id: "reward-sanity", severity: "error", threshold: 0 },
  empty: () => ({ total: 0, rewards: emptySample(), failing: 0, nonFinite: 0, outOfRange: 0, errors: 0, errorsRewarded: 0, errorRewardSum: 0, allEqual: true, examples: [] }),
  add(tally, t, context) {
    const { reward } = t;
    if (reward === void 0) return;
    tally.total++;
    tally.first ??= reward;
    if (tally.allEqual && !Object.is(reward, tally.first)) tally.allEqual = false;
    const finite = Number.isFinite(reward);
    if (finite) addToSample(tally.rewards, reward, samplePriority(t.source));
    else tally.nonFinite++;
    const range = context.rewardRange;
    const outOfRange = range !== void 0 && finite && (reward < range[0] || reward > range[1]);
    if (outOfRange) tally.outOfRange++;
    const isError = isErrorTrajectory(t);
    if (isError) {
      tally.errors++;
      if (finite) tally.errorRewardSum += reward;
      if (reward > 0) tally.errorsRewarded++;
    }
    const problem = !finite ? `reward is ${reward}` : outOfRange ? `reward ${formatNumber(reward)} is outside the configured range [${range[0]}, ${range[1]}]` : isError && reward > 0 ? `an error trajectory (${t.error ?? "finish_reason error"}) got reward ${formatNumber(reward)}` : void 0;
    if (!problem) return;
    tally.failing++;
    keepWorst(tally.examples, finite ? Math.abs(reward) : Number.MAX_VALUE, () => ({ source: t.source, detail: problem, excerpt: excerpt(t.response) }));
  },
  merge(tally, later) {
    if (later.first !== void 0) {
      tally.first ??= later.first;
      tally.allEqual &&= later.allEqual && Object.is(later.first, tally.first);
    }
    tally.total += later.total;
    mergeSamples(tally.rewards, later.rewards);
    tally.failing += later.failing;
    tally.nonFinite += later.nonFinite;
    tally.outOfRange += later.outOfRange;
    tally.errors += later.errors;
    tally.errorsRewarded += later.errorsRewarded;
    tally.errorRewardSum += later.errorRewardSum;
    mergeWorst(tally.examples, later.examples);
  },
  finish(tally, context) {
    const { total, rewards, failing, nonFinite, outOfRange, errors, examples } = tally;
    const range = context.rewardRange;
    const constant = total > 1 && tally.allEqual;
    const parts = [
      constant && `all ${total} rewards are ${formatNumber(tally.first)}: no learning signal`,
      nonFinite && `${plural(nonFinite, "reward")} not finite (NaN/inf)`,
      outOfRange && `${plural(outOfRange, "reward")} outside [${range[0]}, ${range[1]}]`,
      errors && `${plural(errors, "error trajectory", "error trajectories")} (mean reward ${formatNumber(tally.errorRewardSum / errors)}, ${tally.errorsRewarded} rewarded)`
    ].filter(Boolean);
    const message = !total ? "the dump records no reward: cannot tell" : parts.length ? `${parts.join("; ")}${failing ? `: ${fraction(failing, total, "reward")} fail` : ""}` : `${plural(total, "reward")} from ${formatNumber(rewards.min)} to ${formatNumber(rewards.max)}, mean ${formatNumber(sampleMean(rewards))}`;
    return {
      count: constant ? total : failing,
      total,
      message,
      examples: examplesOf(examples),
      metrics: {
        reward_mean: metric(sampleMean(rewards)),
        reward_std: metric(sampleStd(rewards)),
        reward_min: metric(rewards.min),
        reward_p50: metric(quantile(rewards, 0.5)),
        reward_max: metric(rewards.max),
        non_finite_reward_rate: share(nonFinite, total),
        error_trajectory_rate: share(errors, total)
      },
      distribution: rewards.seen ? { title: "Reward distribution", axis: "reward", histogram: histogram(rewards.values), percentiles: percentiles(rewards.values), sampled: rewards.values.length, of: rewards.seen } : void 0
    };
  }
};

// src/rollout/checks/special-token-leak.ts
var HUMAN_TURN = /(?:^|\n)\s*Human:/g;
function scanLeaks(response, options = {}) {
  const body = withoutTrailingEndTokens(response);
  const endsWithEndToken = body.length !== response.trimEnd().length;
  const scan = hasControlToken(body) ? scanControlTokens(response) : endsWithEndToken ? { leaked: 0, continued: 0, offset: -1, multiTurn: false } : options.llama ? scanLlamaResidue(response) : scanResidue(response);
  if (options.oneTurn && scan.continued) {
    scan.leaked += scan.continued;
    scan.continued = 0;
  }
  if (!response.includes("Human:")) return scan;
  for (const match of response.matchAll(HUMAN_TURN)) {
    scan.leaked++;
    if (scan.offset === -1 || match.index < scan.offset) scan.offset = match.index;
  }
  return scan;
}
function countControlTokens(text, base, scan, into) {
  for (const match of text.matchAll(CONTROL_TOKEN_PATTERN)) {
    scan[into]++;
    if (scan.offset === -1) scan.offset = base + match.index;
  }
}
var APPENDED_TURN = /^<\|im_start\|>(?:user|tool)\n/;
function scanControlTokens(response) {
  const scan = { leaked: 0, continued: 0, offset: -1, multiTurn: false };
  let position = 0;
  while (position < response.length) {
    const end = nextOf(response, END_TOKENS, position);
    const segment = response.slice(position, end ? end.at : response.length);
    countControlTokens(segment, position, scan, "leaked");
    if (!end) break;
    const after = end.at + end.token.length;
    const rest = response.slice(after);
    if (!withoutTrailingEndTokens(rest)) break;
    if (!endsWithToolCall(segment) && !APPENDED_TURN.test(rest)) {
      const before = scan.continued;
      countControlTokens(rest, after, scan, "continued");
      if (scan.continued === before) {
        scan.continued++;
        if (scan.offset === -1) scan.offset = after;
      }
      break;
    }
    scan.multiTurn = true;
    const header = nextOf(response, CHAT_TEMPLATE_FAMILIES.map((f) => f.assistantHeader), after);
    if (!header) break;
    position = header.at + header.token.length;
  }
  return scan;
}
var ROLE_WORD = /(user|tool|system|assistant)\n/g;
var ASSISTANT_LINE = /(?:^|\n)assistant\n/g;
function scanResidue(response) {
  const scan = { leaked: 0, continued: 0, offset: -1, multiTurn: false };
  const lastAssistantLine = response.startsWith("assistant\n") ? 0 : response.lastIndexOf("\nassistant\n") + 1;
  let position = 0;
  for (; ; ) {
    ROLE_WORD.lastIndex = position;
    let match;
    let environment = false;
    for (; ; ) {
      match = ROLE_WORD.exec(response);
      if (!match) return scan;
      const onItsOwn = match.index === 0 || response[match.index - 1] === "\n";
      const role = match[1];
      environment = (role === "user" || role === "tool") && (toolCallEndsAt(response, match.index) || !onItsOwn && lastAssistantLine > match.index);
      if (onItsOwn || environment) break;
    }
    if (environment) {
      scan.multiTurn = true;
      const next = nextAssistantLine(response, ROLE_WORD.lastIndex);
      if (next === -1) return scan;
      position = next;
      continue;
    }
    if (match[1] === "assistant") {
      scan.leaked++;
      if (scan.offset === -1) scan.offset = match.index;
      position = ROLE_WORD.lastIndex;
      continue;
    }
    scan.continued += [...response.slice(match.index).matchAll(/(?:^|\n)(?:user|tool|system|assistant)\n/g)].length || 1;
    if (scan.offset === -1) scan.offset = match.index;
    return scan;
  }
}
function toolCallEndsAt(text, index) {
  let at = index;
  while (at > 0 && /\s/.test(text[at - 1])) at--;
  return text.startsWith("</tool_call>", at - "</tool_call>".length);
}
function nextAssistantLine(response, from) {
  ASSISTANT_LINE.lastIndex = Math.max(0, from - 1);
  return ASSISTANT_LINE.exec(response) ? ASSISTANT_LINE.lastIndex : -1;
}
var LLAMA_HEADER = /(?:^|[^A-Za-z])(user|assistant|ipython|tool|system)\n\n/g;
function scanLlamaResidue(response) {
  const scan = { leaked: 0, continued: 0, offset: -1, multiTurn: false };
  LLAMA_HEADER.lastIndex = 0;
  for (let match = LLAMA_HEADER.exec(response); match; match = LLAMA_HEADER.exec(response)) {
    const at = match.index + match[0].length - match[1].length - 2;
    const role = match[1];
    if (role === "ipython" || role === "tool") {
      scan.multiTurn = true;
      const next = /assistant\n\n/g;
      next.lastIndex = LLAMA_HEADER.lastIndex;
      if (!next.exec(response)) return scan;
      LLAMA_HEADER.lastIndex = next.lastIndex;
      continue;
    }
    if (role === "assistant") scan.leaked++;
    else {
      scan.continued += [...response.slice(at).matchAll(/(?:^|[^A-Za-z])(?:user|assistant|system)\n\n/g)].length;
      if (scan.offset === -1) scan.offset = at;
      return scan;
    }
    if (scan.offset === -1) scan.offset = at;
  }
  return scan;
}
function nextOf(text, tokens, from) {
  let best;
  for (const token of tokens) {
    const at = text.indexOf(token, from);
    if (at !== -1 && (!best || at < best.at)) best = { at, token };
  }
  return best;
}
function tokenLeaks(t, ids) {
  const { responseIds, lossMask: lossMask2 } = t;
  if (!responseIds || !lossMask2 || !responseIds.some((id) => id === ids.start || id === ids.end)) return void 0;
  const offset = lossMask2.length - responseIds.length;
  if (offset !== 0 && offset !== (t.promptIds?.length ?? -1)) return void 0;
  const scan = { leaked: 0, continued: 0, offset: -1, multiTurn: false };
  let trained = false;
  responseIds.forEach((id, i) => {
    const mask = lossMask2[offset + i];
    if (mask === 1) trained = true;
    else if (trained) scan.multiTurn = true;
    if (id === ids.start && mask === 1) scan.leaked++;
  });
  if (scan.leaked) scan.offset = Math.max(0, t.response.indexOf("<|im_start|>"));
  return scan;
}
function leakScanOf(t, context) {
  const scan = dumpLeaks(t, context);
  return context.served ? servedLeaks(t, context.served, scan.multiTurn) : scan;
}
function servedLeaks(t, served, multiTurn) {
  const scan = { leaked: 0, continued: 0, offset: -1, multiTurn };
  for (const answer of served) {
    const own = hasControlToken(answer.text) ? scanLeaks(answer.text, { oneTurn: true }) : void 0;
    const at = own?.leaked ? t.response.indexOf(answer.text) : -1;
    if (at < 0) continue;
    scan.leaked += own.leaked;
    if (scan.offset === -1) scan.offset = at + own.offset;
  }
  return scan;
}
function dumpLeaks(t, context) {
  const byTokens = tokenLeaks(t, context.turnTokenIds);
  if (byTokens) return byTokens;
  if (t.turns) {
    const scan = { leaked: 0, continued: 0, offset: -1, multiTurn: t.turns.length > 1 };
    let base = 0;
    for (const turn of t.turns) {
      const one = scanLeaks(turn, { oneTurn: true });
      if (one.leaked && scan.offset === -1) scan.offset = base + one.offset;
      scan.leaked += one.leaked;
      base += turn.length + 1;
    }
    return scan;
  }
  return scanLeaks(t.response, { llama: t.specialTokensStripped && t.prompt?.endsWith("assistant\n\n") });
}
var specialTokenLeak = {
  meta: { id: "special-token-leak", severity: "error", threshold: 0 },
  empty: () => ({ total: 0, leaking: 0, repeating: 0, continuing: 0, continuingRepeats: 0, multiTurn: 0, stripped: 0, examples: [], continuingExamples: [] }),
  add(tally, t, context) {
    tally.total++;
    if (t.specialTokensStripped) tally.stripped++;
    const { leaked, continued, offset, multiTurn } = leakScanOf(t, context);
    if (multiTurn) tally.multiTurn++;
    if (leaked) {
      tally.leaking++;
      if (leaked + continued > 1) tally.repeating++;
      keepWorst(tally.examples, leaked + continued, () => ({
        source: t.source,
        detail: `${plural(leaked + continued, "chat control token")} (or role lines) written by the model`,
        excerpt: excerpt(t.response, offset)
      }));
    } else if (continued) {
      tally.continuing++;
      if (continued > 1) tally.continuingRepeats++;
      keepWorst(tally.continuingExamples, continued, () => ({
        source: t.source,
        detail: `${plural(continued, "chat control token")} (or role lines) written by the model after its end of turn`,
        excerpt: excerpt(t.response, offset)
      }));
    }
  },
  merge(tally, later) {
    tally.total += later.total;
    tally.leaking += later.leaking;
    tally.repeating += later.repeating;
    tally.continuing += later.continuing;
    tally.continuingRepeats += later.continuingRepeats;
    tally.multiTurn += later.multiTurn;
    tally.stripped += later.stripped;
    mergeWorst(tally.examples, later.examples);
    mergeWorst(tally.continuingExamples, later.continuingExamples);
  },
  finish(tally) {
    const { total, stripped, multiTurn } = tally;
    const single = multiTurn === 0;
    const leaking = tally.leaking + (single ? tally.continuing : 0);
    const repeating = tally.repeating + (single ? tally.continuingRepeats : 0);
    const judged = single ? total : total - tally.continuing;
    const examples = [...tally.examples];
    if (single) mergeWorst(examples, tally.continuingExamples);
    const notes = [
      !single && tally.continuing ? `${plural(tally.continuing, "response goes", "responses go")} on after an end of turn that called no tool: in this multi-turn dump that may be the environment's turn (a search result, a simulated user), so they are not judged; a dump with loss masks or per-turn messages tells them apart` : "",
      stripped ? `${stripped === total ? "the dump was" : `${stripped} of ${plural(total, "response")} were`} decoded with skip_special_tokens, so only role-word residue is visible${stripped === total ? "" : " in those"}: a dump with special tokens or token ids gives the full check` : ""
    ].filter(Boolean);
    const note = notes.length ? `; ${notes.join("; ")}` : "";
    const message = leaking ? `${fraction(leaking, judged, "response")} contain chat control tokens, ${repeating} of them repeatedly${note}` : `no chat control token inside ${plural(judged, "response")}${note}`;
    return {
      count: leaking,
      total: judged,
      message,
      examples: examplesOf(examples),
      metrics: { special_token_leak_rate: share(leaking, judged), special_token_repeat_rate: share(repeating, judged) }
    };
  }
};

// src/rollout/checks/tool-call-format.ts
var toolCallFormat = {
  meta: { id: "tool-call-format", severity: "warning", threshold: 0.05, withoutPolicy: true },
  empty: () => ({ responses: 0, calling: 0, malformed: 0, examples: [] }),
  add(tally, t) {
    const { calls, malformed, problem } = scanToolCalls(t.response);
    tally.responses++;
    if (calls > 0 || problem) tally.calling++;
    if (!problem) return;
    tally.malformed++;
    keepWorst(tally.examples, malformed, () => ({ source: t.source, detail: problem.detail, excerpt: excerpt(t.response, problem.offset) }));
  },
  merge(tally, later) {
    tally.responses += later.responses;
    tally.calling += later.calling;
    tally.malformed += later.malformed;
    mergeWorst(tally.examples, later.examples);
  },
  finish({ responses, calling, malformed, examples }) {
    const message = calling ? `${fraction(malformed, responses, "response")} have a malformed tool call (${malformed} of the ${calling} that call a tool)` : `no tool call in ${plural(responses, "response")}`;
    return {
      count: malformed,
      total: responses,
      message,
      examples: examplesOf(examples),
      metrics: { tool_call_rate: share(calling, responses), malformed_tool_call_rate: share(malformed, calling) }
    };
  }
};

// src/rollout/checks/truncation.ts
var truncation = {
  meta: { id: "truncation", severity: "warning", threshold: 0.1, withoutPolicy: true },
  empty: () => ({ total: 0, truncated: 0, examples: [] }),
  add(tally, t) {
    if (!t.finishReason) return;
    tally.total++;
    if (t.finishReason !== "length") return;
    tally.truncated++;
    keepWorst(tally.examples, t.response.length, () => ({ source: t.source, detail: "stopped by the length limit", excerpt: tail(t.response) }));
  },
  merge(tally, later) {
    tally.total += later.total;
    tally.truncated += later.truncated;
    mergeWorst(tally.examples, later.examples);
  },
  finish({ total, truncated, examples }) {
    const message = !total ? "the dump records no finish reason (finish_reason / stop_reason): cannot tell" : `${fraction(truncated, total, "response")} stopped by the length limit`;
    return { count: truncated, total, message, examples: examplesOf(examples), metrics: { truncation_rate: share(truncated, total) } };
  }
};

// src/rollout/checks/zero-signal-groups.ts
import { createHash } from "node:crypto";
var OPEN_GROUPS = 1 << 16;
var KEY_CHARS = 2048;
var EXAMPLE_CHARS = 160;
function groupKey(t) {
  const step = t.step ?? "";
  if (t.group !== void 0) return `${step}\0group\0${t.group}`;
  if (t.prompt === void 0) return void 0;
  const key = `${step}\0${t.prompt}`;
  return key.length <= KEY_CHARS ? key : createHash("sha1").update(key).digest("base64");
}
function sameReward(a, b) {
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a));
}
function close(tally, group) {
  if (group.size < 2) return;
  tally.groups++;
  tally.samples += group.size;
  if (!group.allEqual) return;
  tally.zeroSignal++;
  keepWorst(tally.examples, group.size, () => ({
    source: group.source ?? "",
    detail: `all ${group.size} samples of this prompt got reward ${formatNumber(group.firstReward)}`,
    excerpt: group.promptTail ?? ""
  }));
}
function open(tally, key, group) {
  if (tally.open.size >= OPEN_GROUPS) {
    const [oldestKey, oldest] = tally.open.entries().next().value;
    tally.open.delete(oldestKey);
    close(tally, oldest);
    tally.closedEarly++;
  }
  tally.open.set(key, group);
}
function showsSignal(group) {
  group.allEqual = false;
  group.source = group.promptTail = void 0;
}
function detached(text) {
  return Buffer.from(text).toString();
}
var zeroSignalGroups = {
  meta: { id: "zero-signal-groups", severity: "warning", threshold: 0.5 },
  empty: () => ({ open: /* @__PURE__ */ new Map(), groups: 0, zeroSignal: 0, samples: 0, closedEarly: 0, examples: [] }),
  add(tally, t) {
    if (t.reward === void 0 || Number.isNaN(t.reward)) return;
    const key = groupKey(t);
    if (key === void 0) return;
    const group = tally.open.get(key);
    if (!group) {
      open(tally, key, { firstReward: t.reward, size: 1, allEqual: true, source: t.source, promptTail: detached(tail(t.prompt ?? t.group ?? "", EXAMPLE_CHARS)) });
      return;
    }
    group.size++;
    if (group.allEqual && !sameReward(group.firstReward, t.reward)) showsSignal(group);
  },
  merge(tally, later) {
    tally.groups += later.groups;
    tally.zeroSignal += later.zeroSignal;
    tally.samples += later.samples;
    tally.closedEarly += later.closedEarly;
    mergeWorst(tally.examples, later.examples);
    for (const [key, part] of later.open) {
      const group = tally.open.get(key);
      if (!group) {
        open(tally, key, part);
        continue;
      }
      group.size += part.size;
      if (group.allEqual && !(part.allEqual && sameReward(group.firstReward, part.firstReward))) showsSignal(group);
    }
  },
  finish(tally) {
    for (const group of tally.open.values()) close(tally, group);
    tally.open.clear();
    const { groups, zeroSignal, samples, closedEarly, examples } = tally;
    const early = closedEarly ? `; more than ${OPEN_GROUPS} groups were open at once, so the ${closedEarly} oldest were closed early (a sample of one of them written later counted as another group)` : "";
    const message = !groups ? "no prompt was sampled more than once (no `group` ids and no repeated prompts): no GRPO groups to judge" : `${fraction(zeroSignal, groups, "group")} got the same reward for every sample${early}`;
    return {
      count: zeroSignal,
      total: groups,
      message,
      examples: examplesOf(examples),
      metrics: { zero_signal_group_rate: share(zeroSignal, groups), group_size_mean: groups ? metric(samples / groups) : null }
    };
  }
};

// src/rollout/checks/index.ts
var ROLLOUT_CHECKS = [
  generationPrompt,
  specialTokenLeak,
  truncation,
  toolCallFormat,
  malformedToolCallRewarded,
  emptyGroundTruthRewarded,
  zeroSignalGroups,
  lossMask,
  rewardSanity,
  responseLength,
  repetition,
  adversarialRewarded
];

// src/rollout/tally.ts
var Tallier = class {
  checks;
  context;
  constructor({ checkIds, context }) {
    this.checks = checkIds.map((id) => ROLLOUT_CHECKS.find((check) => check.meta.id === id));
    this.context = context;
  }
  empty() {
    return { trajectories: 0, checks: this.checks.map((check) => check.empty()) };
  }
  add(tallies, trajectory) {
    tallies.trajectories++;
    this.checks.forEach((check, index) => check.add(tallies.checks[index], trajectory, this.context));
  }
  /** Folds `later`, the tallies of the trajectories that follow, into `tallies`. */
  merge(tallies, later) {
    tallies.trajectories += later.trajectories;
    this.checks.forEach((check, index) => check.merge(tallies.checks[index], later.checks[index]));
  }
  /** Each enabled check's outcome, in the order of `checkIds`. */
  finish(tallies) {
    return this.checks.map((check, index) => check.finish(tallies.checks[index], this.context));
  }
};

export {
  statusOf,
  percent,
  formatPercent,
  fraction,
  plural,
  tail,
  percentsIn,
  formatNumber,
  QWEN_TURN_TOKEN_IDS,
  ROLLOUT_CHECKS,
  Tallier
};

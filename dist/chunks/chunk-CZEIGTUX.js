import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);

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

export {
  statusOf,
  metric,
  share,
  percent,
  formatPercent,
  fraction,
  plural,
  emptySample,
  samplePriority,
  addToSample,
  mergeSamples,
  sampleMean,
  sampleStd,
  quantile,
  keepWorst,
  mergeWorst,
  examplesOf,
  excerpt,
  tail,
  histogram,
  percentiles,
  percentsIn,
  formatNumber
};

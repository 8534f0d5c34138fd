/** Bounded statistics: checks see every trajectory of a dump of any size and keep only these. */

/** Values kept for quantiles and histograms: past this, a uniform sample of this many. */
const SAMPLE_CAPACITY = 10_000;

/**
 * Summary statistics of all the values added and a uniform sample of them, as plain data: worker threads fill one
 * for each block of a dump and send it. The sample is the SAMPLE_CAPACITY values of lowest priority, a hash of the
 * value's trajectory: two samples merge into the sample of their union, so the sample of a dump does not depend on
 * how it was split into blocks, and the same dump always gives the same sample.
 */
export interface Sample {
  seen: number;
  sum: number;
  sumOfSquares: number;
  min: number;
  max: number;
  /** A max-heap by priority: the root is the first value to give up its place. */
  values: number[];
  priorities: number[];
}

export function emptySample(): Sample {
  return { seen: 0, sum: 0, sumOfSquares: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY, values: [], priorities: [] };
}

/** Two checks sample each trajectory, one after the other: the last priority is kept, so it is computed once. */
let lastSource: string | undefined;
let lastPriority = 0;

/**
 * A trajectory's sampling priority: a 30-bit hash of its source (`dump.jsonl:12`, unique within a review). V8 keeps
 * integers of 30 bits unboxed, so samples are cheap to keep and to send.
 */
export function samplePriority(source: string): number {
  if (source === lastSource) return lastPriority;
  // FNV-1a, then murmur3's finalizer: neighbouring line numbers get unrelated priorities.
  let hash = 0x811c9dc5;
  for (let i = 0; i < source.length; i++) hash = Math.imul(hash ^ source.charCodeAt(i), 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  lastSource = source;
  lastPriority = (hash ^ (hash >>> 16)) >>> 2;
  return lastPriority;
}

export function addToSample(sample: Sample, value: number, priority: number): void {
  sample.seen++;
  sample.sum += value;
  sample.sumOfSquares += value * value;
  if (value < sample.min) sample.min = value;
  if (value > sample.max) sample.max = value;
  offer(sample, value, priority);
}

/** Folds `later` into `sample`: the statistics and the sample of both. */
export function mergeSamples(sample: Sample, later: Sample): void {
  sample.seen += later.seen;
  sample.sum += later.sum;
  sample.sumOfSquares += later.sumOfSquares;
  sample.min = Math.min(sample.min, later.min);
  sample.max = Math.max(sample.max, later.max);
  later.values.forEach((value, index) => offer(sample, value, later.priorities[index]));
}

export function sampleMean(sample: Sample): number {
  return sample.seen ? sample.sum / sample.seen : Number.NaN;
}

export function sampleStd(sample: Sample): number {
  if (!sample.seen) return Number.NaN;
  return Math.sqrt(Math.max(0, sample.sumOfSquares / sample.seen - sampleMean(sample) ** 2));
}

/** The `q` quantile (0..1) of the sample, by the nearest-rank method. */
export function quantile(sample: Sample, q: number): number {
  if (!sample.values.length) return Number.NaN;
  const sorted = [...sample.values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Keeps `value` when the sample has room or its priority is below the highest kept (which it then replaces). */
function offer(sample: Sample, value: number, priority: number): void {
  const { values, priorities } = sample;
  if (values.length < SAMPLE_CAPACITY) {
    let at = values.length;
    values.push(value);
    priorities.push(priority);
    // Sift up.
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (priorities[parent] >= priority) break;
      values[at] = values[parent];
      priorities[at] = priorities[parent];
      at = parent;
    }
    values[at] = value;
    priorities[at] = priority;
    return;
  }
  if (!(priority < priorities[0])) return;
  // Sift down from the root.
  let at = 0;
  for (;;) {
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

export interface Example {
  /** `dump.jsonl:12`, `completions_00010.parquet row 3`. */
  source: string;
  /** What is wrong with it, in a few words. */
  detail: string;
  /** A shortened excerpt of the offending text. */
  excerpt: string;
}

/** Examples a report shows of a failing check. */
const EXAMPLES_KEPT = 3;

/** The worst examples seen, by a score (higher is worse), worst first; ties keep the first seen. Plain data. */
export type WorstExamples = { score: number; example: Example }[];

/** Keeps an example of this score when it is among the worst seen: `example` is only built then. */
export function keepWorst(kept: WorstExamples, score: number, example: () => Example): void {
  if (kept.length >= EXAMPLES_KEPT && !(score > kept[kept.length - 1].score)) return;
  // After the last one of a higher or equal score: worst first, ties in the order seen.
  let at = kept.length;
  while (at > 0 && !(kept[at - 1].score >= score)) at--;
  kept.splice(at, 0, { score, example: example() });
  if (kept.length > EXAMPLES_KEPT) kept.pop();
}

/** Folds `later`, the examples kept of the trajectories that follow, into `kept`. */
export function mergeWorst(kept: WorstExamples, later: WorstExamples): void {
  for (const { score, example } of later) keepWorst(kept, score, () => example);
}

export function examplesOf(kept: WorstExamples): Example[] {
  return kept.map((k) => k.example);
}

/** The excerpt budget: examples go into PR comments, which have a size limit. */
export const EXCERPT_CHARS = 300;

/** A shortened excerpt of `text` centred on `at` (a character offset), with ellipses where it was cut. */
export function excerpt(text: string, at = 0, width = EXCERPT_CHARS): string {
  if (text.length <= width) return text;
  const start = Math.max(0, Math.min(at - Math.floor(width / 3), text.length - width));
  const end = start + width;
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

/** The end of `text`: where truncation and runaway repetition show. */
export function tail(text: string, width = EXCERPT_CHARS): string {
  return text.length <= width ? text : `…${text.slice(text.length - width)}`;
}

export interface Histogram {
  /** Bin labels: a value (`0.5`), or a range (`15–28`). */
  labels: string[];
  /** Each bin's interval, inclusive: `[value, value]` for a bin of one value, else `[low, high]`. */
  bounds: [number, number][];
  /** Share of the values in each bin, in percent. */
  percents: number[];
}

/**
 * One bar per value when the values are few and evenly spaced (0/1 rewards, 0, 0.5, 1); else `bins` equal-width bins
 * over the sample, labelled with their ranges (`15–28`), so that the x-axis is to scale.
 */
export function histogram(values: readonly number[], bins = 10): Histogram {
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return { labels: [], bounds: [], percents: [] };
  const distinct = [...new Set(finite)].sort((a, b) => a - b);
  const percent = (n: number) => Math.round((1000 * n) / finite.length) / 10;
  const gaps = distinct.slice(1).map((value, i) => value - distinct[i]);
  const evenlySpaced = gaps.every((gap) => Math.abs(gap - gaps[0]) <= 1e-9 * Math.max(1, Math.abs(gap)));
  if (distinct.length <= bins && evenlySpaced) {
    return {
      labels: distinct.map(formatNumber),
      bounds: distinct.map((d) => [d, d]),
      percents: distinct.map((d) => percent(finite.filter((v) => v === d).length)),
    };
  }
  const lo = distinct[0];
  const width = (distinct[distinct.length - 1] - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const v of finite) counts[Math.min(bins - 1, Math.floor((v - lo) / width))]++;
  const bounds = counts.map((_, i): [number, number] => [lo + i * width, lo + (i + 1) * width]);
  return { labels: bounds.map(([low, high]) => `${formatNumber(low)}–${formatNumber(high)}`), bounds, percents: counts.map(percent) };
}

/** The 0th, 1st, ..., 100th percentiles of `values`: what a baseline keeps of a distribution, to chart it again. */
export function percentiles(values: readonly number[]): number[] {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return [];
  return Array.from({ length: 101 }, (_, i) => Number(sorted[Math.round((i / 100) * (sorted.length - 1))].toPrecision(6)));
}

/** The share (in percent) of a distribution, given by its percentiles, in each of `bounds`: a baseline on this run's bins. */
export function percentsIn(points: readonly number[], bounds: readonly [number, number][]): number[] {
  return bounds.map(([low, high], i) => {
    const last = i === bounds.length - 1;
    const inside = points.filter((p) => p >= low && (p < high || (last && p <= high) || (low === high && p === high))).length;
    return Math.round((1000 * inside) / points.length) / 10;
  });
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : Number(value.toPrecision(3)).toString();
}

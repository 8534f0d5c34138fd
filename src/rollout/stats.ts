/** Bounded statistics: checks see every trajectory of a dump of any size and keep only these. */

/** A uniform sample of at most `capacity` values (Vitter's algorithm R), for quantiles and histograms. */
export class Reservoir {
  readonly values: number[] = [];
  seen = 0;
  sum = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  private sumOfSquares = 0;
  // A fixed-seed generator: the same dump gives the same report.
  private state = 0x9e3779b9;

  constructor(private readonly capacity = 10_000) {}

  add(value: number): void {
    this.seen++;
    this.sum += value;
    this.sumOfSquares += value * value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    if (this.values.length < this.capacity) this.values.push(value);
    else {
      const slot = Math.floor(this.random() * this.seen);
      if (slot < this.capacity) this.values[slot] = value;
    }
  }

  get mean(): number {
    return this.seen ? this.sum / this.seen : Number.NaN;
  }

  get std(): number {
    if (!this.seen) return Number.NaN;
    return Math.sqrt(Math.max(0, this.sumOfSquares / this.seen - this.mean ** 2));
  }

  /** The `q` quantile (0..1) of the sample, by the nearest-rank method. */
  quantile(q: number): number {
    if (!this.values.length) return Number.NaN;
    const sorted = [...this.values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  }

  private random(): number {
    // xorshift32
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 0x1_0000_0000;
  }
}

export interface Example {
  /** `dump.jsonl:12`, `completions_00010.parquet row 3`. */
  source: string;
  /** What is wrong with it, in a few words. */
  detail: string;
  /** A shortened excerpt of the offending text. */
  excerpt: string;
}

/** The `limit` worst examples seen, by a score (higher is worse); ties keep the first seen. */
export class WorstExamples {
  private readonly kept: { score: number; example: Example }[] = [];

  constructor(private readonly limit = 3) {}

  add(score: number, example: Example): void {
    const full = this.kept.length >= this.limit;
    if (full && !(score > this.kept[this.kept.length - 1].score)) return;
    this.kept.push({ score, example });
    this.kept.sort((a, b) => b.score - a.score);
    if (this.kept.length > this.limit) this.kept.pop();
  }

  list(): Example[] {
    return this.kept.map((k) => k.example);
  }
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
  /** Bin labels, e.g. `0.25`, the lower edge of each bin. */
  labels: string[];
  /** Share of the values in each bin, in percent. */
  percents: number[];
}

/** Up to `bins` equal-width bins over the sample; one bin per distinct value when there are few. */
export function histogram(values: readonly number[], bins = 10): Histogram {
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return { labels: [], percents: [] };
  const distinct = [...new Set(finite)].sort((a, b) => a - b);
  const percent = (n: number) => Math.round((1000 * n) / finite.length) / 10;
  if (distinct.length <= bins) {
    return { labels: distinct.map(formatNumber), percents: distinct.map((d) => percent(finite.filter((v) => v === d).length)) };
  }
  const lo = distinct[0];
  const width = (distinct[distinct.length - 1] - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const v of finite) counts[Math.min(bins - 1, Math.floor((v - lo) / width))]++;
  return { labels: counts.map((_, i) => formatNumber(lo + i * width)), percents: counts.map(percent) };
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : Number(value.toPrecision(3)).toString();
}

import { addToSample, emptySample, examplesOf, keepWorst, mergeSamples, mergeWorst, quantile, samplePriority, type WorstExamples } from '../../src/rollout/stats';
import { Tallier } from '../../src/rollout/tally';
import { DEFAULT_CONTEXT, trajectory } from './helpers';

describe('Tallier', () => {
  const tallier = new Tallier({ checkIds: ['truncation', 'response-length'], context: DEFAULT_CONTEXT });
  const responses = ['abc', 'a longer response', '', 'x'.repeat(40)].map((response, i) => trajectory({ source: `dump.jsonl:${i + 1}`, response, finishReason: i % 2 ? 'length' : 'stop' }));

  it('gives each enabled check its outcome, in the order of the checks', () => {
    const tallies = tallier.empty();
    for (const t of responses) tallier.add(tallies, t);
    expect(tallies.trajectories).toBe(4);
    const [truncated, lengths] = tallier.finish(tallies);
    expect(truncated.message).toBe('2 of 4 responses (50%) stopped by the length limit');
    expect(truncated.examples.map((e) => e.source)).toEqual(['dump.jsonl:4', 'dump.jsonl:2']);
    expect(lengths.message).toBe('chars: min 0, mean 15, p50 3, p95 40, max 40; 1 empty response (25%)');
  });

  it('merges the tallies of blocks read apart into those of one read', () => {
    const whole = tallier.empty();
    for (const t of responses) tallier.add(whole, t);
    const merged = tallier.empty();
    for (const block of [responses.slice(0, 1), responses.slice(1, 3), [], responses.slice(3)]) {
      const tallies = tallier.empty();
      for (const t of block) tallier.add(tallies, t);
      // As a worker thread sends it.
      tallier.merge(merged, structuredClone(tallies));
    }
    expect(merged.trajectories).toBe(4);
    expect(tallier.finish(merged)).toEqual(tallier.finish(whole));
  });
});

describe('Sample', () => {
  const values = Array.from({ length: 30_000 }, (_, i) => (i * 7919) % 1000);
  const priority = (i: number) => samplePriority(`dump.jsonl:${i + 1}`);

  it('keeps every value up to its capacity, and summary statistics of all', () => {
    const sample = emptySample();
    values.slice(0, 100).forEach((value, i) => addToSample(sample, value, priority(i)));
    expect(sample.values.length).toBe(100);
    expect(quantile(sample, 0.5)).toBe([...values.slice(0, 100)].sort((a, b) => a - b)[49]);
  });

  it('keeps 10,000 values of a larger set, the same whichever way the set was split', () => {
    const whole = emptySample();
    values.forEach((value, i) => addToSample(whole, value, priority(i)));
    expect(whole.values.length).toBe(10_000);
    expect([whole.seen, whole.min, whole.max]).toEqual([30_000, 0, 999]);

    const merged = emptySample();
    for (let start = 0; start < values.length; start += 3_001) {
      const block = emptySample();
      values.slice(start, start + 3_001).forEach((value, i) => addToSample(block, value, priority(start + i)));
      mergeSamples(merged, structuredClone(block));
    }
    expect([...merged.values].sort()).toEqual([...whole.values].sort());
    expect(merged.sum).toBe(whole.sum);
  });

  it('is close to uniform: its quantiles are those of the whole set', () => {
    const sample = emptySample();
    values.forEach((value, i) => addToSample(sample, value, priority(i)));
    expect(Math.abs(quantile(sample, 0.5) - 500)).toBeLessThan(20);
    expect(Math.abs(quantile(sample, 0.95) - 950)).toBeLessThan(20);
  });
});

describe('keepWorst', () => {
  const example = (source: string) => ({ source, detail: '', excerpt: '' });

  it('keeps the three worst, worst first, the first seen among equals', () => {
    const kept: WorstExamples = [];
    for (const [score, source] of [[1, 'a'], [3, 'b'], [1, 'c'], [3, 'd'], [2, 'e'], [3, 'f']] as const) keepWorst(kept, score, () => example(source));
    expect(examplesOf(kept).map((e) => e.source)).toEqual(['b', 'd', 'f']);
  });

  it('builds an example only to keep it', () => {
    const kept: WorstExamples = [];
    for (const source of ['a', 'b', 'c']) keepWorst(kept, 1, () => example(source));
    keepWorst(kept, 1, () => {
      throw new Error('built, though it cannot be kept');
    });
    expect(examplesOf(kept).map((e) => e.source)).toEqual(['a', 'b', 'c']);
  });

  it('merges the examples of later trajectories as if they were kept one by one', () => {
    const kept: WorstExamples = [];
    keepWorst(kept, 2, () => example('a'));
    keepWorst(kept, 1, () => example('b'));
    const later: WorstExamples = [];
    for (const [score, source] of [[2, 'c'], [1, 'd'], [5, 'e']] as const) keepWorst(later, score, () => example(source));
    mergeWorst(kept, later);
    expect(examplesOf(kept).map((e) => e.source)).toEqual(['e', 'a', 'c']);
  });
});

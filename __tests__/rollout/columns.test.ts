import { deserialize, serialize } from 'node:v8';
import { fromColumns, toColumns } from '../../src/rollout/columns';
import type { Observations } from '../../src/rollout/observe';

/** The trip between threads: structured clone, as postMessage does it. */
const throughThreads = <T>(value: T): T => deserialize(serialize(value)) as T;

describe('toColumns / fromColumns', () => {
  it('gives back what each check observed of each trajectory, across a structured clone', () => {
    const example = { source: 'dump.jsonl:2', detail: 'empty response', excerpt: '""' };
    const observations: Observations[] = [
      [{ stripped: false }, undefined, { chars: 12, tokens: 3 }, 0.25],
      [{ stripped: true, failure: { problem: 'missing', example } }, { truncated: { length: 4, example } }, { chars: 0, empty: example }, 0],
      [{ stripped: false }, {}, { chars: 5 }, 1],
    ];
    const columns = throughThreads(toColumns(observations, 4));
    expect(fromColumns(columns, observations.length)).toEqual(observations);
  });

  it('keeps the numbers JSON would lose: NaN, infinities and -0', () => {
    const observations: Observations[] = [[{ reward: Number.NaN }], [{ reward: Number.POSITIVE_INFINITY }], [{ reward: -0 }], [-0]];
    const back = fromColumns(throughThreads(toColumns(observations, 1)), observations.length);
    expect(back).toEqual(observations);
    expect(Object.is((back[2][0] as { reward: number }).reward, -0)).toBe(true);
    expect(Object.is(back[3][0], -0)).toBe(true);
  });

  it('writes each key list once per column', () => {
    const observations: Observations[] = Array.from({ length: 100 }, (_, i) => [{ repeatedShare: i / 100 }]);
    const [column] = toColumns(observations, 1);
    expect(column.keyLists).toEqual([['repeatedShare']]);
    expect(column.values).toHaveLength(100);
  });

  it('keeps the trajectories when no check is enabled', () => {
    expect(fromColumns(toColumns([[], []], 0), 2)).toEqual([[], []]);
  });
});

import type { Observations } from './observe';

/**
 * One check's observations of a block of trajectories, for the trip from a worker thread to the main thread.
 * Structured clone spends most of its time on the keys of small objects, so a column writes each distinct key list
 * once and the values of all its objects in one flat array.
 */
export interface ObservationColumn {
  keyLists: string[][];
  /** Per observation: the index of its key list, or AS_IS when it is not a plain object. */
  rows: number[];
  /** The values of the objects' keys, in order; an observation that is not a plain object is one value itself. */
  values: unknown[];
}

const AS_IS = -1;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, index) => key === b[index]);
}

/** `observations` (one entry per trajectory, each with one observation per check) as one column per check. */
export function toColumns(observations: readonly Observations[], checks: number): ObservationColumn[] {
  return Array.from({ length: checks }, (_, check) => {
    const column: ObservationColumn = { keyLists: [], rows: [], values: [] };
    const keyListIndex = new Map<string, number>();
    // Most observations have the keys of the one before: that list is compared first.
    let previous = -1;
    for (const row of observations) {
      const observation = row[check];
      if (!isPlainObject(observation)) {
        column.rows.push(AS_IS);
        column.values.push(observation);
        continue;
      }
      const keys = Object.keys(observation);
      if (previous === -1 || !sameKeys(column.keyLists[previous], keys)) {
        const id = keys.join('\0');
        previous = keyListIndex.get(id) ?? column.keyLists.push(keys) - 1;
        keyListIndex.set(id, previous);
      }
      column.rows.push(previous);
      for (const key of keys) column.values.push(observation[key]);
    }
    return column;
  });
}

/** The observations of each of `trajectories` trajectories back from the columns of `toColumns`. */
export function fromColumns(columns: readonly ObservationColumn[], trajectories: number): Observations[] {
  const observations: Observations[] = Array.from({ length: trajectories }, () => []);
  for (const column of columns) {
    let next = 0;
    column.rows.forEach((keyList, trajectory) => {
      if (keyList === AS_IS) {
        observations[trajectory].push(column.values[next++]);
        return;
      }
      const observation: Record<string, unknown> = {};
      for (const key of column.keyLists[keyList]) observation[key] = column.values[next++];
      observations[trajectory].push(observation);
    });
  }
  return observations;
}

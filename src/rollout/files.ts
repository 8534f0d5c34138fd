import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import picomatch from 'picomatch';

/** Files a rollout dump may be in: JSONL, episode JSON, parquet. */
const DUMP_FILE = /\.(jsonl|json|parquet)$/i;

export interface DumpFiles {
  files: string[];
  /** Inputs that matched no dump file. */
  unmatched: string[];
}

/**
 * Expands inputs into dump files: a file is taken as is, a directory for every dump file below it, anything
 * else as a glob relative to `cwd` (`runs/**\/completions/*.parquet`). Sorted, so reports are stable.
 */
export function expandDumpInputs(inputs: readonly string[], cwd: string): DumpFiles {
  const files = new Set<string>();
  const unmatched: string[] = [];
  for (const input of inputs) {
    const before = files.size;
    const path = resolve(cwd, input);
    const stats = statOrUndefined(path);
    if (stats?.isFile()) files.add(path);
    else if (stats?.isDirectory()) walk(path, (file) => DUMP_FILE.test(file) && files.add(file));
    else {
      const { base } = picomatch.scan(input);
      const isMatch = picomatch(input, { dot: true });
      const root = resolve(cwd, base || '.');
      if (statOrUndefined(root)?.isDirectory()) {
        const subject = (file: string) => (isAbsolute(input) ? file : relative(cwd, file)).split('\\').join('/');
        walk(root, (file) => isMatch(subject(file)) && files.add(file));
      }
    }
    if (files.size === before) unmatched.push(input);
  }
  return { files: [...files].sort(), unmatched };
}

/** Every file below `directory`; an unreadable directory is passed over, as `find` would. */
function walk(directory: string, visit: (file: string) => unknown): void {
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

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

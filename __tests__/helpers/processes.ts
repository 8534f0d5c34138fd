import { readdirSync, readFileSync } from 'node:fs';

/**
 * The live processes of this machine whose command line contains `tag`: give each test's processes a tag no other
 * test uses (`sleep 3141.11`). Pids a process wrote itself mean nothing here: in a sandbox they are its namespace's.
 */
export function processesWith(tag: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
        const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1][0];
        return cmdline.includes(tag) && state !== 'Z' ? [Number(pid)] : [];
      } catch {
        return [];
      }
    });
}

/**
 * The attack of issue 11, in Python: read the environment of every process /proc shows (rl-review's own holds
 * INPUT_GITHUB-TOKEN, the runner's ACTIONS_RUNTIME_TOKEN) and print `stolen: [...]`, the arguments found there.
 */
export const STEAL_FROM_PROC = `
import json, os, sys
stolen = set()
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        environ = open(f"/proc/{pid}/environ", "rb").read().decode("latin-1")
    except OSError:
        continue
    stolen.update(needle for needle in sys.argv[1:] if needle in environ)
print("stolen:", json.dumps(sorted(stolen)), flush=True)
`;

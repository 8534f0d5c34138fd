import { jest } from '@jest/globals';
import { main } from '../../src/cli';

/** Run the CLI in-process in `cwd` (`rl-review ...args`), capturing what it writes. */
export async function cli(cwd: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const code = await main(args);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.chdir(previous);
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

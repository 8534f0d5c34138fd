import { jest } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
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

const TSX = createRequire(import.meta.url).resolve('tsx');
const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));

/**
 * Runs the CLI from its sources in a process of its own (for what in-process cannot show: the environment in its
 * /proc/<pid>/environ, whether it exits), and how long it took. Startup through tsx takes a second or two.
 */
export function cliProcess(cwd: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const started = Date.now();
  const result = spawnSync(process.execPath, ['--import', TSX, CLI, ...args], { cwd, env, encoding: 'utf8', timeout: 30_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, ms: Date.now() - started };
}

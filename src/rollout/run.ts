import type { Isolation } from '../sandbox/isolation';
import { startUntrusted } from '../sandbox/untrusted-process';

/** How much of the command's output is kept for the report: the end, where the error is. */
export const OUTPUT_TAIL_CHARS = 8 * 1024;

export interface RunOptions {
  /** One element: a shell command line; several: the program and its arguments, run without a shell. */
  command: readonly string[];
  cwd: string;
  /** Its environment, before the secrets are taken out. */
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Each chunk of the command's stdout and stderr as it comes. */
  onOutput?: (text: string) => void;
  /** Each chunk of its stderr alone, whose lines are not interleaved with stdout's. */
  onStderr?: (text: string) => void;
}

export interface RunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  durationMs: number;
  /** The last OUTPUT_TAIL_CHARS of its output. */
  outputTail: string;
  /** How it was kept from the runner's secrets (src/sandbox/isolation.ts). */
  isolation: Isolation;
  /** The command could not be started at all (not found, not executable). */
  spawnError?: string;
}

/**
 * Runs the smoke command in the sandbox (src/sandbox/): at the timeout everything it started is killed, a daemon
 * that left its process group included, and the run ends then even if some process still held its output.
 * Output is streamed to `onOutput` and only its tail is kept in memory.
 */
export async function runCommand(options: RunOptions, isolation?: Isolation): Promise<RunResult> {
  const started = Date.now();
  let running;
  try {
    running = startUntrusted({ command: options.command, cwd: options.cwd, env: options.env, timeoutMs: options.timeoutMs }, isolation);
  } catch (error) {
    return { exitCode: null, signal: null, timedOut: false, durationMs: 0, outputTail: '', isolation: isolation ?? 'none', spawnError: (error as Error).message };
  }
  let tail = '';
  const collect = (text: string) => {
    options.onOutput?.(text);
    tail = (tail + text).slice(-OUTPUT_TAIL_CHARS);
  };
  // setEncoding decodes a character split across two chunks correctly.
  running.stdout.setEncoding('utf8').on('data', collect);
  running.stderr.setEncoding('utf8').on('data', (text: string) => {
    collect(text);
    options.onStderr?.(text);
  });
  const exit = await running.exited;
  return {
    exitCode: exit.exitCode,
    signal: exit.signal,
    timedOut: exit.timedOut,
    durationMs: Date.now() - started,
    outputTail: tail,
    isolation: running.isolation,
    spawnError: exit.spawnError?.message,
  };
}

import { spawn } from 'node:child_process';
import treeKill from 'tree-kill';

/** After a timeout, how long the command gets to exit on SIGTERM before its process tree is killed. */
const KILL_GRACE_MS = 5_000;
/** How much of the command's output is kept for the report: the end, where the error is. */
export const OUTPUT_TAIL_CHARS = 8 * 1024;

export interface RunOptions {
  /** One element: a shell command line; several: the program and its arguments, run without a shell. */
  command: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Each chunk of the command's stdout and stderr as it comes. */
  onOutput?: (text: string) => void;
}

export interface RunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  durationMs: number;
  /** The last OUTPUT_TAIL_CHARS of its output. */
  outputTail: string;
  /** The command could not be started at all (not found, not executable). */
  spawnError?: string;
}

/**
 * Runs the smoke command with a timeout that ends its whole process tree: on POSIX it leads its own process group,
 * so a trainer's worker processes (and their children) die with it; on Windows `tree-kill` walks the tree.
 * Output is streamed to `onOutput` and only its tail is kept in memory.
 */
export function runCommand(options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const [program, ...args] = options.command;
  const child = spawn(program, args, {
    cwd: options.cwd,
    env: options.env,
    shell: options.command.length === 1,
    detached: process.platform !== 'win32',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const collect = (text: string) => {
    options.onOutput?.(text);
    tail = (tail + text).slice(-OUTPUT_TAIL_CHARS);
  };
  // setEncoding decodes a character split across two chunks correctly.
  child.stdout.setEncoding('utf8').on('data', collect);
  child.stderr.setEncoding('utf8').on('data', collect);

  const killTree = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    if (process.platform === 'win32') treeKill(child.pid, signal);
    else {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // the group is already gone
      }
    }
  };
  let timedOut = false;
  let graceTimer: NodeJS.Timeout | undefined;
  const timeout = setTimeout(() => {
    timedOut = true;
    killTree('SIGTERM');
    graceTimer = setTimeout(() => killTree('SIGKILL'), KILL_GRACE_MS);
  }, options.timeoutMs);

  return new Promise((resolve) => {
    let spawnError: string | undefined;
    child.on('error', (error) => {
      spawnError = error.message;
    });
    // Processes the command left behind (a server started in the background) would hold the pipes open.
    child.on('exit', () => killTree('SIGKILL'));
    child.on('close', (exitCode, signal) => {
      clearTimeout(timeout);
      clearTimeout(graceTimer);
      resolve({ exitCode, signal, timedOut, durationMs: Date.now() - started, outputTail: tail, spawnError });
    });
  });
}

import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { constants as osConstants, tmpdir } from 'node:os';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import treeKill from 'tree-kill';
import { untrustedEnvironment } from './environment';
import { detectIsolation, launcherEnvironment, sandboxedCommand, sandboxPaths, writeEnvFile, type Isolation } from './isolation';

/**
 * Runs code from the reviewed repository (the smoke command, the reward function's harness): in the sandbox of
 * isolation.ts where the machine allows one, with an environment without secrets, a deadline, and a kill that
 * reaches every process it started, a `setsid` daemon included. Its end never waits on a pipe that some leftover
 * process still holds: past a short drain, the output is given up.
 */

/** After a timeout, how long the command gets to exit on SIGTERM before everything it started is killed. */
export const KILL_GRACE_MS = 5_000;
/** After the command exited, how long its output may still drain. */
const DRAIN_MS = 1_000;
/** After SIGKILL, how long to wait for the exit to be seen before giving up on it. */
const KILLED_WAIT_MS = 2_000;

export interface UntrustedOptions {
  /** One element: a shell command line; several: the program and its arguments, run without a shell. */
  command: readonly string[];
  cwd: string;
  /** Its environment, before what it must not see is taken out (untrustedEnvironment). */
  env: NodeJS.ProcessEnv;
  /** Whether it reads requests on stdin; else stdin is /dev/null. */
  stdin?: boolean;
  /** When to end it; without one it runs until stop(). */
  timeoutMs?: number;
}

export interface UntrustedExit {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** It could not be started at all (the program is not found or not executable). */
  spawnError?: NodeJS.ErrnoException;
}

export class UntrustedProcess {
  readonly stdin: Writable | null;
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** Once it ended and every process it started is killed, and its output is read (or given up). */
  readonly exited: Promise<UntrustedExit>;
  private settle!: (exit: UntrustedExit) => void;
  private exit?: { code: number | null; signal: NodeJS.Signals | null };
  private timedOut = false;
  private timer?: NodeJS.Timeout;
  private drain?: NodeJS.Timeout;
  private finished = false;

  constructor(
    private readonly child: ChildProcess,
    readonly isolation: Isolation,
    /** In the `none` isolation, the variable that marks its processes (they may leave its process group). */
    private readonly marker: string | undefined,
    private readonly cleanup: () => void,
    timeoutMs: number | undefined,
  ) {
    this.stdin = child.stdin;
    this.stdout = child.stdout!;
    this.stderr = child.stderr!;
    this.exited = new Promise((resolve) => (this.settle = resolve));
    let spawnError: NodeJS.ErrnoException | undefined;
    child.on('error', (error) => (spawnError = error));
    child.on('exit', (code, signal) => {
      this.exit = exitStatus(code, signal, isolation);
      // What it left behind (a server started in the background) would hold the pipes open.
      this.killAll('SIGKILL');
      this.drain = setTimeout(() => this.finish(), DRAIN_MS);
    });
    child.on('close', () => this.finish(spawnError));
    if (timeoutMs !== undefined) {
      this.timer = setTimeout(() => {
        this.timedOut = true;
        void this.stop(KILL_GRACE_MS);
      }, timeoutMs);
    }
  }

  /** Ends it and everything it started (SIGTERM first, when given a grace period), and waits for that. */
  async stop(graceMs = 0): Promise<UntrustedExit> {
    clearTimeout(this.timer);
    if (!this.finished && !this.exit && graceMs > 0) {
      this.killAll('SIGTERM');
      await Promise.race([this.exited, delay(graceMs)]);
    }
    if (!this.finished && !this.exit) {
      this.killAll('SIGKILL');
      await Promise.race([this.exited, delay(KILLED_WAIT_MS)]);
      this.finish();
    }
    return this.exited;
  }

  private killAll(signal: NodeJS.Signals): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    if (process.platform === 'win32') {
      treeKill(pid, signal);
      return;
    }
    // The process group (its first process leads one); in a sandbox, the namespace dies with its first process.
    try {
      process.kill(-pid, signal);
    } catch {
      // gone already, or only processes of another user (sudo's) are left
    }
    if (this.marker && signal === 'SIGKILL') for (const marked of processesMarked(this.marker)) tryKill(marked, signal);
  }

  private finish(spawnError?: NodeJS.ErrnoException): void {
    if (this.finished) return;
    this.finished = true;
    clearTimeout(this.timer);
    clearTimeout(this.drain);
    this.stdout.destroy();
    this.stderr.destroy();
    this.stdin?.destroy();
    this.child.unref();
    this.cleanup();
    // No exit seen after SIGKILL: a process of another user (sudo) did not end in time.
    const exit = this.exit ?? { code: null, signal: spawnError ? null : 'SIGKILL' };
    this.settle({ exitCode: exit.code, signal: exit.signal, timedOut: this.timedOut, spawnError });
  }
}

/**
 * Starts `options.command` in the strongest isolation this machine allows (or the one given). Throws, as spawn
 * reports it (`code: 'ENOENT'`), when the program of an argument list is not found.
 */
export function startUntrusted(options: UntrustedOptions, isolation: Isolation = detectIsolation()): UntrustedProcess {
  const shell = options.command.length === 1;
  const command = shell ? ['/bin/sh', '-c', options.command[0]] : [...options.command];
  const env = untrustedEnvironment(options.env);
  const stdio = [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] as const;
  if (!shell && process.platform !== 'win32') assertRunnable(command[0], options.cwd, env.PATH);

  if (isolation === 'none' || process.platform !== 'linux') {
    const marker = process.platform === 'linux' ? `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}` : undefined;
    const child = spawn(options.command[0], options.command.slice(1), {
      cwd: options.cwd,
      env: marker ? { ...env, RL_REVIEW_SANDBOX: marker } : env,
      shell,
      detached: process.platform !== 'win32',
      stdio: [...stdio],
    });
    return new UntrustedProcess(child, 'none', marker, () => {}, options.timeoutMs);
  }
  const dir = mkdtempSync(join(tmpdir(), 'rl-review-sandbox-'));
  const [program, ...args] = sandboxedCommand(isolation, sandboxPaths(process.env, options.cwd), writeEnvFile(dir, env, command));
  const child = spawn(program, args, { cwd: options.cwd, env: launcherEnvironment(), detached: true, stdio: [...stdio] });
  return new UntrustedProcess(child, isolation, undefined, () => rmSync(dir, { recursive: true, force: true }), options.timeoutMs);
}

/**
 * In a sandbox the command's status comes from the shell that ran it: 128 + n for a command killed by signal n
 * (SIGKILL from the kernel's out-of-memory killer, SIGTERM at the timeout) is reported as that signal.
 */
function exitStatus(code: number | null, signal: NodeJS.Signals | null, isolation: Isolation): { code: number | null; signal: NodeJS.Signals | null } {
  const signalled = isolation !== 'none' && code !== null && code > 128 ? signalName(code - 128) : undefined;
  return signalled ? { code: null, signal: signalled } : { code, signal };
}

function signalName(number: number): NodeJS.Signals | undefined {
  return (Object.entries(osConstants.signals) as [NodeJS.Signals, number][]).find(([, n]) => n === number)?.[0];
}

/** Throws unless `program` can be run, looked up like execvp does: in a sandbox its absence would only be status 127. */
function assertRunnable(program: string, cwd: string, path = ''): void {
  const candidates = program.includes('/') ? [resolve(cwd, program)] : path.split(delimiter).filter(isAbsolute).map((dir) => join(dir, program));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return;
    } catch {
      // not this one
    }
  }
  throw Object.assign(new Error(`spawn ${program} ENOENT`), { code: 'ENOENT', path: program });
}

/** The processes whose environment carries the marker (Linux, same user: those are readable). */
function processesMarked(marker: string): number[] {
  const needle = `\0RL_REVIEW_SANDBOX=${marker}\0`;
  return readdirSync('/proc').flatMap((name) => {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) return [];
    try {
      return `\0${readFileSync(`/proc/${name}/environ`, 'latin1')}`.includes(needle) ? [Number(name)] : [];
    } catch {
      return [];
    }
  });
}

function tryKill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // gone already
  }
}

/** Unreferenced: while the process runs, its handle keeps Node alive; once it has ended, nothing should wait on this. */
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { distFile } from '../assets';
import type { Config } from '../config';
import type { FileAnalysis, FileTask } from './engine';

interface Pending {
  task: FileTask;
  resolve: (analysis: FileAnalysis) => void;
  reject: (error: Error) => void;
  /** Sent alone: it was in a batch whose worker died or overran, and may be the file at fault. */
  alone?: boolean;
}

/** What a worker answers for a batch: one result per file, in the batch's order. */
export type BatchReply = ({ analysis: FileAnalysis } | { error: string })[];

/** A batch sent to a worker and not answered yet, with its watchdog once the worker is on it. */
interface Batch {
  files: Pending[];
  watchdog?: NodeJS.Timeout;
}

/**
 * Batches a worker holds at once, the one it is on and the next: it goes on to the next at once, without waiting for
 * the main thread (busy reading files) to take its answer.
 */
const BATCHES_IN_FLIGHT = 2;
/**
 * Most files fail the prefilter in a fraction of a millisecond, less than a message to a worker and back costs:
 * files go in batches of up to this many characters (a file larger than that goes alone) or files.
 */
const BATCH_CHARS = 256 * 1024;
const BATCH_FILES = 16;
/** Files read ahead of the workers, at most: enough to keep them busy, few enough to keep memory bounded. */
const MAX_QUEUED = 64;

/**
 * How long a batch may take: the largest file scanned (2 MiB) takes about a second. One that takes longer has met a
 * bug, such as a regular expression that backtracks without end (an early trigger of RL109 did so on a verl file):
 * its worker is stopped (see `replace`), the file at fault becomes a notice, and the review goes on.
 */
const TIMEOUT_MS = 30_000;

/** One worker per core, at most 4, and no more than one per 16 files. */
function poolSize(filesToRead: number): number {
  return Math.max(1, Math.min(availableParallelism(), 4, Math.floor(filesToRead / 16)));
}

/**
 * Worker threads that prefilter, parse and analyze files in parallel, each with its own tree-sitter parser, under a
 * watchdog. Only the bundle ships `worker.js`; from sources (tests) analysis runs in-process.
 */
export class AnalysisPool {
  private readonly queue: Pending[] = [];
  /** The batches sent to each worker, in order: it analyzes them and answers in that order. */
  private readonly sent = new Map<Worker, Batch[]>();
  /** The reader, waiting for room in the queue. */
  private readonly waitingForRoom: (() => void)[] = [];

  constructor(
    private readonly script: string,
    size: number,
    private readonly severities: Config['rules'],
    private readonly timeoutMs = TIMEOUT_MS,
  ) {
    for (let i = 0; i < size; i++) this.spawn();
  }

  /**
   * A pool sized to the machine and the work, or undefined when there is no worker script. Even one file gets a
   * worker: the watchdog needs one, and a worker costs about a tenth of a second to start.
   */
  static start(filesToRead: number, severities: Config['rules']): AnalysisPool | undefined {
    const script = distFile('worker.js');
    return script && filesToRead > 0 ? new AnalysisPool(script, poolSize(filesToRead), severities) : undefined;
  }

  /** More workers, now that there are more files to read than the pool was started for. */
  grow(filesToRead: number): void {
    for (let size = this.sent.size; size < poolSize(filesToRead); size++) this.spawn();
  }

  analyze(task: FileTask): Promise<FileAnalysis> {
    return new Promise((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      this.dispatch();
    });
  }

  /** Resolves once the queue has room for another file: the reader waits here before reading on. */
  room(): Promise<void> {
    if (this.queue.length < MAX_QUEUED) return Promise.resolve();
    return new Promise((resolve) => this.waitingForRoom.push(resolve));
  }

  async close(): Promise<void> {
    const workers = [...this.sent.keys()];
    for (const worker of workers) this.retire(worker);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private spawn(): void {
    // Not the parent's flags (a loader, --inspect): the worker is plain bundled code.
    const worker = new Worker(this.script, { execArgv: [], workerData: this.severities });
    this.sent.set(worker, []);
    worker.on('message', (reply: BatchReply) => {
      const batches = this.sent.get(worker);
      if (!batches) return;
      const batch = batches.shift()!;
      clearTimeout(batch.watchdog);
      batch.files.forEach((pending, i) => {
        const result = reply[i];
        if ('analysis' in result) pending.resolve(result.analysis);
        else pending.reject(new Error(result.error));
      });
      this.watch(worker);
      this.dispatch();
    });
    // A worker that dies (out of memory in the parser, say) is replaced like one that overran. Only at its exit:
    // an answer it sent before dying can still be on its way when its error is, and would be blamed otherwise.
    let death: Error | undefined;
    worker.on('error', (error) => (death = error));
    worker.on('exit', (code) => this.replace(worker, death ?? new Error(`the analysis worker stopped (exit code ${code})`)));
  }

  /**
   * Take a worker that died or overran out of the pool. The batch it was on is sent again file by file, unless it
   * was one file: that file is the one at fault, and fails with `error`. The batches after it go back to the queue.
   * A fresh worker takes its place only if it was on a batch: one that dies with none (it could not start) is not
   * replaced, or the pool would start workers without end. Each death settles or splits a batch, so a worker script
   * that cannot start at all fails every file instead of hanging the scan.
   */
  private replace(worker: Worker, error: Error): void {
    if (!this.sent.has(worker)) return;
    const [current, ...waiting] = this.retire(worker);
    if (current?.files.length === 1) current.files[0].reject(error);
    else if (current) this.queue.unshift(...current.files.map((pending) => ({ ...pending, alone: true })));
    this.queue.unshift(...waiting.flatMap((batch) => batch.files));
    if (current) this.spawn();
    this.dispatch();
  }

  /** Take a worker out of the pool; its batches not answered yet. */
  private retire(worker: Worker): Batch[] {
    const batches = this.sent.get(worker) ?? [];
    this.sent.delete(worker);
    for (const batch of batches) clearTimeout(batch.watchdog);
    return batches;
  }

  /** Time the batch the worker is on now, from now. */
  private watch(worker: Worker): void {
    const [current] = this.sent.get(worker)!;
    if (!current) return;
    current.watchdog = setTimeout(() => {
      this.replace(worker, new Error(`analysis took longer than ${this.timeoutMs / 1000} s and was stopped`));
      void worker.terminate();
    }, this.timeoutMs);
  }

  private dispatch(): void {
    if (this.sent.size === 0 && this.queue.length) this.spawn();
    for (const [worker, batches] of this.sent) {
      while (batches.length < BATCHES_IN_FLIGHT && this.queue.length) {
        const batch: Batch = { files: this.takeBatch() };
        batches.push(batch);
        worker.postMessage(batch.files.map((pending) => pending.task));
        if (batches.length === 1) this.watch(worker);
      }
    }
    while (this.queue.length < MAX_QUEUED && this.waitingForRoom.length) this.waitingForRoom.shift()!();
  }

  /**
   * The largest file read first, so that the last ones are small and no worker is left waiting long at the end;
   * then, unless it goes alone, the next files up to a batch's size.
   */
  private takeBatch(): Pending[] {
    let largest = 0;
    for (let i = 1; i < this.queue.length; i++) {
      if (this.queue[i].task.source.length > this.queue[largest].task.source.length) largest = i;
    }
    const [first] = this.queue.splice(largest, 1);
    const batch = [first];
    let chars = first.task.source.length;
    while (!first.alone && batch.length < BATCH_FILES && this.queue.length && !this.queue[0].alone) {
      chars += this.queue[0].task.source.length;
      if (chars > BATCH_CHARS) break;
      batch.push(this.queue.shift()!);
    }
    return batch;
  }
}

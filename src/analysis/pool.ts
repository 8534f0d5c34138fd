import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { distFile } from '../assets';
import type { FileAnalysis, FileTask } from './engine';

interface Pending {
  task: FileTask;
  resolve: (analysis: FileAnalysis) => void;
  reject: (error: Error) => void;
}

/**
 * Files a worker holds at once, the one it is on and the next: it goes on to the next at once, without waiting for
 * the main thread (busy reading files) to take its answer.
 */
const FILES_IN_FLIGHT = 2;

/**
 * Worker threads that parse and analyze files in parallel, each with its own tree-sitter parser.
 * Only the bundle ships `worker.js`; from sources (tests) analysis runs in-process.
 */
export class AnalysisPool {
  private readonly queue: Pending[] = [];
  /** The files sent to each worker, in order: it analyzes them and answers in that order. */
  private readonly sent = new Map<Worker, Pending[]>();

  private constructor(private readonly script: string, size: number) {
    for (let i = 0; i < size; i++) this.spawn();
  }

  /**
   * A pool sized to the machine, or undefined when there is no worker script or too little work to pay for threads.
   * Sized by the files to read: how many of them pass the prefilter is known only once they are read.
   */
  static start(filesToRead: number): AnalysisPool | undefined {
    const script = distFile('worker.js');
    const size = Math.min(availableParallelism(), 4, Math.floor(filesToRead / 16));
    return script && size >= 2 ? new AnalysisPool(script, size) : undefined;
  }

  analyze(task: FileTask): Promise<FileAnalysis> {
    return new Promise((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.sent.keys()].map((w) => w.terminate()));
  }

  private spawn(): void {
    // Not the parent's flags (a loader, --inspect): the worker is plain bundled code.
    const worker = new Worker(this.script, { execArgv: [] });
    this.sent.set(worker, []);
    worker.on('message', (message: { analysis?: FileAnalysis; error?: string }) => {
      const pending = this.sent.get(worker)!.shift()!;
      if (message.analysis) pending.resolve(message.analysis);
      else pending.reject(new Error(message.error));
      this.dispatch();
    });
    // A worker that dies (out of memory in the parser, say) fails the file it was on only: the files sent after it
    // go back to the queue, and a fresh worker takes its place.
    worker.on('error', (error) => {
      const [current, ...waiting] = this.sent.get(worker) ?? [];
      this.sent.delete(worker);
      current?.reject(error);
      this.queue.push(...waiting);
      this.spawn();
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const [worker, sent] of this.sent) {
      while (sent.length < FILES_IN_FLIGHT && this.queue.length) {
        const pending = this.takeLargest();
        sent.push(pending);
        worker.postMessage(pending.task);
      }
    }
  }

  /** The largest file first: the last ones are then small, and no worker is left waiting long for another at the end. */
  private takeLargest(): Pending {
    let largest = 0;
    for (let i = 1; i < this.queue.length; i++) {
      if (this.queue[i].task.source.length > this.queue[largest].task.source.length) largest = i;
    }
    return this.queue.splice(largest, 1)[0];
  }
}

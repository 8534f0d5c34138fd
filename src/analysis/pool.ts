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
 * Worker threads that parse and analyze files in parallel, each with its own tree-sitter parser.
 * Only the bundle ships `worker.js`; from sources (tests) analysis runs in-process.
 */
export class AnalysisPool {
  private readonly idle: Worker[] = [];
  private readonly queue: Pending[] = [];
  private readonly busy = new Map<Worker, Pending>();

  private constructor(private readonly script: string, size: number) {
    for (let i = 0; i < size; i++) this.idle.push(this.spawn());
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
    await Promise.all([...this.idle, ...this.busy.keys()].map((w) => w.terminate()));
  }

  private spawn(): Worker {
    // Not the parent's flags (a loader, --inspect): the worker is plain bundled code.
    const worker = new Worker(this.script, { execArgv: [] });
    worker.on('message', (message: { analysis?: FileAnalysis; error?: string }) => {
      const pending = this.busy.get(worker)!;
      this.busy.delete(worker);
      this.idle.push(worker);
      if (message.analysis) pending.resolve(message.analysis);
      else pending.reject(new Error(message.error));
      this.dispatch();
    });
    // A worker that dies (out of memory in the parser, say) fails its file only; a fresh one takes its place.
    worker.on('error', (error) => {
      const pending = this.busy.get(worker);
      this.busy.delete(worker);
      pending?.reject(error);
      this.idle.push(this.spawn());
      this.dispatch();
    });
    return worker;
  }

  private dispatch(): void {
    while (this.idle.length && this.queue.length) {
      const worker = this.idle.pop()!;
      const pending = this.takeLargest();
      this.busy.set(worker, pending);
      worker.postMessage(pending.task);
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

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { distFile } from '../assets';
import { fromColumns, type ObservationColumn } from './columns';
import type { DumpFormatName } from './formats/format';
import { lineSource } from './formats/jsonl';
import { readLineBlocks } from './lines';
import type { ObservationSink, ObserverSettings } from './observe';

/** A block of whole JSONL lines for a worker to decode, parse and observe. */
export interface BlockTask {
  bytes: Uint8Array<ArrayBuffer>;
  firstLine: number;
  display: string;
  format: DumpFormatName;
}

/**
 * What a block held: the observations of its trajectories, and the lines skipped. The report does not depend on
 * where the skips fall among the trajectories, only on the order of each.
 */
export interface BlockObservations {
  trajectories: number;
  columns: ObservationColumn[];
  skips: { where: string; message: string }[];
}

export type BlockReply = BlockObservations | { error: string };

/** Each busy worker's heap takes about 100 MB of RSS: two keep a check of any dump under 300 MB. */
const MAX_WORKERS = 2;
/** Blocks read ahead per worker: enough to keep every worker busy, few enough to keep memory bounded. */
const READ_AHEAD = 2;

interface WorkerSlot {
  worker: Worker;
  /** Its blocks not answered yet, oldest first: a worker answers in the order it was sent them. */
  waiting: { resolve: (block: BlockObservations) => void; reject: (error: Error) => void }[];
}

/**
 * Worker threads that read JSONL dumps: each decodes, parses and observes blocks of lines, and the main thread
 * folds the observations in file order, so the report is the one an in-process read gives. Only the bundle ships
 * `rollout-worker.js`; from sources (tests) dumps are read in-process.
 */
export class RolloutPool {
  private readonly slots: WorkerSlot[] = [];
  private next = 0;
  /** Set when a worker died: the pool takes no more blocks. */
  private failure: Error | undefined;

  private constructor(script: string, size: number, settings: ObserverSettings) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn(script, settings));
  }

  /** A pool sized to the machine; undefined when there is no worker script or a single core. */
  static start(settings: ObserverSettings): RolloutPool | undefined {
    const script = distFile('rollout-worker.js');
    const size = Math.min(availableParallelism(), MAX_WORKERS);
    return script && size >= 2 ? new RolloutPool(script, size, settings) : undefined;
  }

  async readJsonLines(path: string, display: string, format: DumpFormatName, sink: ObservationSink): Promise<void> {
    const pending: Promise<BlockObservations>[] = [];
    const replay = (block: BlockObservations) => {
      for (const skip of block.skips) sink.skip(skip.where, skip.message);
      for (const observations of fromColumns(block.columns, block.trajectories)) sink.observed(observations);
    };
    await readLineBlocks(path, {
      block: async (bytes, firstLine) => {
        pending.push(this.observe({ bytes, firstLine, display, format }));
        if (pending.length >= READ_AHEAD * this.slots.length) replay(await pending.shift()!);
      },
      tooLong: (number, message) => {
        pending.push(Promise.resolve({ trajectories: 0, columns: [], skips: [{ where: lineSource(display, number), message }] }));
      },
    });
    for (const block of pending) replay(await block);
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  /** Blocks go to the workers in turn, and each worker answers in order: replies are awaited in file order. */
  private observe(task: BlockTask): Promise<BlockObservations> {
    if (this.failure) return Promise.reject(this.failure);
    const slot = this.slots[this.next++ % this.slots.length];
    const block = new Promise<BlockObservations>((resolve, reject) => slot.waiting.push({ resolve, reject }));
    // The block's bytes are its own: moved to the worker, not copied.
    slot.worker.postMessage(task, [task.bytes.buffer]);
    // Awaited later, in file order: a failure before then is not an unhandled rejection.
    block.catch(() => undefined);
    return block;
  }

  private spawn(script: string, settings: ObserverSettings): WorkerSlot {
    const slot: WorkerSlot = { worker: new Worker(script, { workerData: settings }), waiting: [] };
    slot.worker.on('message', (reply: BlockReply) => {
      const waiting = slot.waiting.shift()!;
      if ('error' in reply) waiting.reject(new Error(reply.error));
      else waiting.resolve(reply);
    });
    slot.worker.on('error', (error) => {
      this.failure = error;
      for (const waiting of slot.waiting.splice(0)) waiting.reject(error);
    });
    return slot;
  }
}

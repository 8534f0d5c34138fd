import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { distFile } from '../assets';
import type { DumpFormatName } from './formats/format';
import { lineSource } from './formats/jsonl';
import { readLineBlocks } from './lines';
import type { Tallies, TallySettings } from './tally';

/** A block of whole JSONL lines for a worker to decode, parse and tally. */
export interface BlockTask {
  bytes: Uint8Array<ArrayBuffer>;
  firstLine: number;
  display: string;
  format: DumpFormatName;
}

/**
 * What a block held: the checks' tallies of its trajectories, and the lines skipped. The report does not depend on
 * where the skips fall among the trajectories, only on the order of each.
 */
export interface BlockTallies extends Tallies {
  skips: { where: string; message: string }[];
}

export type BlockReply = BlockTallies | { error: string };

/** Where what the workers read of a dump goes, block by block in file order. */
export interface BlockSink {
  tallied(tallies: Tallies): void;
  skip(where: string, message: string): void;
}

/** Each busy worker's heap takes about 100 MB of RSS: two keep a check of any dump under 300 MB. */
const MAX_WORKERS = 2;
/** Blocks read ahead per worker: enough to keep every worker busy, few enough to keep memory bounded. */
const READ_AHEAD = 2;
/** A block takes milliseconds (a 16 MB line, a second or two): one that takes this long never ends. */
const BLOCK_TIMEOUT_MS = 60_000;

interface WaitingBlock {
  firstLine: number;
  resolve: (block: BlockTallies) => void;
  reject: (error: Error) => void;
}

interface WorkerSlot {
  worker: Worker;
  /** Its blocks not answered yet, oldest first: a worker answers in the order it was sent them. */
  waiting: WaitingBlock[];
  /** Stops the worker when its oldest block, the one it is checking, takes longer than the timeout. */
  watchdog?: NodeJS.Timeout;
}

/**
 * Worker threads that read JSONL dumps: each decodes, parses and tallies blocks of lines, and the main thread
 * merges the tallies in file order, so the report is the one an in-process read gives. Only the bundle ships
 * `rollout-worker.js`; from sources (tests) dumps are read in-process.
 *
 * A worker that dies, or takes longer than the timeout over one block, is replaced: its blocks fail, and with them
 * the read of their file (the review says where it stopped), while other files are read on.
 */
export class RolloutPool {
  private readonly slots: WorkerSlot[] = [];
  private next = 0;
  /** Set when the last worker is gone for good: the pool takes no more blocks. */
  private failure: Error | undefined;
  private closing = false;

  constructor(
    private readonly script: string,
    size: number,
    private readonly settings: TallySettings,
    private readonly timeoutMs = BLOCK_TIMEOUT_MS,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  /** A pool sized to the machine; undefined when there is no worker script or a single core. */
  static start(settings: TallySettings): RolloutPool | undefined {
    const script = distFile('rollout-worker.js');
    const size = Math.min(availableParallelism(), MAX_WORKERS);
    return script && size >= 2 ? new RolloutPool(script, size, settings) : undefined;
  }

  async readJsonLines(path: string, display: string, format: DumpFormatName, sink: BlockSink): Promise<void> {
    const pending: Promise<BlockTallies>[] = [];
    const replay = (block: BlockTallies) => {
      for (const skip of block.skips) sink.skip(skip.where, skip.message);
      // A block of no trajectory (a line over the limit alone) has nothing to merge.
      if (block.trajectories) sink.tallied(block);
    };
    await readLineBlocks(path, {
      block: async (bytes, firstLine) => {
        pending.push(this.tally({ bytes, firstLine, display, format }));
        if (pending.length >= READ_AHEAD * this.slots.length) replay(await pending.shift()!);
      },
      tooLong: (number, message) => {
        pending.push(Promise.resolve({ trajectories: 0, checks: [], skips: [{ where: lineSource(display, number), message }] }));
      },
    });
    for (const block of pending) replay(await block);
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  /** Blocks go to the workers in turn, and each worker answers in order: replies are awaited in file order. */
  private tally(task: BlockTask): Promise<BlockTallies> {
    if (!this.slots.length) return Promise.reject(this.failure);
    const slot = this.slots[this.next++ % this.slots.length];
    const block = new Promise<BlockTallies>((resolve, reject) => slot.waiting.push({ firstLine: task.firstLine, resolve, reject }));
    // The block's bytes are its own: moved to the worker, not copied.
    slot.worker.postMessage(task, [task.bytes.buffer]);
    if (slot.waiting.length === 1) this.watch(slot);
    // Awaited later, in file order: a failure before then is not an unhandled rejection.
    block.catch(() => undefined);
    return block;
  }

  private spawn(): WorkerSlot {
    // Not the parent's flags (a loader, --inspect): the worker is plain bundled code, as the analysis pool's are.
    const slot: WorkerSlot = { worker: new Worker(this.script, { execArgv: [], workerData: this.settings }), waiting: [] };
    slot.worker.on('message', (reply: BlockReply) => {
      // A stopped worker's last answer may still come in: its blocks have failed already.
      const waiting = slot.waiting.shift();
      if (!waiting) return;
      clearTimeout(slot.watchdog);
      if (slot.waiting.length) this.watch(slot);
      if ('error' in reply) waiting.reject(new Error(reply.error));
      else waiting.resolve(reply);
    });
    // A death is handled at exit, not at the error event: that can overtake the answer the worker sent just before.
    let death: Error | undefined;
    slot.worker.on('error', (error) => (death = error));
    slot.worker.on('exit', () => this.retire(slot, death ?? new Error('a rollout worker stopped')));
    return slot;
  }

  private watch(slot: WorkerSlot): void {
    slot.watchdog = setTimeout(() => {
      const { firstLine } = slot.waiting[0];
      this.retire(slot, new Error(`checking the lines from ${firstLine} on took longer than ${this.timeoutMs / 1000} s and was stopped`));
      void slot.worker.terminate();
    }, this.timeoutMs);
  }

  /**
   * Takes a dead or stopped worker out of the pool: its blocks fail with `error`. It is replaced when it was working:
   * a worker that dies idle (a bundle whose worker cannot start) is not, so that the pool cannot spawn for ever.
   */
  private retire(slot: WorkerSlot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    clearTimeout(slot.watchdog);
    const lost = slot.waiting.splice(0);
    for (const waiting of lost) waiting.reject(error);
    if (lost.length && !this.closing) {
      this.slots[index] = this.spawn();
      return;
    }
    this.slots.splice(index, 1);
    this.failure = error;
  }
}

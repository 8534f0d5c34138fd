// Entry point of a rollout worker thread (dist/rollout-worker.js): decodes, parses and tallies the blocks of JSONL
// lines the pool sends, one at a time.
import { parentPort, workerData } from 'node:worker_threads';
import type { TrajectorySink } from './formats/format';
import { DUMP_FORMATS } from './formats/index';
import { jsonLineHandlers } from './formats/jsonl';
import { forEachLine } from './lines';
import type { BlockReply, BlockTallies, BlockTask } from './pool';
import { Tallier, type TallySettings } from './tally';

const tallier = new Tallier(workerData as TallySettings);

parentPort!.on('message', (task: BlockTask) => {
  let reply: BlockReply;
  try {
    const block: BlockTallies = { ...tallier.empty(), skips: [] };
    const sink: TrajectorySink = {
      trajectory: (trajectory) => tallier.add(block, trajectory),
      skip: (where, message) => block.skips.push({ where, message }),
    };
    const lineRecord = DUMP_FORMATS.find((format) => format.name === task.format)!.lineRecord!;
    const bytes = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
    forEachLine(bytes, task.firstLine, jsonLineHandlers(task.display, sink, lineRecord));
    reply = block;
  } catch (error) {
    reply = { error: (error as Error).message };
  }
  parentPort!.postMessage(reply);
});

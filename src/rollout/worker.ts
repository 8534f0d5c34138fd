// Entry point of a rollout worker thread (dist/rollout-worker.js): decodes, parses and observes the blocks of JSONL
// lines the pool sends, one at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { toColumns } from './columns';
import { DUMP_FORMATS } from './formats/index';
import { jsonLineHandlers } from './formats/jsonl';
import { forEachLine } from './lines';
import { observer, observingSink, type Observations, type ObserverSettings } from './observe';
import type { BlockObservations, BlockReply, BlockTask } from './pool';

const settings = workerData as ObserverSettings;
const observe = observer(settings);

parentPort!.on('message', (task: BlockTask) => {
  let reply: BlockReply;
  try {
    const observed: Observations[] = [];
    const skips: BlockObservations['skips'] = [];
    const sink = observingSink(observe, {
      observed: (observations) => observed.push(observations),
      skip: (where, message) => skips.push({ where, message }),
    });
    const lineRecord = DUMP_FORMATS.find((format) => format.name === task.format)!.lineRecord!;
    const block = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
    forEachLine(block, task.firstLine, jsonLineHandlers(task.display, sink, lineRecord));
    reply = { trajectories: observed.length, columns: toColumns(observed, settings.checkIds.length), skips };
  } catch (error) {
    reply = { error: (error as Error).message };
  }
  parentPort!.postMessage(reply);
});

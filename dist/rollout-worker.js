import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);
import {
  DUMP_FORMATS,
  forEachLine,
  jsonLineHandlers,
  observer,
  observingSink,
  toColumns
} from "./chunks/chunk-XDHCUSRA.js";
import "./chunks/chunk-WVNCUC7L.js";

// src/rollout/worker.ts
import { parentPort, workerData } from "node:worker_threads";
var settings = workerData;
var observe = observer(settings);
parentPort.on("message", (task) => {
  let reply;
  try {
    const observed = [];
    const skips = [];
    const sink = observingSink(observe, {
      observed: (observations) => observed.push(observations),
      skip: (where, message) => skips.push({ where, message })
    });
    const lineRecord = DUMP_FORMATS.find((format) => format.name === task.format).lineRecord;
    const block = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
    forEachLine(block, task.firstLine, jsonLineHandlers(task.display, sink, lineRecord));
    reply = { trajectories: observed.length, columns: toColumns(observed, settings.checkIds.length), skips };
  } catch (error) {
    reply = { error: error.message };
  }
  parentPort.postMessage(reply);
});

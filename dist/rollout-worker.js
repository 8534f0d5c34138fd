import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);
import {
  DUMP_FORMATS,
  Tallier,
  forEachLine,
  jsonLineHandlers
} from "./chunks/chunk-6UVJD5RY.js";
import "./chunks/chunk-RKUACE6G.js";
import "./chunks/chunk-CZEIGTUX.js";
import "./chunks/chunk-2ZMPP5RW.js";

// src/rollout/worker.ts
import { parentPort, workerData } from "node:worker_threads";
var tallier = new Tallier(workerData);
parentPort.on("message", (task) => {
  let reply;
  try {
    const block = { ...tallier.empty(), skips: [] };
    const sink = {
      trajectory: (trajectory) => tallier.add(block, trajectory),
      skip: (where, message) => block.skips.push({ where, message })
    };
    const lineRecord = DUMP_FORMATS.find((format) => format.name === task.format).lineRecord;
    const bytes = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
    forEachLine(bytes, task.firstLine, jsonLineHandlers(task.display, sink, lineRecord));
    reply = block;
  } catch (error) {
    reply = { error: error.message };
  }
  parentPort.postMessage(reply);
});

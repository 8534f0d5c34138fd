import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);
import {
  analyzeTask
} from "./chunks/chunk-QJE7JTTC.js";
import "./chunks/chunk-S3CKACEJ.js";
import "./chunks/chunk-WVNCUC7L.js";

// src/analysis/worker.ts
import { parentPort } from "node:worker_threads";
var previous = Promise.resolve();
parentPort.on("message", (task) => {
  previous = previous.then(async () => {
    try {
      parentPort.postMessage({ analysis: await analyzeTask(task) });
    } catch (error) {
      parentPort.postMessage({ error: error.message });
    }
  });
});

import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);
import {
  analyzeSource
} from "./chunks/chunk-M2V3OQCK.js";
import {
  pythonParser
} from "./chunks/chunk-3V2J5QG7.js";
import "./chunks/chunk-XPX7JKDB.js";
import "./chunks/chunk-W5J2XSN6.js";
import "./chunks/chunk-NEICRMA7.js";
import "./chunks/chunk-2ZMPP5RW.js";

// src/analysis/worker.ts
import { parentPort, workerData } from "node:worker_threads";
var severities = workerData;
pythonParser().catch(() => {
});
var previous = Promise.resolve();
parentPort.on("message", (tasks) => {
  previous = previous.then(async () => {
    const reply = [];
    for (const task of tasks) {
      try {
        reply.push({ analysis: await analyzeSource(task.path, task.source, task.language, severities, void 0, task.editorDocument) });
      } catch (error) {
        reply.push({ error: error.message });
      }
    }
    parentPort.postMessage(reply);
  });
});

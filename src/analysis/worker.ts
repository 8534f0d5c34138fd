// Entry point of an analysis worker thread (dist/worker.js): analyzes the batches of files the pool sends, in order.
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../config';
import { analyzeSource, type FileTask } from './engine';
import { pythonParser } from './languages/python';
import type { BatchReply } from './pool';

const severities = workerData as Config['rules'];

// Loaded now, while the main thread looks for files. A grammar that fails to load fails each Python file's analysis
// with its reason, when it is parsed.
pythonParser().catch(() => {});

// The pool sends the next batch before this one is done and reads the answers in the order it sent them: each batch
// waits for the one before it, even when that one waits for a parser to load.
let previous = Promise.resolve();

parentPort!.on('message', (tasks: FileTask[]) => {
  previous = previous.then(async () => {
    const reply: BatchReply = [];
    for (const task of tasks) {
      try {
        reply.push({ analysis: await analyzeSource(task.path, task.source, task.language, severities, undefined, task.editorDocument) });
      } catch (error) {
        reply.push({ error: (error as Error).message });
      }
    }
    parentPort!.postMessage(reply);
  });
});

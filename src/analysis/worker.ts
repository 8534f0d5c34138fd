// Entry point of an analysis worker thread (dist/worker.js): analyzes the files the pool sends, one at a time.
import { parentPort } from 'node:worker_threads';
import { analyzeTask, type FileTask } from './engine';

// The pool sends the next file before this one is done and reads the answers in the order it sent the files: each
// file waits for the one before it, even when that one waits for a parser to load.
let previous = Promise.resolve();

parentPort!.on('message', (task: FileTask) => {
  previous = previous.then(async () => {
    try {
      parentPort!.postMessage({ analysis: await analyzeTask(task) });
    } catch (error) {
      parentPort!.postMessage({ error: (error as Error).message });
    }
  });
});

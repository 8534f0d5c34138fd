// Entry point of an analysis worker thread (dist/worker.js): analyzes the files the pool sends, one at a time.
import { parentPort } from 'node:worker_threads';
import { analyzeSource, type FileTask } from './engine';

parentPort!.on('message', async (task: FileTask) => {
  try {
    parentPort!.postMessage({ analysis: await analyzeSource(task.path, task.source, task.language, task.rules) });
  } catch (error) {
    parentPort!.postMessage({ error: (error as Error).message });
  }
});

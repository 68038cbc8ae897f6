import { parentPort, workerData } from 'node:worker_threads';
import { performTextTask, type TextTask } from './text-task.ts';

// The worker thread's side of `runTextTask`: one task from workerData, one message back, exit.
try {
  const result = performTextTask(workerData as TextTask);
  parentPort!.postMessage({ ok: true, result });
} catch (e) {
  parentPort!.postMessage({ ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
}

import { Worker } from 'node:worker_threads';
import { performTextTask, type TextTask, type TextTaskResults } from './text-task.ts';

/**
 * Inputs at or below this size run on the calling thread: starting a worker (tsx, jieba's
 * dictionary) costs more than the work itself.
 */
export const IN_THREAD_LIMIT = 300;

/** How big a task is, to choose where it runs. */
function sizeOf(task: TextTask): number {
  return task.kind === 'train' ? task.examples.length : task.kind === 'copies' ? task.texts.length : task.docs.length;
}

/**
 * Runs CPU-heavy text work (training, indexing, clustering) in a worker thread, so a request or
 * a job taking seconds does not stall every other request of the process; small inputs run in
 * place. `where` forces one or the other (tests prove the worker path on a small input).
 */
export async function runTextTask<K extends TextTask['kind']>(task: Extract<TextTask, { kind: K }>, where: 'auto' | 'worker' | 'thread' = 'auto'): Promise<TextTaskResults[K]> {
  const inWorker = where === 'worker' || (where === 'auto' && sizeOf(task) > IN_THREAD_LIMIT);
  if (!inWorker) return performTextTask(task);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./text-worker-entry.mjs', import.meta.url), { workerData: task });
    let settled = false;
    worker.once('message', (m: { ok: true; result: TextTaskResults[K] } | { ok: false; error: string }) => {
      settled = true;
      if (m.ok) resolve(m.result);
      else reject(new Error(`text worker (${task.kind}): ${m.error}`));
      void worker.terminate();
    });
    worker.once('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`text worker (${task.kind}) exited with code ${code} before answering`));
    });
  });
}

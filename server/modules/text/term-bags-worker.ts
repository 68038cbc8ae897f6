import { parentPort, workerData } from 'node:worker_threads';
import { takeTermBagChunks, type TermBagsWork } from './count-term-bags.ts';

// A worker thread of `countTermBags`: takes chunks of messages off the shared counter and sends
// each chunk's bags back as it is done, the typed arrays' memory transferred (not copied).
try {
  takeTermBagChunks(workerData as TermBagsWork, (chunk, bags) =>
    parentPort!.postMessage({ kind: 'chunk', chunk, bags }, [bags.docStart.buffer as ArrayBuffer, bags.termIds.buffer as ArrayBuffer, bags.counts.buffer as ArrayBuffer]),
  );
  parentPort!.postMessage({ kind: 'done' });
} catch (e) {
  parentPort!.postMessage({ kind: 'error', error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
}

import { Worker } from 'node:worker_threads';
import { TermBagBuilder, termBagsOf, type TermBags } from './term-bags.ts';
import type { SimilarityDoc } from './similarity-types.ts';

/** Below this many messages a worker thread costs more (its start, jieba's dictionary) than it saves. */
export const MIN_MESSAGES_PER_THREAD = 5_000;

/**
 * What a term-bags worker gets: the messages' titles and details as one string (`offsets`:
 * message i's title is text[offsets[2i] … offsets[2i + 1]), its detail runs to offsets[2i + 2]),
 * which crosses to the thread as one copy instead of 2n strings, and the shared chunk counter.
 */
export interface TermBagsWork {
  text: string;
  offsets: Int32Array;
  /** Int32 slot 0: the next chunk to take (Atomics.add), shared by all threads. */
  next: SharedArrayBuffer;
  chunkSize: number;
  chunks: number;
  /** The thread's number (0: the calling thread), which numbers its parts' terms. */
  source: number;
}

/** A message of the shared text, rebuilt where it is needed (substrings: no copies). */
function docAt(work: TermBagsWork, i: number): SimilarityDoc {
  const o = work.offsets;
  return { id: '', title: work.text.slice(o[2 * i], o[2 * i + 1]), detail: work.text.slice(o[2 * i + 1], o[2 * i + 2]) };
}

/**
 * Takes chunks off the shared counter until none is left, calling `done` with each chunk's bags.
 * Every thread, the calling one included, runs this: a thread the machine gives less time to
 * simply takes fewer chunks.
 */
export function takeTermBagChunks(work: TermBagsWork, done: (chunk: number, bags: TermBags) => void): void {
  const next = new Int32Array(work.next);
  const messages = work.offsets.length >> 1;
  // One vocabulary per thread across its chunks (see `mergeTermBags`).
  const builder = new TermBagBuilder(work.source);
  for (let c = Atomics.add(next, 0, 1); c < work.chunks; c = Atomics.add(next, 0, 1)) {
    for (let i = c * work.chunkSize; i < Math.min(messages, (c + 1) * work.chunkSize); i++) builder.append(docAt(work, i));
    done(c, builder.take());
  }
}

type WorkerMessage = { kind: 'chunk'; chunk: number; bags: TermBags } | { kind: 'done' } | { kind: 'error'; error: string };

/** One worker thread taking chunks; resolves when it has taken its last. */
function startWorker(work: TermBagsWork, parts: TermBags[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./term-bags-worker-entry.mjs', import.meta.url), { workerData: work });
    let settled = false;
    worker.on('message', (m: WorkerMessage) => {
      if (m.kind === 'chunk') {
        parts[m.chunk] = m.bags;
        return;
      }
      settled = true;
      if (m.kind === 'done') resolve();
      else reject(new Error(`term-bags worker: ${m.error}`));
      void worker.terminate();
    });
    worker.once('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`term-bags worker exited with code ${code} before answering`));
    });
  });
}

/**
 * The term bags of `docs` (see `TermBags`) in consecutive parts, in order: merged with
 * `mergeTermBags` they are the bags of one pass. Segmentation is most of an index build and the
 * messages are independent, so `threads` threads count them: this one and `threads − 1` worker
 * threads, taking chunks of messages off a shared counter (so a thread that gets less of the
 * machine takes fewer). This thread first runs `meanwhile` (other per-message work) while the
 * workers start; its result is returned beside the parts (its argument tells how many chunks the
 * workers have taken so far). With one thread, or too few messages
 * to pay for a worker, everything runs here.
 */
export async function countTermBags<T>(
  docs: readonly SimilarityDoc[],
  options: { threads: number; minMessagesPerThread?: number; chunkSize?: number },
  meanwhile: (taken: () => number) => T,
): Promise<{ parts: TermBags[]; meanwhile: T }> {
  const workers = Math.max(0, Math.min(options.threads, Math.floor(docs.length / (options.minMessagesPerThread ?? MIN_MESSAGES_PER_THREAD))) - 1);
  if (workers === 0) return { parts: [termBagsOf(docs)], meanwhile: meanwhile(() => 0) };
  const offsets = new Int32Array(2 * docs.length + 1);
  const pieces: string[] = [];
  let at = 0;
  for (let i = 0; i < docs.length; i++) {
    pieces.push(docs[i].title, docs[i].detail);
    offsets[2 * i] = at;
    at += docs[i].title.length;
    offsets[2 * i + 1] = at;
    at += docs[i].detail.length;
  }
  offsets[2 * docs.length] = at;
  // Chunks small enough to balance the threads (one that gets less of the machine takes fewer).
  const chunkSize = options.chunkSize ?? Math.max(1_000, Math.ceil(docs.length / (16 * (workers + 1))));
  const work: TermBagsWork = { text: pieces.join(''), offsets, next: new SharedArrayBuffer(4), chunkSize, chunks: Math.ceil(docs.length / chunkSize), source: 0 };
  const parts = new Array<TermBags>(work.chunks);
  const pending = Array.from({ length: workers }, (_, w) => startWorker({ ...work, source: w + 1 }, parts));
  // Rejections are handled by the `Promise.all` below, after this thread's share.
  for (const p of pending) p.catch(() => undefined);
  const counter = new Int32Array(work.next);
  const other = meanwhile(() => Math.min(work.chunks, Atomics.load(counter, 0)));
  takeTermBagChunks(work, (chunk, bags) => (parts[chunk] = bags));
  await Promise.all(pending);
  return { parts, meanwhile: other };
}

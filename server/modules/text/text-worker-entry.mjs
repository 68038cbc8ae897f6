// Entry of the text worker thread: the server runs TypeScript through tsx, and a worker thread
// starts without the main thread's loader, so it registers tsx before loading the worker.
import { register } from 'tsx/esm/api';

register();
await import('./text-worker.ts');

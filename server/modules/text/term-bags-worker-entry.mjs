// Entry of the term-bags worker thread: registers tsx (a worker thread starts without the main
// thread's loader), then runs the worker.
import { register } from 'tsx/esm/api';

register();
await import('./term-bags-worker.ts');

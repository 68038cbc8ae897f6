#!/usr/bin/env node
// `npm run bench -- <name>`: runs one benchmark and prints its JSON result.
import { register } from 'tsx/esm/api';
register();
const { runBench } = await import('../bench/run.ts');
await runBench(process.argv.slice(2));

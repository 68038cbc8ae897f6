#!/usr/bin/env node
// Entry of the `jiceng` command: runs the TypeScript sources through tsx so that a fresh
// checkout needs no build step for the server or the CLI.
import { register } from 'tsx/esm/api';
register();
const { runCli } = await import('../server/cli.ts');
await runCli(process.argv);

import type { Command } from 'commander';
import { TextInputError } from './jsonl.ts';
import { registerClassifyCommands } from './cli-classify.ts';
import { registerSimilarCommands } from './cli-similar.ts';

/**
 * `jiceng text …`: the text features on files, for evaluation and batch work. Every command reads
 * and checks its whole input first, then writes its whole output (stdout, or --output atomically).
 */
export function registerTextCommands(program: Command): void {
  const text = program.command('text').description('Chinese text features on JSONL files: train, classify, similar, hot, reply-quality, copies');
  registerClassifyCommands(text);
  registerSimilarCommands(text);
}

/** Runs a text command body; a refused input prints its message (naming the line) and exits 2. */
export async function runTextCommand(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    if (e instanceof TextInputError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
}

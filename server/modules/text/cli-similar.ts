import type { Command } from 'commander';

/** `text similar`, `text hot`. */
export function registerSimilarCommands(text: Command): void {
  void text;
}

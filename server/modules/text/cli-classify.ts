import type { Command } from 'commander';

/** `text train`, `text classify`, `text reply-quality`, `text copies`. */
export function registerClassifyCommands(text: Command): void {
  void text;
}

import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A refusal of the text command line: the message names the file and line; exit status 2. */
export class TextInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TextInputError';
  }
}

/** One JSONL record as read: its 1-based line number and the parsed object. */
export interface JsonlRecord {
  line: number;
  value: Record<string, unknown>;
}

/**
 * Reads a whole JSONL file before anything is computed, so a bad line stops the command before a
 * single output line is written. Refuses, naming the line: a file that is not UTF-8, an empty
 * file, a line that is not a JSON object, a missing or non-string required field. Blank lines
 * are skipped. A UTF-8 byte-order mark is allowed.
 */
export async function readJsonl(file: string, required: readonly string[]): Promise<JsonlRecord[]> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new TextInputError(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const lineNo = bytes.subarray(0, firstInvalidUtf8(bytes)).toString('latin1').split('\n').length;
    throw new TextInputError(`${file}:${lineNo}: the file is not UTF-8 (save it as UTF-8; GBK files must be converted first)`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records: JsonlRecord[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (!raw) continue;
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      throw new TextInputError(`${file}:${line}: not valid JSON (${(e as Error).message})`);
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new TextInputError(`${file}:${line}: expected a JSON object`);
    const obj = value as Record<string, unknown>;
    for (const field of required) {
      const v = obj[field];
      if (v === undefined || v === null) throw new TextInputError(`${file}:${line}: missing field "${field}"`);
      if (field === 'id' ? typeof v !== 'string' && typeof v !== 'number' : typeof v !== 'string') throw new TextInputError(`${file}:${line}: field "${field}" must be ${field === 'id' ? 'a string or number' : 'a string'}`);
    }
    records.push({ line, value: obj });
  }
  if (records.length === 0) throw new TextInputError(`${file}: the file is empty (no JSON lines)`);
  return records;
}

/** Offset of the first byte that breaks UTF-8, for the line number of a decoding error. */
function firstInvalidUtf8(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // The longest decodable prefix, by bisection (a cut inside a character also fails, so step back 3).
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      decoder.decode(bytes.subarray(0, mid));
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return Math.max(0, lo - 3);
}

/** The id of a record as a string (ids may be numbers in the source files). */
export function recordId(r: JsonlRecord): string {
  return String(r.value.id);
}

/**
 * Writes a whole output at once: to a temporary file beside `target` then renamed over it, so a
 * crash or a refusal never leaves half a file. Without a target, writes to stdout.
 */
export async function writeWhole(target: string | undefined, content: string): Promise<void> {
  if (!target) {
    await new Promise<void>((resolve, reject) => process.stdout.write(content, (e) => (e ? reject(e) : resolve())));
    return;
  }
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  await writeFile(tmp, content);
  await rename(tmp, target);
}

/** Lines of JSON objects, one per value, each ending in a newline. */
export function toJsonl(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join('\n') + (values.length ? '\n' : '');
}

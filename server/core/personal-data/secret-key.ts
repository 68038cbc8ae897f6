import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AppConfig } from '../../config.ts';

/** A 32-byte key for personal data, with the id written beside every value it encrypts. */
export interface SecretKey {
  /** First 8 hex characters of SHA-256 of the key: says which key a ciphertext needs, reveals nothing useful. */
  readonly id: string;
  /** A KeyObject rather than a Buffer, so logging or serialising a key never prints its bytes. */
  readonly key: crypto.KeyObject;
}

/** The key new values are encrypted with, and older keys that still decrypt during a rotation. */
export interface SecretKeyring {
  readonly current: SecretKey;
  readonly previous: readonly SecretKey[];
}

/** A keyring as loaded at start-up, with where the current key came from (for the start-up message). */
export interface LoadedSecretKeys extends SecretKeyring {
  readonly source: 'env' | 'file';
  /** The key file, when the key came from one. */
  readonly file?: string;
  /** True when this start created the key file. */
  readonly created: boolean;
}

/** A missing, malformed or unsafe key: the message names the variable or file and what is expected. */
export class SecretKeyError extends Error {
  override readonly name = 'SecretKeyError';
}

const KEY_BYTES = 32;
const HEX_KEY = /^[0-9a-fA-F]{64}$/;
// Standard or URL-safe alphabet, padding optional: people paste keys from different tools.
const BASE64_KEY = /^(?:[A-Za-z0-9+/]{43}|[A-Za-z0-9_-]{43})=?$/;
const EXPECTED_FORMAT = '32 bytes written as 64 hex characters or 44 base64 characters (create one with: openssl rand -base64 32)';
/** How long a process that lost the race to create the key file waits for the winner to write it. */
const KEY_FILE_WAIT_MS = 2000;

/** The key file used when JICENG_SECRET_KEY is not set. */
export function secretKeyPath(dataDir: string): string {
  return path.join(dataDir, 'secret.key');
}

/** Wraps 32 key bytes; the id is derived here so it always matches the bytes. */
export function secretKeyFromBytes(bytes: Buffer): SecretKey {
  if (bytes.length !== KEY_BYTES) throw new SecretKeyError(`A personal-data key must be ${KEY_BYTES} bytes, got ${bytes.length}`);
  return { id: crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 8), key: crypto.createSecretKey(Buffer.from(bytes)) };
}

/**
 * Parses a key written as hex or base64; `source` names where it came from in the error. The
 * value itself never appears in the message, since it is (or was meant to be) a secret.
 */
export function parseSecretKey(raw: string, source: string): SecretKey {
  const text = raw.trim();
  let bytes: Buffer | undefined;
  // Hex first: 64 hex characters are also valid base64 and would decode to 48 bytes.
  if (HEX_KEY.test(text)) bytes = Buffer.from(text, 'hex');
  else if (BASE64_KEY.test(text)) bytes = Buffer.from(text, 'base64');
  if (!bytes || bytes.length !== KEY_BYTES) {
    const got = text === '' ? 'it is empty' : `the value given has ${text.length} characters and is not such a key`;
    throw new SecretKeyError(`${source} must be ${EXPECTED_FORMAT}; ${got}`);
  }
  // Catches placeholders such as 64 zeros left in a deployment template.
  if (bytes.every((b) => b === bytes[0])) throw new SecretKeyError(`${source} is the same byte repeated, which looks like a placeholder; it must be ${EXPECTED_FORMAT}`);
  const key = secretKeyFromBytes(bytes);
  bytes.fill(0);
  return key;
}

/**
 * Loads the personal-data keys: JICENG_SECRET_KEY, else `<dataDir>/secret.key` (created on first
 * use, mode 0600), plus JICENG_SECRET_KEY_PREVIOUS for values encrypted before a rotation.
 * Throws SecretKeyError with a message fit to show an operator.
 */
export async function loadSecretKeys(config: Pick<AppConfig, 'dataDir' | 'secretKey' | 'previousSecretKeys'>): Promise<LoadedSecretKeys> {
  const previousKeys = config.previousSecretKeys.map((raw, i) => parseSecretKey(raw, `JICENG_SECRET_KEY_PREVIOUS (key ${i + 1})`));
  let loaded: { current: SecretKey; source: 'env' | 'file'; file?: string; created: boolean };
  if (config.secretKey !== undefined) {
    loaded = { current: parseSecretKey(config.secretKey, 'JICENG_SECRET_KEY'), source: 'env', created: false };
  } else {
    const file = secretKeyPath(config.dataDir);
    const { key, created } = await readOrCreateKeyFile(file);
    loaded = { current: key, source: 'file', file, created };
  }
  const previous: SecretKey[] = [];
  for (const key of previousKeys) {
    const same = [loaded.current, ...previous].find((k) => k.id === key.id);
    if (!same) previous.push(key);
    // Ids are 32 bits, so two different keys sharing one is astronomically unlikely, but it would
    // make decryption pick the wrong key; refuse rather than fail later on every value.
    else if (!same.key.equals(key.key)) throw new SecretKeyError(`Two different personal-data keys share the id ${key.id}; generate a new JICENG_SECRET_KEY`);
  }
  return { ...loaded, previous };
}

async function readOrCreateKeyFile(file: string): Promise<{ key: SecretKey; created: boolean }> {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new SecretKeyError(`Cannot create the data folder ${path.dirname(file)} for the personal-data key file (${errorCode(e)}); make JICENG_DATA_DIR writable or set JICENG_SECRET_KEY`);
  }
  let fd: number | undefined;
  try {
    // 'wx' fails if the file exists, so of two processes starting at once only one creates a key.
    fd = fs.openSync(file, 'wx', 0o600);
  } catch (e) {
    if (errorCode(e) !== 'EEXIST') throw new SecretKeyError(`Cannot create the personal-data key file ${file} (${errorCode(e)}); make JICENG_DATA_DIR writable or set JICENG_SECRET_KEY`);
  }
  if (fd === undefined) return { key: await readKeyFile(file), created: false };
  const bytes = crypto.randomBytes(KEY_BYTES);
  try {
    fs.writeSync(fd, `${bytes.toString('base64')}\n`);
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    // An empty key file would stop every later start; better to leave none.
    fs.rmSync(file, { force: true });
    throw new SecretKeyError(`Cannot write the personal-data key file ${file} (${errorCode(e)})`);
  }
  fs.closeSync(fd);
  syncDirectory(path.dirname(file));
  const key = secretKeyFromBytes(bytes);
  bytes.fill(0);
  return { key, created: true };
}

async function readKeyFile(file: string): Promise<SecretKey> {
  const deadline = Date.now() + KEY_FILE_WAIT_MS;
  for (;;) {
    let text: string;
    try {
      const fd = fs.openSync(file, 'r');
      try {
        const stat = fs.fstatSync(fd);
        if (!stat.isFile()) throw new SecretKeyError(`The personal-data key file ${file} is not a regular file`);
        assertPrivate(file, stat.mode);
        text = fs.readFileSync(fd, 'utf8');
      } finally {
        fs.closeSync(fd);
      }
    } catch (e) {
      if (e instanceof SecretKeyError) throw e;
      throw new SecretKeyError(`Cannot read the personal-data key file ${file} (${errorCode(e)})`);
    }
    if (text.trim() !== '') return parseSecretKey(text, `The personal-data key file ${file}`);
    // Another process created the file a moment ago and has not written the key yet.
    if (Date.now() >= deadline) {
      throw new SecretKeyError(`The personal-data key file ${file} is empty; nothing can have been encrypted with it, so delete it and start again`);
    }
    await sleep(20);
  }
}

/**
 * Refuses a key file that group or others may read, as ssh does with private keys: a warning in a
 * log is easily missed, and a readable key undoes the point of encrypting at rest.
 */
function assertPrivate(file: string, mode: number): void {
  // Windows has no POSIX permission bits; fs reports a synthetic mode there.
  if (process.platform === 'win32') return;
  if ((mode & 0o077) !== 0) {
    const octal = (mode & 0o777).toString(8).padStart(4, '0');
    throw new SecretKeyError(`The personal-data key file ${file} may be read by other users (mode ${octal}); restrict it with: chmod 600 ${file}`);
  }
}

/** Makes the new directory entry durable, so a crash right after start-up cannot lose the key. */
function syncDirectory(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Some platforms (Windows) cannot fsync a directory; the file itself is already synced.
  }
}

function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? (e instanceof Error ? e.message : String(e));
}

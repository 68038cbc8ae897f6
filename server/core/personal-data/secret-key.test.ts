import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSecretKeys, parseSecretKey, secretKeyPath, SecretKeyError } from './secret-key.ts';

const posix = process.platform !== 'win32';
let dataDir: string;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiceng-key-'));
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const config = (over: { secretKey?: string; previousSecretKeys?: string[]; dataDir?: string } = {}) => ({
  dataDir,
  secretKey: undefined,
  previousSecretKeys: [],
  ...over,
});
const keyId = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 8);

describe('parseSecretKey', () => {
  const bytes = crypto.randomBytes(32);

  it.each([
    ['hex', bytes.toString('hex')],
    ['upper-case hex', bytes.toString('hex').toUpperCase()],
    ['base64', bytes.toString('base64')],
    ['base64 without padding', bytes.toString('base64').replace(/=$/, '')],
    ['base64url', bytes.toString('base64url')],
    ['surrounded by whitespace', ` ${bytes.toString('base64')}\n`],
  ])('accepts %s', (_label, text) => {
    const key = parseSecretKey(text, 'JICENG_SECRET_KEY');
    expect(key.id).toBe(keyId(bytes));
    expect(key.key.export().equals(bytes)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['a passphrase', 'correct horse battery staple'],
    ['16 bytes of hex', crypto.randomBytes(16).toString('hex')],
    ['33 bytes of base64', crypto.randomBytes(33).toString('base64')],
    ['63 hex characters', bytes.toString('hex').slice(1)],
    ['base64 with a stray character', `${bytes.toString('base64').slice(0, 42)}!=`],
  ])('refuses %s with a message naming the variable and the format, not the value', (_label, text) => {
    let error: unknown;
    try {
      parseSecretKey(text, 'JICENG_SECRET_KEY');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SecretKeyError);
    const message = (error as Error).message;
    expect(message).toMatch(/^JICENG_SECRET_KEY must be 32 bytes written as 64 hex characters or 44 base64 characters/);
    if (text.trim().length > 8) expect(message).not.toContain(text.trim());
  });

  it('refuses a placeholder of one repeated byte', () => {
    expect(() => parseSecretKey('0'.repeat(64), 'JICENG_SECRET_KEY')).toThrow(/placeholder/);
  });

  it('does not print the key when logged or serialised', () => {
    const key = parseSecretKey(bytes.toString('base64'), 'k');
    expect(JSON.stringify(key)).not.toContain(bytes.toString('hex'));
    expect(JSON.stringify(key)).not.toContain(bytes.toString('base64'));
  });
});

describe('loadSecretKeys', () => {
  it('uses JICENG_SECRET_KEY and writes no key file', async () => {
    const bytes = crypto.randomBytes(32);
    const keys = await loadSecretKeys(config({ secretKey: bytes.toString('base64') }));
    expect(keys).toMatchObject({ source: 'env', created: false, previous: [] });
    expect(keys.current.id).toBe(keyId(bytes));
    expect(fs.existsSync(secretKeyPath(dataDir))).toBe(false);
  });

  it('refuses a bad JICENG_SECRET_KEY, including a set but empty one', async () => {
    await expect(loadSecretKeys(config({ secretKey: 'not-a-key' }))).rejects.toThrow(/^JICENG_SECRET_KEY must be 32 bytes/);
    await expect(loadSecretKeys(config({ secretKey: '' }))).rejects.toThrow(/^JICENG_SECRET_KEY must be 32 bytes.*it is empty/);
  });

  it('creates <dataDir>/secret.key with 32 random bytes, mode 0600, in a folder it creates', async () => {
    const nested = path.join(dataDir, 'not', 'yet');
    const keys = await loadSecretKeys(config({ dataDir: nested }));
    const file = path.join(nested, 'secret.key');
    expect(keys).toMatchObject({ source: 'file', file, created: true });
    const bytes = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    expect(bytes.length).toBe(32);
    expect(keys.current.id).toBe(keyId(bytes));
    if (posix) expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('reuses the key file on later starts', async () => {
    const first = await loadSecretKeys(config());
    const second = await loadSecretKeys(config());
    expect(second.created).toBe(false);
    expect(second.current.id).toBe(first.current.id);
    expect(second.current.key.equals(first.current.key)).toBe(true);
  });

  it('gives two loads racing on a fresh folder the same key', async () => {
    const [a, b] = await Promise.all([loadSecretKeys(config()), loadSecretKeys(config())]);
    expect(a.current.id).toBe(b.current.id);
    expect([a.created, b.created].filter(Boolean)).toHaveLength(1);
  });

  it('waits for a key file another process has created but not yet written', async () => {
    const file = secretKeyPath(dataDir);
    fs.writeFileSync(file, '', { mode: 0o600 });
    const bytes = crypto.randomBytes(32);
    const timer = setTimeout(() => fs.writeFileSync(file, bytes.toString('base64')), 100);
    try {
      const keys = await loadSecretKeys(config());
      expect(keys.current.id).toBe(keyId(bytes));
    } finally {
      clearTimeout(timer);
    }
  });

  it.runIf(posix)('refuses a key file other users may read, and says how to fix it', async () => {
    await loadSecretKeys(config());
    const file = secretKeyPath(dataDir);
    fs.chmodSync(file, 0o644);
    await expect(loadSecretKeys(config())).rejects.toThrow(`may be read by other users (mode 0644); restrict it with: chmod 600 ${file}`);
    fs.chmodSync(file, 0o640);
    await expect(loadSecretKeys(config())).rejects.toThrow(SecretKeyError);
  });

  it('refuses a corrupt key file, naming the file', async () => {
    fs.writeFileSync(secretKeyPath(dataDir), 'garbage\n', { mode: 0o600 });
    await expect(loadSecretKeys(config())).rejects.toThrow(`The personal-data key file ${secretKeyPath(dataDir)} must be 32 bytes`);
  });

  it('adds JICENG_SECRET_KEY_PREVIOUS keys after the current one, without duplicates', async () => {
    const [current, old1, old2] = [crypto.randomBytes(32), crypto.randomBytes(32), crypto.randomBytes(32)];
    const keys = await loadSecretKeys(
      config({ secretKey: current.toString('hex'), previousSecretKeys: [old1.toString('base64'), old2.toString('hex'), current.toString('base64'), old1.toString('hex')] }),
    );
    expect(keys.current.id).toBe(keyId(current));
    expect(keys.previous.map((k) => k.id)).toEqual([keyId(old1), keyId(old2)]);
  });

  it('names the bad item of JICENG_SECRET_KEY_PREVIOUS', async () => {
    await expect(loadSecretKeys(config({ previousSecretKeys: [crypto.randomBytes(32).toString('hex'), 'oops'] }))).rejects.toThrow(
      /^JICENG_SECRET_KEY_PREVIOUS \(key 2\) must be 32 bytes/,
    );
  });
});

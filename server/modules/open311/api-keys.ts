import crypto from 'node:crypto';

/** sha256 (hex) of an API key: what is stored and compared; the key itself is never kept. */
export function hashApiKey(key: string): string {
  return crypto.createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new API key: a recognisable prefix and 32 random bytes. */
export function generateApiKey(): string {
  return `jc311_${crypto.randomBytes(32).toString('base64url')}`;
}

/**
 * The hashes of the keys in JICENG_OPEN311_KEYS (comma-separated). Hashed at once so the plain
 * keys do not linger in memory longer than reading the environment takes.
 */
export function envApiKeyHashes(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '')
    .map(hashApiKey);
}

/** True when `hash` equals one of `hashes`, compared in constant time. */
export function hashListed(hash: string, hashes: readonly string[]): boolean {
  const h = Buffer.from(hash, 'hex');
  let found = false;
  for (const other of hashes) {
    const o = Buffer.from(other, 'hex');
    if (o.length === h.length && crypto.timingSafeEqual(o, h)) found = true;
  }
  return found;
}

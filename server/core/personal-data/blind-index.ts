import crypto from 'node:crypto';
import type { SecretKey, SecretKeyring } from './secret-key.ts';
import { normaliseIdNumber, normaliseName, normalisePhone } from './normalise.ts';

/** The kinds of value that get a blind index; each has its own normalisation and its own derived key. */
export type BlindIndexKind = 'phone' | 'idNumber' | 'name';

const normalisers: Record<BlindIndexKind, (raw: string) => string> = { phone: normalisePhone, idNumber: normaliseIdNumber, name: normaliseName };
const derivedKeys = new WeakMap<crypto.KeyObject, Map<BlindIndexKind, crypto.KeyObject>>();

/**
 * HMAC-SHA256 (hex) of the normalised value, for equality look-ups ("same petitioner phone")
 * without decrypting; null for a value that is empty once normalised, so blanks never match.
 */
export function blindIndex(key: SecretKey, kind: BlindIndexKind, value: string | null | undefined): string | null {
  const normalised = normalisers[kind](value ?? '');
  if (normalised === '') return null;
  return crypto.createHmac('sha256', indexKey(key, kind)).update(normalised, 'utf8').digest('hex');
}

/** The blind indexes of a value under every configured key: during a rotation stored indexes may use either. */
export function blindIndexCandidates(keyring: SecretKeyring, kind: BlindIndexKind, value: string | null | undefined): string[] {
  const all = [keyring.current, ...keyring.previous].map((k) => blindIndex(k, kind, value)).filter((x): x is string => x !== null);
  return [...new Set(all)];
}

/**
 * A separate key per kind, derived by HKDF: the encryption key itself never feeds an HMAC, and a
 * phone and an ID number with the same digits do not share an index.
 */
function indexKey(key: SecretKey, kind: BlindIndexKind): crypto.KeyObject {
  let perKind = derivedKeys.get(key.key);
  if (!perKind) derivedKeys.set(key.key, (perKind = new Map()));
  let derived = perKind.get(kind);
  if (!derived) {
    derived = crypto.createSecretKey(Buffer.from(crypto.hkdfSync('sha256', key.key, 'jiceng', `blind-index:v1:${kind}`, 32)));
    perKind.set(kind, derived);
  }
  return derived;
}

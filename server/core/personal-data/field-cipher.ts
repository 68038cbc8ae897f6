import crypto from 'node:crypto';
import type { SecretKey, SecretKeyring } from './secret-key.ts';

/** Why a stored value could not be decrypted. */
export type FieldCipherFailure = 'MALFORMED' | 'UNKNOWN_KEY' | 'TAMPERED';

/** A stored value that cannot be decrypted; never carries the plaintext or the key. */
export class FieldCipherError extends Error {
  override readonly name = 'FieldCipherError';
  constructor(
    readonly reason: FieldCipherFailure,
    message: string,
  ) {
    super(message);
  }
}

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
// 96-bit random IVs are GCM's recommended size; with random IVs one key stays safe for about
// 2^32 encryptions, far beyond the petitions of any county.
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[0-9a-f]{8}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * The associated data that ties a value to one field of one record, e.g. `matter:<id>:phone`,
 * so a ciphertext copied into another row or column fails to decrypt.
 */
export function fieldAad(recordType: string, recordId: string, field: string): string {
  return `${recordType}:${recordId}:${field}`;
}

/** Encrypts one field value as `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts). */
export function encryptField(key: SecretKey, plaintext: string, aad: string): string {
  assertAad(aad);
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv(ALGORITHM, key.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(gcmAad(key.id, aad));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, key.id, iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/**
 * Decrypts a value from encryptField with whichever of the keys it names; throws FieldCipherError
 * when the text is not such a value, its key is not configured, or it was altered or moved.
 */
export function decryptField(keys: SecretKeyring | readonly SecretKey[], ciphertext: string, aad: string): string {
  assertAad(aad);
  const parts = parse(ciphertext);
  const key = keyList(keys).find((k) => k.id === parts.keyId);
  if (!key) {
    throw new FieldCipherError('UNKNOWN_KEY', `the value was encrypted with key ${parts.keyId}, which is neither JICENG_SECRET_KEY nor listed in JICENG_SECRET_KEY_PREVIOUS`);
  }
  const decipher = crypto.createDecipheriv(ALGORITHM, key.key, parts.iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(gcmAad(parts.keyId, aad));
  decipher.setAuthTag(parts.tag);
  try {
    return Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]).toString('utf8');
  } catch {
    // GCM cannot tell an altered byte from a value moved to another record: both fail the tag.
    throw new FieldCipherError('TAMPERED', 'the value failed authentication: it was altered, or belongs to another record or field');
  }
}

/** True when a stored value was encrypted with an older key and should be re-encrypted with the current one. */
export function needsReEncryption(keyring: SecretKeyring, ciphertext: string): boolean {
  return parse(ciphertext).keyId !== keyring.current.id;
}

function parse(text: string): { keyId: string; iv: Buffer; ciphertext: Buffer; tag: Buffer } {
  const parts = typeof text === 'string' ? text.split('.') : [];
  const [version, keyId, iv, ciphertext, tag] = parts;
  // Node's base64url decoder skips characters outside the alphabet, so check them first.
  if (parts.length !== 5 || version !== VERSION || !KEY_ID.test(keyId) || ![iv, ciphertext, tag].every((p) => BASE64URL.test(p))) {
    throw new FieldCipherError('MALFORMED', `not an encrypted field value (expected ${VERSION}.<keyId>.<iv>.<ciphertext>.<tag>)`);
  }
  const decoded = { keyId, iv: Buffer.from(iv, 'base64url'), ciphertext: Buffer.from(ciphertext, 'base64url'), tag: Buffer.from(tag, 'base64url') };
  if (decoded.iv.length !== IV_BYTES || decoded.tag.length !== TAG_BYTES) {
    throw new FieldCipherError('MALFORMED', `not an encrypted field value (IV must be ${IV_BYTES} bytes and tag ${TAG_BYTES})`);
  }
  return decoded;
}

// The version and key id are authenticated too, so a later format cannot be downgraded to this one.
function gcmAad(keyId: string, aad: string): Buffer {
  return Buffer.from(`${VERSION}.${keyId}.${aad}`, 'utf8');
}

function assertAad(aad: string): void {
  // A missing binding would let ciphertexts move between rows unnoticed: a programming error.
  if (typeof aad !== 'string' || aad === '') throw new TypeError('encrypted fields need associated data naming their record and field');
}

function keyList(keys: SecretKeyring | readonly SecretKey[]): readonly SecretKey[] {
  return 'current' in keys ? [keys.current, ...keys.previous] : keys;
}

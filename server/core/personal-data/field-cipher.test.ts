import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptField, encryptField, fieldAad, FieldCipherError, needsReEncryption } from './field-cipher.ts';
import { secretKeyFromBytes } from './secret-key.ts';

const key = secretKeyFromBytes(crypto.randomBytes(32));
const oldKey = secretKeyFromBytes(crypto.randomBytes(32));
const aad = fieldAad('matter', '0b1c9a54-3f0e-4c1e-9d2a-7a5b8c6d4e3f', 'phone');

function failure(fn: () => unknown): FieldCipherError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FieldCipherError) return e;
    throw e;
  }
  throw new Error('expected a FieldCipherError');
}

/** Flips one bit of a base64url part of a ciphertext. */
function flip(ciphertext: string, partIndex: number): string {
  const parts = ciphertext.split('.');
  const bytes = Buffer.from(parts[partIndex], 'base64url');
  bytes[0] ^= 1;
  parts[partIndex] = bytes.toString('base64url');
  return parts.join('.');
}

describe('encryptField / decryptField', () => {
  it.each(['13812345678', '张三', '北京市朝阳区建国路88号院3号楼2单元301', '', '𠀀 emoji 🙂 and ‘quotes’'])('round-trips %j', (plaintext) => {
    expect(decryptField([key], encryptField(key, plaintext, aad), aad)).toBe(plaintext);
  });

  it('writes v1.<keyId>.<iv>.<ciphertext>.<tag> with a fresh IV each time', () => {
    const a = encryptField(key, '13812345678', aad);
    const b = encryptField(key, '13812345678', aad);
    expect(a).toMatch(/^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(a.split('.')[1]).toBe(key.id);
    expect(a).not.toBe(b);
    expect(a).not.toContain('13812345678');
  });

  it('refuses a value moved to another record or field (wrong AAD)', () => {
    const ciphertext = encryptField(key, '13812345678', aad);
    expect(failure(() => decryptField([key], ciphertext, fieldAad('matter', 'another-id', 'phone'))).reason).toBe('TAMPERED');
    expect(failure(() => decryptField([key], ciphertext, fieldAad('matter', '0b1c9a54-3f0e-4c1e-9d2a-7a5b8c6d4e3f', 'idNumber'))).reason).toBe('TAMPERED');
  });

  it.each([
    ['tag', 4],
    ['ciphertext', 3],
    ['IV', 2],
  ])('refuses a value whose %s was altered', (_label, part) => {
    const ciphertext = encryptField(key, '13812345678', aad);
    const error = failure(() => decryptField([key], flip(ciphertext, part), aad));
    expect(error.reason).toBe('TAMPERED');
    expect(error.message).not.toContain('13812345678');
  });

  it('decrypts with a previous key during a rotation, and says which values to re-encrypt', () => {
    const keyring = { current: key, previous: [oldKey] };
    const before = encryptField(oldKey, '张三', aad);
    const after = encryptField(keyring.current, '张三', aad);
    expect(decryptField(keyring, before, aad)).toBe('张三');
    expect(decryptField(keyring, after, aad)).toBe('张三');
    expect(needsReEncryption(keyring, before)).toBe(true);
    expect(needsReEncryption(keyring, after)).toBe(false);
  });

  it('names the missing key when a value needs one that is not configured', () => {
    const error = failure(() => decryptField({ current: key, previous: [] }, encryptField(oldKey, '张三', aad), aad));
    expect(error.reason).toBe('UNKNOWN_KEY');
    expect(error.message).toContain(oldKey.id);
  });

  it('refuses a key id swapped for another configured key', () => {
    const ciphertext = encryptField(oldKey, '张三', aad).replace(`.${oldKey.id}.`, `.${key.id}.`);
    expect(failure(() => decryptField([key, oldKey], ciphertext, aad)).reason).toBe('TAMPERED');
  });

  it.each(['', '13812345678', 'v1.abc', 'v2.00000000.AAAAAAAAAAAAAAAA..AAAAAAAAAAAAAAAAAAAAAA', 'v1.0000000g.AAAAAAAAAAAAAAAA..AAAAAAAAAAAAAAAAAAAAAA', 'v1.00000000.AAAA..AAAAAAAAAAAAAAAAAAAAAA', 'v1.00000000.AAAAAAAAAAAAAAAA.!!.AAAAAAAAAAAAAAAAAAAAAA'])(
    'calls %j malformed',
    (text) => {
      expect(failure(() => decryptField([key], text, aad)).reason).toBe('MALFORMED');
    },
  );

  it('insists on associated data, so no value is left unbound to its record', () => {
    expect(() => encryptField(key, 'x', '')).toThrow(TypeError);
    expect(() => decryptField([key], encryptField(key, 'x', aad), '')).toThrow(TypeError);
  });
});

import { hash, verify } from '@node-rs/argon2';

// argon2id (the library's default algorithm) with OWASP's recommended minimum cost.
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

/** Checks a password against an argon2 hash; false on any malformed hash. */
export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/** True when a password meets the policy: ≥ 8 characters from ≥ 3 of 4 classes. */
export function isStrongPassword(password: string): boolean {
  if (password.length < 8) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  return classes >= 3;
}

let dummyHash: Promise<string> | undefined;
/** A hash to verify against when the username is unknown, so timing does not reveal accounts. */
export function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword('dummy-Password-1');
  return dummyHash;
}

/** Mirrors the server's password policy for instant feedback: ≥ 8 characters from ≥ 3 of 4 classes. */
export function isStrongPassword(password: string): boolean {
  if (password.length < 8) return false;
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length >= 3;
}

/** A random password that meets the policy, for initial and reset passwords. */
export function generatePassword(length = 12): string {
  // Letters and digits that cannot be confused when read aloud or copied from paper.
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '!@#$%&*?'];
  const all = sets.join('');
  const rand = (n: number) => {
    const buf = new Uint32Array(1);
    crypto.getRandomValues(buf);
    return buf[0] % n;
  };
  const chars = sets.map((s) => s[rand(s.length)]);
  while (chars.length < length) chars.push(all[rand(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = rand(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

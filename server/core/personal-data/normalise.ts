/**
 * Canonical forms of personal data, so that the same phone or ID number written in different ways
 * gives the same blind index (and the maskers see one shape).
 */

// Hyphens and dashes people type between digit groups, full-width ones included (NFKC maps some).
const PHONE_SEPARATORS = /[\s\-‐‑‒–—―－().（）·]/g;

/** `+86 138-1234-5678` → `13812345678`; `+86 10 1234 5678` → `01012345678`; other text kept. */
export function normalisePhone(raw: string | null | undefined): string {
  let s = (raw ?? '').normalize('NFKC').replace(PHONE_SEPARATORS, '');
  let international = false;
  if (s.startsWith('+86')) [s, international] = [s.slice(3), true];
  else if (s.startsWith('0086')) [s, international] = [s.slice(4), true];
  // Country code without the plus, only where the rest is clearly a mobile number.
  else if (/^861\d{10}$/.test(s)) s = s.slice(2);
  // Written internationally, a landline drops the trunk 0 of its area code (+86 10 … is 010 …).
  if (international && s !== '' && !/^1\d{10}$/.test(s) && !s.startsWith('0')) s = `0${s}`;
  return s;
}

/** Spaces removed, full-width digits made ASCII, check letter `x` upper-cased. */
export function normaliseIdNumber(raw: string | null | undefined): string {
  return (raw ?? '').normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
}

/** Trimmed; Chinese names lose inner spaces and unify the middle dot; Latin names lower-cased with single spaces. */
export function normaliseName(raw: string | null | undefined): string {
  const s = (raw ?? '').normalize('NFKC').trim();
  // Transliterated minority names (买买提·艾力) are typed with whichever dot the keyboard offers.
  if (/\p{Script=Han}/u.test(s)) return s.replace(/\s+/g, '').replace(/[·•‧・･.]/g, '·');
  return s.replace(/\s+/g, ' ').toLowerCase();
}

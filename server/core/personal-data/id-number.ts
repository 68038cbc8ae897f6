import { normaliseIdNumber } from './normalise.ts';

// GB 11643-1999 citizen identity number: 6-digit region, 8-digit birth date, 3-digit sequence,
// check character from the weighted sum of the first 17 digits modulo 11.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';
/** Province-level region codes, plus 81/82/83 of the residence permits of Hong Kong, Macao and Taiwan residents. */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83',
]);

/** Options of isValidChineseIdNumber. */
export interface IdNumberOptions {
  /** Accept the 15-digit numbers of first-generation cards (no check digit; invalid since 2013). Default false. */
  allowFifteenDigit?: boolean;
  /** The day birth dates may not be after; defaults to now. */
  today?: Date;
}

/**
 * True for a well-formed mainland identity number: known province, real birth date not in the
 * future, correct check character (GB 11643). Spaces and a lower-case x are tolerated.
 */
export function isValidChineseIdNumber(value: string | null | undefined, options: IdNumberOptions = {}): boolean {
  const id = normaliseIdNumber(value);
  const today = options.today ?? new Date();
  if (/^\d{17}[\dX]$/.test(id)) {
    // The 2023 permanent residence card of foreigners starts with 9 and follows the same check.
    if (!PROVINCES.has(id.slice(0, 2)) && id[0] !== '9') return false;
    if (!isBirthDate(id.slice(6, 14), today)) return false;
    const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
    return CHECK_CHARACTERS[sum % 11] === id[17];
  }
  if (options.allowFifteenDigit && /^\d{15}$/.test(id)) {
    return PROVINCES.has(id.slice(0, 2)) && isBirthDate(`19${id.slice(6, 12)}`, today);
  }
  return false;
}

function isBirthDate(yyyymmdd: string, today: Date): boolean {
  const [y, m, d] = [Number(yyyymmdd.slice(0, 4)), Number(yyyymmdd.slice(4, 6)), Number(yyyymmdd.slice(6, 8))];
  if (y < 1900) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  // Date.UTC rolls 0230 over to 0302; a real date survives the round trip.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  return date.getTime() <= Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
}

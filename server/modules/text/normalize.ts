/**
 * Text normalisation shared by every text feature: what an office pastes from Excel, a phone
 * keyboard or a scanned letter becomes one canonical form before it is segmented or compared.
 */

/** Excel's escaped control characters (`_x000D_`) and the quote Excel puts before a formula-like cell. */
const EXCEL_ESCAPE = /_x[0-9A-Fa-f]{4}_/g;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
const WHITESPACE = /[\s\u3000]+/g;

/** Mainland mobile numbers, landlines with area code, and 15/18-digit ID numbers. */
const ID_NUMBER = /(?<![0-9A-Za-z])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])|(?<!\d)[1-9]\d{14}(?!\d)/g;
const MOBILE = /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)/g;
const LANDLINE = /(?<!\d)0\d{2,3}[- ]?\d{7,8}(?!\d)/g;

/**
 * Canonical text: full-width letters, digits and punctuation become half-width (NFKC), Excel
 * escapes and zero-width characters go, runs of whitespace become one space, Latin letters are
 * lower-cased. Chinese punctuation such as ，。 is kept (NFKC maps it to itself).
 */
export function normalizeText(input: string): string {
  return input
    .replace(EXCEL_ESCAPE, ' ')
    .normalize('NFKC')
    .replace(ZERO_WIDTH, '')
    .replace(WHITESPACE, ' ')
    .trim()
    .toLowerCase();
}

/**
 * Replaces ID numbers and phone numbers with placeholders, so they never become features, appear
 * in a model file or reach a log line. Run after `normalizeText` (which makes digits half-width).
 */
export function scrubPersonal(input: string): string {
  return input.replace(ID_NUMBER, ' 〔身份证号〕 ').replace(MOBILE, ' 〔电话〕 ').replace(LANDLINE, ' 〔电话〕 ');
}

/** `normalizeText` then `scrubPersonal`: the form every text feature works on. */
export function cleanText(input: string): string {
  return scrubPersonal(normalizeText(input)).replace(WHITESPACE, ' ').trim();
}

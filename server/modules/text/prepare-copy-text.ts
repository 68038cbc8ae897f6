/** A text reduced to the characters that count for copying, with their places in the original. */
export interface CopyText {
  /** Letters and digits only, full-width folded, lower-case. */
  chars: string;
  /** UTF-16 offset in the original of each kept character. */
  start: Int32Array;
  /** UTF-16 offset just after each kept character in the original. */
  end: Int32Array;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Prepares a text for copy detection: punctuation, spaces and line breaks are dropped (a copier
 * who changes ，into 。 or re-wraps lines still copied), full-width letters and digits folded
 * (NFKC) and Latin lower-cased, while remembering where every kept character was, so that shared
 * passages can be reported with offsets into the original text.
 */
export function prepareCopyText(text: string): CopyText {
  let chars = '';
  const start: number[] = [];
  const end: number[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    // Fast path for the common case, CJK ideographs and ASCII; NFKC only for the rest.
    let folded: string;
    if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a)) folded = String.fromCharCode(cp);
    else if (cp >= 0x41 && cp <= 0x5a) folded = String.fromCharCode(cp + 32);
    else if (cp < 0x80) folded = '';
    else folded = String.fromCodePoint(cp).normalize('NFKC').toLowerCase();
    for (const c of folded) {
      if (!LETTER_OR_DIGIT.test(c)) continue;
      chars += c;
      for (let u = 0; u < c.length; u++) {
        start.push(i);
        end.push(i + width);
      }
    }
    i += width;
  }
  return { chars, start: Int32Array.from(start), end: Int32Array.from(end) };
}

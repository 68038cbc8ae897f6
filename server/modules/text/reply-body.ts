import { cleanText } from './normalize.ts';
import { boilerplate, closingDate } from './reply-cues.ts';

/** A quoted passage: “…”, "…", 《…》, 「…」. */
const QUOTED = /“[^”]{4,80}”|"[^"]{4,80}"|《[^》]{4,80}》|「[^」]{4,80}」/g;
/** The board's pseudonymous user handles (UU008290) and empty quotes left after removing them. */
const HANDLE = /[“"]?uu\d+[”"]?|“\s*”|""/g;

/** Share of a passage's characters that also occur in the title. */
function titleShare(passage: string, titleChars: Set<string>): number {
  const chars = Array.from(passage.slice(1, -1)).filter((c) => /[\p{L}\p{N}]/u.test(c));
  if (chars.length === 0) return 0;
  return chars.filter((c) => titleChars.has(c)).length / chars.length;
}

/**
 * What a reply says about the matter: the cleaned reply without greetings, thanks, set phrases,
 * the user's handle, the message title quoted back (a quote made mostly of the title's
 * characters) and the closing date. Relevance and completeness are judged on this, so a reply
 * that only echoes the title and thanks the citizen has almost nothing left.
 */
export function replyBody(reply: string, title: string): string {
  const titleChars = new Set(Array.from(cleanText(title)));
  let body = cleanText(reply).replace(HANDLE, ' ');
  body = body.replace(QUOTED, (q) => (titleShare(q, titleChars) >= 0.6 ? ' ' : q));
  for (const pattern of boilerplate) body = body.replace(pattern, ' ');
  body = body.replace(closingDate, '');
  return body.replace(/\s+/g, ' ').replace(/^[\s，,。.:：!！;；]+/, '').trim();
}

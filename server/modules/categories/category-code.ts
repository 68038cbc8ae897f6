import crypto from 'node:crypto';

const MAX_CODE = 64;

/**
 * A code for a category that was given none (created without one, or imported): derived from
 * its parent's code and its name, so importing the same tree twice gives the same codes. The
 * caller checks it is free and passes `attempt` > 0 to get another one when it is not.
 */
export function generateCategoryCode(parentCode: string | null, name: string, attempt = 0): string {
  const hash = crypto.createHash('sha1').update(`${name}\u0000${attempt}`).digest('hex');
  const own = parentCode ? `${parentCode}.${hash.slice(0, 6)}` : `c${hash.slice(0, 8)}`;
  return own.length <= MAX_CODE ? own : `c${hash.slice(0, 12)}`;
}

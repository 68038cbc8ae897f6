/**
 * W3C datetimes (a profile of ISO 8601, https://www.w3.org/TR/NOTE-datetime) as GeoReport v2
 * requires: always with a time zone. Jiceng writes China time, `+08:00`.
 */

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** `2024-10-01T09:30:00+08:00` for an instant. */
export function formatW3cDateTime(d: Date): string {
  return `${new Date(d.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

// YYYY-MM-DDThh:mm[:ss[.s…]]TZD, TZD = Z | ±hh:mm; or a complete date alone.
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The instant of a W3C datetime, or null when it is not one or names no time zone. A complete
 * date alone (`2024-10-01`, allowed by the W3C note) means its start in China.
 */
export function parseW3cDateTime(s: string): Date | null {
  const date = DATE.exec(s);
  if (date) return validDate(+date[1], +date[2], +date[3], 0, 0, 0, 0, -CHINA_OFFSET_MS);
  const m = DATETIME.exec(s);
  if (!m) return null;
  const [, y, mo, d, h, mi, sec = '0', frac = '0', tz] = m;
  let offsetMs = 0;
  if (tz !== 'Z') {
    const [oh, om] = tz.slice(1).split(':').map(Number);
    if (oh > 23 || om > 59) return null;
    offsetMs = (tz[0] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  return validDate(+y, +mo, +d, +h, +mi, +sec, Math.floor(Number(`0.${frac}`) * 1000), -offsetMs);
}

function validDate(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, shiftMs: number): Date | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  // 2024-02-30 rolls over into March: not a real day.
  if (new Date(utc).getUTCDate() !== d) return null;
  return new Date(utc + shiftMs);
}

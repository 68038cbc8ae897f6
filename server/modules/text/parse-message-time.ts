/**
 * Milliseconds since the epoch of a message time: `YYYY-MM-DD HH:MM:SS` (the source's form) is
 * China time; a full ISO 8601 string keeps its own zone. Null when missing or unreadable.
 */
export function parseMessageTime(time: string | undefined): number | null {
  if (!time) return null;
  const local = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)$/.exec(time.trim());
  const ms = local ? Date.parse(`${local[1]}T${local[2]}+08:00`) : Date.parse(time);
  return Number.isNaN(ms) ? null : ms;
}

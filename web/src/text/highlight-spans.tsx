import type { ReactNode } from 'react';
import type { TextSpan } from './text-api.ts';

/** A text with the given [start, end) ranges marked (overlapping or unordered ranges are merged). */
export function HighlightSpans({ text, spans }: { text: string; spans: readonly TextSpan[] }) {
  const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const merged: TextSpan[] = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  const parts: ReactNode[] = [];
  let at = 0;
  merged.forEach((s, i) => {
    if (s.start > at) parts.push(text.slice(at, s.start));
    parts.push(
      <mark key={i} className="text-overlap">
        {text.slice(Math.max(at, s.start), s.end)}
      </mark>,
    );
    at = Math.max(at, s.end);
  });
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

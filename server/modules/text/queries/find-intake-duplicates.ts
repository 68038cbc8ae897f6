import { and, inArray, ne, or } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { scopeFor } from '../../../core/policy.ts';
import { scopedTo } from '../../../core/scope.ts';
import { blindIndexCandidates } from '../../../core/personal-data/blind-index.ts';
import { getSetting } from '../../system/settings.ts';
import { matters } from '../../matters/tables.ts';
import { listColumns, presentListItems } from '../../matters/queries/list-matters.ts';
import { querySimilar } from '../query-similar.ts';
import { isLikelyDuplicate } from '../is-likely-duplicate.ts';
import type { OverlappingSpans } from '../find-overlapping-spans.ts';
import { chinaDateTimeOf } from '../china-time.ts';
import type { TDuplicate, TDuplicatesRequest } from '../schema.ts';
import { duplicateCandidates, type CandidateDoc } from './duplicate-candidates.ts';

/** Likely duplicates offered at most. */
export const DUPLICATES_SHOWN = 10;
/** Nearest indexed matters judged per request. */
const NEIGHBOURS = 30;

/** Identical runs inside the descriptions only (the place appended after them is not highlighted). */
function clipSpans(spans: OverlappingSpans, aLength: number, bLength: number) {
  const input = [];
  const matter = [];
  for (let i = 0; i < spans.a.length; i++) {
    const a = { start: spans.a[i].start, end: Math.min(spans.a[i].end, aLength) };
    const b = { start: spans.b[i].start, end: Math.min(spans.b[i].end, bLength) };
    if (a.end > a.start && b.end > b.start) {
      input.push(a);
      matter.push(b);
    }
  }
  return { input, matter };
}

/**
 * Likely duplicates of a matter being taken in (POST /api/text/duplicates): among open matters
 * and those of the last 90 days in the caller's scope (newest 5,000, indexed per scope and cached
 * for a minute), the ones that are about the very same thing — by the same petitioner (phone
 * blind index: a repeat call), or the same place and matter — judged by `isLikelyDuplicate`, with
 * the score, the reason and the identical passages to highlight. Items carry no petitioner data.
 */
export async function findIntakeDuplicates(ctx: Ctx, input: TDuplicatesRequest): Promise<{ items: TDuplicate[]; candidates: number; capped: boolean }> {
  const actor = requireActor(ctx);
  const { set, delta } = await duplicateCandidates(ctx.db, scopeFor(actor, 'matter.read'));
  const phones = new Set(input.phone && ctx.keys ? blindIndexCandidates(ctx.keys, 'phone', input.phone) : []);
  const detail = input.address ? `${input.description}\n${input.address}` : input.description;
  const incoming = { id: '\u0000intake', title: input.title, detail, time: chinaDateTimeOf(new Date()) };

  const compared = new Map<string, CandidateDoc>();
  for (const m of querySimilar(set.index, incoming, NEIGHBOURS)) {
    const doc = set.docs[m.doc];
    if (doc) compared.set(doc.id, doc);
  }
  for (const doc of delta) compared.set(doc.id, doc);
  // The same caller's matters are always judged, however differently the call is worded.
  if (phones.size) for (const doc of set.docs) if (doc.user && phones.has(doc.user)) compared.set(doc.id, doc);

  const found: { doc: CandidateDoc; dup: Omit<TDuplicate, 'matter' | 'description' | 'address'> }[] = [];
  for (const doc of compared.values()) {
    const samePetitioner = !!doc.user && phones.has(doc.user);
    const decision = isLikelyDuplicate({ ...incoming, user: samePetitioner ? doc.user : undefined }, doc, set.index);
    if (!decision.isDuplicate) continue;
    const reason = samePetitioner ? 'same-petitioner' : decision.reason === 'same-place' ? 'same-place' : 'similar-text';
    found.push({
      doc,
      dup: {
        score: Math.round(decision.score * 1000) / 1000,
        reason,
        samePetitioner,
        sharedPlaces: decision.signals.sharedPlaces,
        spans: {
          title: clipSpans(decision.signals.spans.title, input.title.length, doc.title.length),
          description: clipSpans(decision.signals.spans.detail, input.description.length, doc.descriptionLength),
        },
      },
    });
  }
  found.sort((a, b) => +b.dup.samePetitioner - +a.dup.samePetitioner || b.dup.score - a.dup.score);
  const top = found.slice(0, DUPLICATES_SHOWN);
  if (top.length === 0) return { items: [], candidates: set.docs.length + delta.length, capped: set.capped };

  // The matters as they are now, still in scope and not merged meanwhile, presented like the inbox.
  const rows = await ctx.db
    .select({ ...listColumns, description: matters.description, address: matters.address })
    .from(matters)
    .where(
      and(
        inArray(
          matters.id,
          top.map((f) => f.doc.id),
        ),
        ne(matters.status, 'merged'),
        or(scopedTo(matters.intakeUnitPath, actor, 'matter.read'), scopedTo(matters.unitPath, actor, 'matter.read')),
      ),
    );
  const items = presentListItems(actor, rows, await getSetting(ctx.db, 'backlog_days'));
  const byId = new Map(items.map((m, i) => [m.id, { item: m, row: rows[i] }]));
  const out: TDuplicate[] = [];
  for (const f of top) {
    const hit = byId.get(f.doc.id);
    if (hit) out.push({ matter: hit.item, description: hit.row.description, address: hit.row.address, ...f.dup });
  }
  return { items: out, candidates: set.docs.length + delta.length, capped: set.capped };
}

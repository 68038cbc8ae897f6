import { sql, type SQL } from 'drizzle-orm';
import { type AnyPgColumn, bigserial, boolean, customType, date, doublePrecision, foreignKey, index, integer, jsonb, pgSequence, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts, units } from '../org/tables.ts';
import { categories } from '../categories/tables.ts';

/** Binary column; PGlite returns Uint8Array, pg a Buffer. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** Numbers the human-readable matter codes (`JC20261123-000123`); never reused, gaps allowed. */
export const matterCodeSeq = pgSequence('matter_code_seq', { startWith: 1, increment: 1 });

/**
 * SQL: the distinct two-character pieces of a matter's title, description and code, lower-cased
 * (jiceng_bigrams, migration 0008) — the expression of matters_search_bigrams_idx. The inbox
 * search asks it for the pieces of each word; a query must spell it exactly so to use the index.
 */
function searchBigramsOf(t: { title: AnyPgColumn; description: AnyPgColumn; code: AnyPgColumn }): SQL {
  return sql`jiceng_bigrams(${t.title} || ' ' || ${t.description} || ' ' || ${t.code})`;
}

/**
 * Matters (事项): citizen demands and problems that must be resolved. The responsible unit's path
 * and the intake unit's path are copied here, so an inbox is one indexed prefix match. Petitioner
 * data is encrypted per field (see core/personal-data); `petitioner_phone_idx` finds the same
 * caller without decrypting.
 */
export const matters = pgTable(
  'matters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    kind: text('kind').notNull(),
    origin: text('origin').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    categoryId: uuid('category_id').references(() => categories.id),
    urgency: text('urgency').notNull(),
    status: text('status').notNull(),
    intakeUnitId: uuid('intake_unit_id').notNull().references(() => units.id),
    intakeUnitPath: text('intake_unit_path').notNull(),
    unitId: uuid('unit_id').references(() => units.id),
    unitPath: text('unit_path'),
    handlerAccountId: uuid('handler_account_id').references(() => accounts.id),
    leaderAccountId: uuid('leader_account_id').references(() => accounts.id),
    respondBy: timestamp('respond_by', { withTimezone: true }),
    resolveBy: timestamp('resolve_by', { withTimezone: true }),
    petitionerNameEnc: text('petitioner_name_enc'),
    petitionerPhoneEnc: text('petitioner_phone_enc'),
    petitionerIdEnc: text('petitioner_id_enc'),
    petitionerAddressEnc: text('petitioner_address_enc'),
    petitionerPhoneIdx: text('petitioner_phone_idx'),
    address: text('address'),
    regionCode: text('region_code'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    /** sha256 of the lookup secret given to a citizen who submitted online. */
    lookupSecretHash: text('lookup_secret_hash'),
    /** Open311 token of a request posted through GeoReport v2 (tokens/{token}). */
    externalToken: text('external_token'),
    /** Times the petitioner contacted us about this matter (the first counts; 催办 adds one). */
    contactCount: integer('contact_count').notNull().default(1),
    lastContactAt: timestamp('last_contact_at', { withTimezone: true }),
    /** First acceptance or on-the-spot resolution: the response time of 响应率. */
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    returnCount: integer('return_count').notNull().default(0),
    extensionCount: integer('extension_count').notNull().default(0),
    /** Escalation (表现在基层、根子在上面): pending until the superior unit claims (认领) it. */
    escalationStatus: text('escalation_status'),
    escalatedToUnitId: uuid('escalated_to_unit_id').references(() => units.id),
    escalatedToUnitPath: text('escalated_to_unit_path'),
    escalationReason: text('escalation_reason'),
    mergedIntoId: uuid('merged_into_id'),
    replyText: text('reply_text'),
    repliedAt: timestamp('replied_at', { withTimezone: true }),
    rating: text('rating'),
    ratingNote: text('rating_note'),
    /** Whether the petitioner says the problem is solved (解决率), separate from satisfaction. */
    ratingSolved: boolean('rating_solved'),
    /** `citizen` (rated on the lookup page) or `callback` (recorded by staff, 回访). */
    ratingSource: text('rating_source'),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
    reopenCount: integer('reopen_count').notNull().default(0),
    /** A leader's record of why the demand cannot be met; visible to supervisors. */
    unmeetableReason: text('unmeetable_reason'),
    unmeetableByName: text('unmeetable_by_name'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    reviewDueOn: date('review_due_on'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    relapseCount: integer('relapse_count').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ columns: [t.mergedIntoId], foreignColumns: [t.id], name: 'matters_merged_into_fk' }),
    uniqueIndex('matters_code_uq').on(t.code),
    index('matters_unit_path_idx').using('btree', t.unitPath.op('text_pattern_ops')),
    index('matters_intake_unit_path_idx').using('btree', t.intakeUnitPath.op('text_pattern_ops')),
    index('matters_status_respond_by_idx').on(t.status, t.respondBy),
    // with the one above, the deadlines of the due-soon view are two short index ranges per status;
    index('matters_status_resolve_by_idx').on(t.status, t.resolveBy),
    index('matters_created_idx').on(t.createdAt, t.id),
    // The inbox's indexes (list-matters.ts; measured with 1,000,000 matters, docs/BENCHMARKS.md):
    // one status, newest first (待签收, 办理中, a status filter) walks only that status;
    index('matters_status_created_idx').on(t.status, t.createdAt, t.id),
    // the deadline views (overdue, due soon) and backlog walk only the open matters, newest first;
    index('matters_open_created_idx').on(t.createdAt, t.id).where(sql`${t.status} in ('received', 'dispatched', 'in_progress', 'replied')`),
    // overdue matters (超期) come in the order their deadline passed: the expression is the
    // earliest deadline that still applies (list-matters.ts, `deadlineExpr`), over unfinished work;
    index('matters_open_deadline_idx')
      .on(sql`(case when ${t.status} in ('received', 'dispatched') then least(${t.respondBy}, ${t.resolveBy}) else ${t.resolveBy} end)`, t.id)
      .where(sql`${t.status} in ('received', 'dispatched', 'in_progress')`),
    // reviews due (回头看) come in the order they fell due;
    index('matters_review_due_order_idx').on(t.reviewDueOn, t.id).where(sql`${t.status} = 'closed'`),
    // a leader's own matters (领导包案).
    index('matters_leader_created_idx').on(t.leaderAccountId, t.createdAt, t.id).where(sql`${t.leaderAccountId} is not null`),
    index('matters_petitioner_phone_idx').on(t.petitionerPhoneIdx).where(sql`${t.petitionerPhoneIdx} is not null`),
    index('matters_category_idx').on(t.categoryId),
    index('matters_escalated_to_path_idx').using('btree', t.escalatedToUnitPath.op('text_pattern_ops')).where(sql`${t.escalationStatus} = 'pending'`),
    index('matters_merged_into_idx').on(t.mergedIntoId).where(sql`${t.mergedIntoId} is not null`),
    uniqueIndex('matters_external_token_uq').on(t.externalToken).where(sql`${t.externalToken} is not null`),
    // The inbox search (list-matters.ts, `searchCondition`): a word's pieces must all be there
    // before its ILIKE is tried, so a word found in few matters reads only those. An expression
    // index rather than a stored column: every writer keeps it right, and rows stay as narrow.
    index('matters_search_bigrams_idx').using('gin', searchBigramsOf(t)),
  ],
);

/** SQL: the search pieces of a matter (`searchBigramsOf`), as matters_search_bigrams_idx indexes them. */
export const matterSearchBigrams: SQL = searchBigramsOf(matters);

/** The units working on a matter: one main (主办) and any co-units (协办). */
export const matterUnits = pgTable(
  'matter_units',
  {
    matterId: uuid('matter_id').notNull().references(() => matters.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    role: text('role').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.matterId, t.unitId] }),
    index('matter_units_unit_idx').on(t.unitId),
    // The co-units of a matter, as every inbox row asks for them (most matters have none): a probe of
    // this small index instead of the primary key plus a read of the main unit's row to reject it.
    index('matter_units_co_idx').on(t.matterId).where(sql`${t.role} = 'co'`),
  ],
);

/** Every change of a matter, in order: the timeline shown with it and the source of its metrics. */
export const matterEvents = pgTable(
  'matter_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    matterId: uuid('matter_id').notNull().references(() => matters.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorAccountId: uuid('actor_account_id').references(() => accounts.id),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    note: text('note'),
    data: jsonb('data'),
  },
  (t) => [index('matter_events_matter_idx').on(t.matterId, t.id)],
);

/** Measures (措施) of a matter: what will be done, by whom, by when, with evidence; progress 0–100. */
export const matterMeasures = pgTable(
  'matter_measures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    matterId: uuid('matter_id').notNull().references(() => matters.id, { onDelete: 'cascade' }),
    content: text('content').notNull(),
    ownerName: text('owner_name').notNull(),
    ownerPersonId: uuid('owner_person_id'),
    dueOn: date('due_on'),
    progress: integer('progress').notNull().default(0),
    doneAt: timestamp('done_at', { withTimezone: true }),
    evidence: text('evidence'),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('matter_measures_matter_idx').on(t.matterId, t.createdAt)],
);

/** Internal notes on a matter: staff only, never shown to citizens or through Open311. */
export const matterNotes = pgTable(
  'matter_notes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    matterId: uuid('matter_id').notNull().references(() => matters.id, { onDelete: 'cascade' }),
    authorAccountId: uuid('author_account_id').references(() => accounts.id),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('matter_notes_matter_idx').on(t.matterId, t.id)],
);

/**
 * Files of a matter (photos from citizens, documents and evidence from staff), kept in the
 * database so that an acknowledged upload survives a crash and every instance serves it.
 */
export const matterAttachments = pgTable(
  'matter_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    matterId: uuid('matter_id').notNull().references(() => matters.id, { onDelete: 'cascade' }),
    measureId: uuid('measure_id').references(() => matterMeasures.id, { onDelete: 'set null' }),
    /** `citizen` or `staff`. */
    source: text('source').notNull(),
    visibleToCitizen: boolean('visible_to_citizen').notNull().default(false),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    uploadedBy: uuid('uploaded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('matter_attachments_matter_idx').on(t.matterId, t.createdAt)],
);

/** Requests to extend the resolution deadline (延期), approved or rejected by a leader; counted. */
export const matterExtensions = pgTable(
  'matter_extensions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    matterId: uuid('matter_id').notNull().references(() => matters.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    previousResolveBy: timestamp('previous_resolve_by', { withTimezone: true }),
    requestedResolveBy: timestamp('requested_resolve_by', { withTimezone: true }).notNull(),
    /** `pending`, `approved` or `rejected`. */
    status: text('status').notNull().default('pending'),
    requestedBy: uuid('requested_by'),
    requestedByName: text('requested_by_name').notNull(),
    decidedBy: uuid('decided_by'),
    decidedByName: text('decided_by_name'),
    decisionNote: text('decision_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [index('matter_extensions_matter_idx').on(t.matterId), uniqueIndex('matter_extensions_one_pending_uq').on(t.matterId).where(sql`${t.status} = 'pending'`)],
);

/** Classes of matters (一类问题): past and present matters of one kind, fixed together. */
export const matterClasses = pgTable(
  'matter_classes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description'),
    ownerUnitId: uuid('owner_unit_id').notNull().references(() => units.id),
    ownerUnitPath: text('owner_unit_path').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closingNote: text('closing_note'),
  },
  (t) => [index('matter_classes_owner_idx').using('btree', t.ownerUnitPath.op('text_pattern_ops'))],
);

/** Members of a class. */
export const matterClassMembers = pgTable(
  'matter_class_members',
  {
    classId: uuid('class_id').notNull().references(() => matterClasses.id, { onDelete: 'cascade' }),
    matterId: uuid('matter_id').notNull().references(() => matters.id, { onDelete: 'cascade' }),
    addedBy: uuid('added_by'),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.classId, t.matterId] }), index('matter_class_members_matter_idx').on(t.matterId)],
);

/**
 * Answers to requests sent with an `Idempotency-Key`: a retried submission gets the first answer
 * instead of a second matter. Rows older than a day may be pruned.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    response: jsonb('response').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);

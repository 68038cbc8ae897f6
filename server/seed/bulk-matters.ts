import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/client.ts';
import { encryptField, fieldAad } from '../core/personal-data/field-cipher.ts';
import { blindIndex } from '../core/personal-data/blind-index.ts';
import type { SecretKeyring } from '../core/personal-data/secret-key.ts';
import { readCalendar } from '../modules/calendar/queries/load-calendar.ts';
import { computeDeadlines } from '../modules/calendar/compute-deadlines.ts';
import { addDays, chinaDateOf } from '../modules/calendar/calendar-date.ts';

/** Options of `jiceng seed-bulk`. */
export interface BulkMattersOptions {
  matters: number;
  /** Folder with the message files (messages-*.jsonl) to take titles and texts from; else generated text. */
  textDir?: string;
  /** Days back from now that creation times spread over (default two years). */
  days?: number;
  /** Seed of the pseudo-random generator, so two runs fill alike. */
  seed?: number;
  /** Rows per INSERT (each column goes as one array parameter). */
  batch?: number;
  /** Progress lines go here. */
  log?: (line: string) => void;
}

/** A deterministic generator (mulberry32): the same seed fills the same database. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A message's title and text, from the real files or generated. */
interface Text {
  title: string;
  description: string;
  reply: string | null;
}

const PLACES = ['青山镇', '河口乡', '城关街道', '青山村', '河口村', '东关社区', '西苑社区', '县人民医院', '县第一中学', '滨河路', '人民路', '幸福小区', '阳光花园'];
const OBJECTS = ['路灯', '下水道', '小区物业', '菜市场', '公交站', '幼儿园', '养老院', '垃圾站', '停车位', '自来水', '供暖', '电梯', '农村公路', '医保报销', '社保转移', '托育机构'];
const PROBLEMS = ['损坏多日无人维修', '收费不合理', '噪音扰民', '长期积水', '存在安全隐患', '办理时间太长', '服务态度差', '经常停水', '夜间施工扰民', '手续繁琐', '设施不足', '油烟扰民'];
const ASKS = ['希望尽快处理。', '请有关部门核实解决。', '恳请领导关注。', '希望给个说法。', '请尽快安排人员处理。'];

/** Generated text: place + object + problem, so hot topics and search have something to find. */
function generatedText(r: () => number): Text {
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)];
  const place = pick(PLACES);
  const object = pick(OBJECTS);
  const problem = pick(PROBLEMS);
  return {
    title: `${place}${object}${problem}`,
    description: `我是${place}的居民，${place}${object}${problem}，已经反映过多次。${pick(ASKS)}`,
    reply: `您好，您反映的${place}${object}问题已转相关单位核实处理，处理结果将及时反馈。`,
  };
}

/** Titles and texts (and replies where present) from the message files in `dir`, read by path. */
function readTexts(dir: string): Text[] {
  const texts: Text[] = [];
  for (const name of ['messages-replies.jsonl', 'messages-hot.jsonl', 'messages-labelled-train.jsonl']) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const m = JSON.parse(line) as { title?: string; detail?: string; reply?: string };
        if (m.title && m.detail) texts.push({ title: m.title.slice(0, 200), description: m.detail.slice(0, 10000), reply: m.reply ? m.reply.slice(0, 10000) : null });
      } catch {
        // A broken line in a source file is skipped: the seed is for realistic volume, not fidelity.
      }
    }
  }
  if (texts.length === 0) throw new Error(`no messages-*.jsonl with title and detail in ${dir}`);
  return texts;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔';
const GIVEN = '建国华明丽军平伟芳敏静秀英强磊洋艳勇杰娟涛超霞刚桂兰玉萍红梅志文斌鹏辉晓燕婷宇飞浩凯晨雪琳欣怡佳慧海波亮龙春雨';
const DEMAND_ORIGINS = ['hotline', 'hotline', 'hotline', 'web', 'web', 'letter', 'visit', 'reception_day', 'onsite_office'];
const PROBLEM_ORIGINS = ['research', 'self_inspection', 'supervision', 'superior', 'public_opinion'];

/**
 * The status a matter of this age has reached, as a county hotline's history looks: old matters
 * are closed or reviewed (a few stay open as backlog, a few were merged), recent ones spread over
 * the open states.
 */
function statusFor(ageDays: number, r: () => number): string {
  const x = r();
  // Old closed matters have mostly had their review (回头看); a few wait for it.
  if (ageDays > 60) return x < 0.04 ? 'closed' : x < 0.88 ? 'reviewed' : x < 0.94 ? 'merged' : x < 0.97 ? 'in_progress' : 'replied';
  if (ageDays > 15) return x < 0.55 ? 'closed' : x < 0.7 ? 'replied' : x < 0.92 ? 'in_progress' : x < 0.96 ? 'dispatched' : 'merged';
  return x < 0.12 ? 'received' : x < 0.32 ? 'dispatched' : x < 0.7 ? 'in_progress' : x < 0.88 ? 'replied' : 'closed';
}

/**
 * Fills the database with `matters` realistic matters across the units of the tree and the last
 * two years (`jiceng seed-bulk`): kinds, origins, urgencies, statuses by age, deadlines on the
 * working-day calendar, encrypted petitioners for most, ratings and review dates for closed ones,
 * and a timeline (intake event and the event of the current status). Rows go in as one INSERT …
 * SELECT FROM unnest(arrays) per batch, which both PGlite and PostgreSQL take quickly.
 */
export async function seedBulkMatters(database: Database, keys: SecretKeyring, opts: BulkMattersOptions): Promise<{ inserted: number; seconds: number }> {
  const { db } = database;
  const log = opts.log ?? (() => undefined);
  const r = rng(opts.seed ?? 20231);
  const days = opts.days ?? 730;
  const batch = opts.batch ?? 5000;
  const texts = opts.textDir ? readTexts(opts.textDir) : null;
  const calendar = await readCalendar(db);
  const unitRows = await queryRows<{ id: string; path: string; depth: number; kind: string }>(db, sql`select id, path, depth, kind from units where is_active order by path`);
  if (unitRows.length === 0) throw new Error('the database has no units: run seed-demo (or init and import units) first');
  const root = unitRows.reduce((a, b) => (b.depth < a.depth ? b : a));
  const handling = unitRows.filter((u) => u.depth > 0);
  const townships = unitRows.filter((u) => u.depth === 1);
  const categoryIds = (await queryRows<{ id: string }>(db, sql`select id from categories where is_active`)).map((c) => c.id);
  const started = performance.now();
  const now = Date.now();
  let inserted = 0;
  while (inserted < opts.matters) {
    const n = Math.min(batch, opts.matters - inserted);
    const cols = {
      id: [] as string[],
      kind: [] as string[],
      origin: [] as string[],
      title: [] as string[],
      description: [] as string[],
      categoryId: [] as (string | null)[],
      urgency: [] as string[],
      status: [] as string[],
      intakeUnitId: [] as string[],
      intakeUnitPath: [] as string[],
      unitId: [] as (string | null)[],
      unitPath: [] as (string | null)[],
      respondBy: [] as (string | null)[],
      resolveBy: [] as (string | null)[],
      nameEnc: [] as (string | null)[],
      phoneEnc: [] as (string | null)[],
      phoneIdx: [] as (string | null)[],
      replyText: [] as (string | null)[],
      repliedAt: [] as (string | null)[],
      rating: [] as (string | null)[],
      ratingSolved: [] as (boolean | null)[],
      ratingSource: [] as (string | null)[],
      ratedAt: [] as (string | null)[],
      respondedAt: [] as (string | null)[],
      closedAt: [] as (string | null)[],
      reviewDueOn: [] as (string | null)[],
      reviewedAt: [] as (string | null)[],
      createdAt: [] as string[],
    };
    for (let i = 0; i < n; i++) {
      const id = crypto.randomUUID();
      // Skewed towards recent days: volume grows as the channel becomes known.
      const ageDays = days * Math.pow(r(), 1.3);
      const created = new Date(now - ageDays * 86_400_000);
      const isProblem = r() < 0.15;
      const urgency = r() < 0.08 ? 'urgent' : 'normal';
      const status = statusFor(ageDays, r);
      const text = texts ? texts[Math.floor(r() * texts.length)] : generatedText(r);
      const intake = isProblem || r() < 0.3 ? townships[Math.floor(r() * townships.length)] ?? root : root;
      const unit = status === 'received' ? null : handling[Math.floor(r() * handling.length)];
      const deadlines = unit ? computeDeadlines(calendar, created, urgency) : null;
      const hasPetitioner = !isProblem && r() < 0.75;
      const phone = hasPetitioner ? `1${3 + Math.floor(r() * 7)}${String(Math.floor(r() * 1e9)).padStart(9, '0')}` : null;
      const name = hasPetitioner ? SURNAMES[Math.floor(r() * SURNAMES.length)] + GIVEN[Math.floor(r() * GIVEN.length)] + (r() < 0.6 ? GIVEN[Math.floor(r() * GIVEN.length)] : '') : null;
      const at = (d: number) => new Date(created.getTime() + d * 86_400_000);
      const isReplied = ['replied', 'closed', 'reviewed'].includes(status);
      const isClosed = status === 'closed' || status === 'reviewed';
      const handleDays = Math.min(ageDays * 0.8, 1 + r() * 14);
      const rating = isClosed ? (r() < 0.82 ? 'satisfied' : 'basically_satisfied') : null;
      cols.id.push(id);
      cols.kind.push(isProblem ? 'problem' : 'demand');
      cols.origin.push(isProblem ? PROBLEM_ORIGINS[Math.floor(r() * PROBLEM_ORIGINS.length)] : DEMAND_ORIGINS[Math.floor(r() * DEMAND_ORIGINS.length)]);
      cols.title.push(text.title);
      cols.description.push(text.description);
      cols.categoryId.push(categoryIds.length ? categoryIds[Math.floor(r() * categoryIds.length)] : null);
      cols.urgency.push(urgency);
      cols.status.push(status);
      cols.intakeUnitId.push(intake.id);
      cols.intakeUnitPath.push(intake.path);
      cols.unitId.push(unit?.id ?? null);
      cols.unitPath.push(unit?.path ?? null);
      cols.respondBy.push(deadlines?.respondBy.toISOString() ?? null);
      cols.resolveBy.push(deadlines?.resolveBy.toISOString() ?? null);
      cols.nameEnc.push(name ? encryptField(keys.current, name, fieldAad('matter', id, 'name')) : null);
      cols.phoneEnc.push(phone ? encryptField(keys.current, phone, fieldAad('matter', id, 'phone')) : null);
      cols.phoneIdx.push(blindIndex(keys.current, 'phone', phone));
      cols.replyText.push(isReplied ? (text.reply ?? '您反映的问题已处理完毕。') : null);
      cols.repliedAt.push(isReplied ? at(handleDays).toISOString() : null);
      cols.rating.push(rating);
      cols.ratingSolved.push(isClosed ? r() < 0.9 : null);
      cols.ratingSource.push(isClosed ? (r() < 0.4 ? 'citizen' : 'callback') : null);
      cols.ratedAt.push(isClosed ? at(handleDays + 1).toISOString() : null);
      cols.respondedAt.push(unit && status !== 'dispatched' ? at(Math.min(handleDays, 0.2 + r())).toISOString() : null);
      cols.closedAt.push(isClosed ? at(handleDays + 1).toISOString() : null);
      cols.reviewDueOn.push(isClosed ? addDays(chinaDateOf(at(handleDays + 1)), 30) : null);
      cols.reviewedAt.push(status === 'reviewed' ? at(handleDays + 31).toISOString() : null);
      cols.createdAt.push(created.toISOString());
    }
    await db.transaction(async (tx) => {
      await tx.execute(sql`
        insert into matters (id, code, kind, origin, title, description, category_id, urgency, status, intake_unit_id, intake_unit_path,
          unit_id, unit_path, respond_by, resolve_by, petitioner_name_enc, petitioner_phone_enc, petitioner_phone_idx, reply_text, replied_at,
          rating, rating_solved, rating_source, rated_at, responded_at, closed_at, review_due_on, reviewed_at, last_contact_at, created_at, updated_at)
        select id, 'JC' || to_char(created_at at time zone 'Asia/Shanghai', 'YYYYMMDD') || '-' || lpad(code_n, greatest(6, length(code_n)), '0'),
          kind, origin, title, description, category_id, urgency, status, intake_unit_id, intake_unit_path, unit_id, unit_path, respond_by, resolve_by,
          name_enc, phone_enc, phone_idx, reply_text, replied_at, rating, rating_solved, rating_source, rated_at, responded_at, closed_at,
          review_due_on, reviewed_at, created_at, created_at, coalesce(reviewed_at, closed_at, replied_at, responded_at, created_at)
        -- The number is never cut to 6 digits: beyond 999,999 it grows, as in create-matter.ts.
        from (select t.*, nextval('matter_code_seq')::text as code_n from unnest(${sql.param(cols.id)}::uuid[], ${sql.param(cols.kind)}::text[], ${sql.param(cols.origin)}::text[], ${sql.param(cols.title)}::text[],
          ${sql.param(cols.description)}::text[], ${sql.param(cols.categoryId)}::uuid[], ${sql.param(cols.urgency)}::text[], ${sql.param(cols.status)}::text[],
          ${sql.param(cols.intakeUnitId)}::uuid[], ${sql.param(cols.intakeUnitPath)}::text[], ${sql.param(cols.unitId)}::uuid[], ${sql.param(cols.unitPath)}::text[],
          ${sql.param(cols.respondBy)}::timestamptz[], ${sql.param(cols.resolveBy)}::timestamptz[], ${sql.param(cols.nameEnc)}::text[], ${sql.param(cols.phoneEnc)}::text[],
          ${sql.param(cols.phoneIdx)}::text[], ${sql.param(cols.replyText)}::text[], ${sql.param(cols.repliedAt)}::timestamptz[], ${sql.param(cols.rating)}::text[],
          ${sql.param(cols.ratingSolved)}::boolean[], ${sql.param(cols.ratingSource)}::text[], ${sql.param(cols.ratedAt)}::timestamptz[],
          ${sql.param(cols.respondedAt)}::timestamptz[], ${sql.param(cols.closedAt)}::timestamptz[], ${sql.param(cols.reviewDueOn)}::date[],
          ${sql.param(cols.reviewedAt)}::timestamptz[], ${sql.param(cols.createdAt)}::timestamptz[])
          as t(id, kind, origin, title, description, category_id, urgency, status, intake_unit_id, intake_unit_path, unit_id, unit_path, respond_by,
            resolve_by, name_enc, phone_enc, phone_idx, reply_text, replied_at, rating, rating_solved, rating_source, rated_at, responded_at,
            closed_at, review_due_on, reviewed_at, created_at)) t`);
      await tx.execute(sql`
        insert into matter_units (matter_id, unit_id, role)
        select id, unit_id, 'main' from matters where id = any(${sql.param(cols.id)}::uuid[]) and unit_id is not null`);
      // The timeline: the intake, then the step that brought the matter to its current status.
      await tx.execute(sql`
        insert into matter_events (matter_id, at, actor_name, action, from_status, to_status, data)
        select id, created_at, '批量导入', 'create', null, 'received', jsonb_build_object('origin', origin, 'bulk', true)
        from matters where id = any(${sql.param(cols.id)}::uuid[])
        union all
        select id, updated_at, '批量导入', case status when 'dispatched' then 'dispatch' when 'in_progress' then 'accept' when 'replied' then 'reply'
          when 'closed' then 'rate_satisfied' when 'reviewed' then 'review_ok' else 'merge' end, null, status, jsonb_build_object('bulk', true)
        from matters where id = any(${sql.param(cols.id)}::uuid[]) and status <> 'received'`);
    });
    inserted += n;
    if (inserted % 50_000 < batch || inserted === opts.matters) log(`${inserted} / ${opts.matters} matters`);
  }
  await db.execute(sql`analyze matters`);
  await db.execute(sql`analyze matter_events`);
  await db.execute(sql`analyze matter_units`);
  return { inserted, seconds: (performance.now() - started) / 1000 };
}

import crypto from 'node:crypto';
import type { DbOrTx } from '../../../db/client.ts';
import { appendAudit } from '../../../core/audit.ts';
import { categories } from '../tables.ts';

/**
 * The livelihood fields the documents name (就业、教育、医疗、托育、住房、养老、社会保障、城乡建设、
 * 生态环境、交通出行、商贸消费、公共安全、其他), as first-level categories. Codes are stable: they
 * are the Open311 service codes and what seeding matches on.
 */
export const defaultCategories: readonly { code: string; name: string; nameEn: string }[] = [
  { code: 'employment', name: '就业', nameEn: 'Employment' },
  { code: 'education', name: '教育', nameEn: 'Education' },
  { code: 'healthcare', name: '医疗', nameEn: 'Healthcare' },
  { code: 'childcare', name: '托育', nameEn: 'Childcare' },
  { code: 'housing', name: '住房', nameEn: 'Housing' },
  { code: 'elderly_care', name: '养老', nameEn: 'Elderly care' },
  { code: 'social_security', name: '社会保障', nameEn: 'Social security' },
  { code: 'urban_rural_construction', name: '城乡建设', nameEn: 'Urban and rural construction' },
  { code: 'environment', name: '生态环境', nameEn: 'Environment' },
  { code: 'transport', name: '交通出行', nameEn: 'Transport' },
  { code: 'commerce', name: '商贸消费', nameEn: 'Commerce and consumption' },
  { code: 'public_safety', name: '公共安全', nameEn: 'Public safety' },
  { code: 'other', name: '其他', nameEn: 'Other' },
];

/**
 * Adds the default categories that are missing, matched by code (and by name among the top
 * level), so it can run at every demo start and at `jiceng init` without touching what admins
 * renamed, reordered or deactivated. Returns how many were added; one audit row when any were.
 */
export async function seedDefaultCategories(db: DbOrTx): Promise<number> {
  const rows = defaultCategories.map((c, i) => {
    const id = crypto.randomUUID();
    return { id, parentId: null, code: c.code, name: c.name, nameEn: c.nameEn, level: 1, path: `/${id}/`, sortOrder: i };
  });
  // A conflict on either unique index (code, or a top-level name an admin already used) skips the row.
  const inserted = await db.insert(categories).values(rows).onConflictDoNothing().returning({ code: categories.code });
  if (inserted.length > 0) {
    await appendAudit(db, { actor: null, ip: null, channel: 'system' }, { action: 'category.seed', subjectType: 'category', after: { codes: inserted.map((r) => r.code) } });
  }
  return inserted.length;
}

import crypto from 'node:crypto';
import type { Db } from '../../../db/client.ts';
import { appendAudit } from '../../../core/audit.ts';
import { units } from '../tables.ts';
import { isEmpty } from '../../../seed/demo.ts';
import { addUser } from './add-user-cli.ts';

/** First start of a real deployment: the root unit of the jurisdiction and its first administrator. */
export async function initDeployment(db: Db, input: { rootName: string; level: 'province' | 'city' | 'county' | 'township'; regionCode?: string; adminUsername: string; adminName: string; password?: string }) {
  if (!(await isEmpty(db))) throw new Error('数据库中已有单位，无需初始化 / the database already has units; nothing to initialise');
  if (input.regionCode && !/^\d{6}$/.test(input.regionCode)) throw new Error('行政区划代码应为 6 位数字 / a region code is 6 digits');
  const id = crypto.randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(units).values({ id, parentId: null, path: `/${id}/`, depth: 0, name: input.rootName, kind: 'other', level: input.level, regionCode: input.regionCode ?? null });
    await appendAudit(tx, { actor: null, ip: null }, { action: 'unit.create', subjectType: 'unit', subjectId: id, unitPath: `/${id}/`, after: { name: input.rootName } }, 'cli');
  });
  return addUser(db, { username: input.adminUsername, displayName: input.adminName, grants: [{ role: 'admin', unit: id }], password: input.password });
}

import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { categories, dispatchRules, replyTemplates } from '../tables.ts';

/** Which county organ the demo catalogue sends each field to. */
const demoRules: readonly { category: string; unit: string }[] = [
  { category: 'employment', unit: '县人力资源和社会保障局' },
  { category: 'social_security', unit: '县人力资源和社会保障局' },
  { category: 'education', unit: '县教育局' },
  { category: 'healthcare', unit: '县卫生健康局' },
  { category: 'housing', unit: '县住房和城乡建设局' },
  { category: 'urban_rural_construction', unit: '县住房和城乡建设局' },
  { category: 'environment', unit: '县生态环境分局' },
];

const demoTemplates: readonly { category: string | null; title: string; body: string }[] = [
  {
    category: null,
    title: '已办结（通用）',
    body: '您好！您反映的问题已收悉。经核实，{情况}。我单位已于{日期}{措施}，问题已解决。感谢您对我们工作的理解和支持，如有疑问请致电{电话}。',
  },
  {
    category: 'environment',
    title: '噪声扰民已处理',
    body: '您好！接到您的反映后，我局执法人员于{日期}到现场核查，责令{单位}整改并限定施工时段，后续将加强巡查。感谢您的监督。',
  },
];

/**
 * The demo county's dispatch catalogue and two reply templates, owned by the county, so the
 * dispatch form has suggestions to show. Called by the demo seed after its units exist.
 */
export async function seedDemoCatalogue(tx: DbOrTx, units: readonly { id?: string; name: string; path: string }[], countyPath: string): Promise<void> {
  const codes = [...new Set([...demoRules.map((r) => r.category), ...demoTemplates.flatMap((t) => (t.category ? [t.category] : []))])];
  const rows = await tx.select({ id: categories.id, code: categories.code }).from(categories).where(inArray(categories.code, codes));
  const categoryId = new Map(rows.map((r) => [r.code, r.id]));
  const unitId = new Map(units.map((u) => [u.name, u.id]));
  const rules = demoRules.flatMap((r) => (categoryId.has(r.category) && unitId.get(r.unit) ? [{ categoryId: categoryId.get(r.category)!, unitId: unitId.get(r.unit)!, ownerUnitPath: countyPath }] : []));
  if (rules.length) await tx.insert(dispatchRules).values(rules).onConflictDoNothing();
  await tx.insert(replyTemplates).values(demoTemplates.map((t) => ({ categoryId: t.category ? (categoryId.get(t.category) ?? null) : null, ownerUnitPath: countyPath, title: t.title, body: t.body })));
}

import crypto from 'node:crypto';
import { count } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { appendAudit } from '../core/audit.ts';
import type { Role } from '../core/policy.ts';
import { hashPassword } from '../modules/auth/password.ts';
import { accountRoles, accounts, campaignBatches, people, supervisionGroupMembers, supervisionGroupUnits, supervisionGroups, units } from '../modules/org/tables.ts';
import { seedDefaultCategories } from '../modules/categories/commands/seed-default-categories.ts';
import { seedDemoCatalogue } from '../modules/categories/commands/seed-demo-catalogue.ts';

type Kind = (typeof units.$inferInsert)['kind'];
interface UnitSpec {
  key?: string;
  name: string;
  kind: Kind;
  level: 'county' | 'township' | 'village';
  regionCode?: string;
  children?: UnitSpec[];
}

/** The demo county (示范县): organs, three townships/subdistricts with villages and communities, and institutions. */
const demoTree: UnitSpec = {
  key: 'county',
  name: '示范县',
  kind: 'other',
  level: 'county',
  regionCode: '990101',
  children: [
    {
      key: 'committee',
      name: '中共示范县委员会',
      kind: 'party_committee',
      level: 'county',
      children: [
        { name: '县委办公室', kind: 'party_committee', level: 'county' },
        { key: 'org_dept', name: '县委组织部', kind: 'party_committee', level: 'county' },
        { name: '县委宣传部', kind: 'party_committee', level: 'county' },
        { name: '县纪委监委', kind: 'party_committee', level: 'county' },
      ],
    },
    {
      key: 'government',
      name: '示范县人民政府',
      kind: 'government_organ',
      level: 'county',
      children: [
        { name: '县人民政府办公室', kind: 'government_organ', level: 'county' },
        { key: 'hotline', name: '县12345政务服务便民热线中心', kind: 'government_organ', level: 'county' },
        { name: '县信访局', kind: 'government_organ', level: 'county' },
        { name: '县住房和城乡建设局', kind: 'government_organ', level: 'county' },
        { name: '县教育局', kind: 'government_organ', level: 'county' },
        { name: '县卫生健康局', kind: 'government_organ', level: 'county' },
        { name: '县人力资源和社会保障局', kind: 'government_organ', level: 'county' },
        { name: '县生态环境分局', kind: 'government_organ', level: 'county' },
      ],
    },
    {
      key: 'chengguan',
      name: '城关街道',
      kind: 'subdistrict',
      level: 'township',
      children: [
        { name: '东门社区', kind: 'community', level: 'village' },
        { name: '西门社区', kind: 'community', level: 'village' },
        { name: '南苑社区', kind: 'community', level: 'village' },
      ],
    },
    {
      key: 'qingshan',
      name: '青山镇',
      kind: 'township',
      level: 'township',
      children: [
        { key: 'qingshan_village', name: '青山村', kind: 'village', level: 'village' },
        { name: '石桥村', kind: 'village', level: 'village' },
        { name: '镇东社区', kind: 'community', level: 'village' },
      ],
    },
    {
      key: 'hekou',
      name: '河口乡',
      kind: 'township',
      level: 'township',
      children: [
        { name: '河口村', kind: 'village', level: 'village' },
        { name: '柳树村', kind: 'village', level: 'village' },
      ],
    },
    { name: '示范县第一中学', kind: 'school', level: 'county' },
    { name: '示范县人民医院', kind: 'hospital', level: 'county' },
    { name: '示范县城市建设投资集团有限公司', kind: 'soe', level: 'county' },
    { name: '示范县云帆电子商务有限公司', kind: 'new_economic_org', level: 'county' },
    { name: '示范县个体劳动者协会', kind: 'new_social_org', level: 'county' },
  ],
};

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const givenChars = '建国华明丽军平伟芳敏静秀英强磊洋艳勇杰娟涛超霞刚桂兰玉萍红梅志文斌鹏辉晓燕婷宇飞浩凯晨雪琳欣怡佳慧海波亮龙春雨'.split('');

/** A deterministic Chinese name for the n-th demo person. */
export function demoName(n: number): string {
  const s = surnames[n % surnames.length];
  const g1 = givenChars[(n * 7 + 3) % givenChars.length];
  const g2 = givenChars[(n * 13 + 5) % givenChars.length];
  return n % 3 === 0 ? s + g1 : s + g1 + g2;
}

const postsByKind: Record<string, string[]> = {
  township: ['党委书记', '镇长', '党委副书记', '组织委员', '党政办主任', '社会事务办干部'],
  subdistrict: ['党工委书记', '办事处主任', '党工委副书记', '组织委员', '党政办主任', '网格员'],
  village: ['村党支部书记', '村委会主任', '村务监督委员会主任', '网格员'],
  community: ['社区党委书记', '社区居委会主任', '社区专职工作者', '网格员'],
  party_committee: ['部长', '副部长', '科长', '科员'],
  government_organ: ['局长', '副局长', '股长', '科员', '受理员'],
  school: ['党委书记', '校长', '教师'],
  hospital: ['党委书记', '院长', '医生'],
  soe: ['党委书记', '董事长', '员工'],
  new_economic_org: ['党支部书记', '总经理', '员工'],
  new_social_org: ['党支部书记', '会长', '秘书长'],
  other: ['书记', '县长'],
};

/** The demo accounts, one per role, with handlers in two townships. */
export const demoAccounts: { username: string; displayName: string; role: Role; unitKey: string; roleUnitKey?: string; note: string }[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', unitKey: 'county', note: '系统管理员（全县）' },
  { username: 'operator', displayName: '热线受理员', role: 'operator', unitKey: 'hotline', roleUnitKey: 'county', note: '12345 热线受理员（全县）' },
  { username: 'handler_a', displayName: '青山镇承办人', role: 'handler', unitKey: 'qingshan', note: '承办人（青山镇）' },
  { username: 'handler_b', displayName: '河口乡承办人', role: 'handler', unitKey: 'hekou', note: '承办人（河口乡）' },
  { username: 'leader', displayName: '县委副书记', role: 'leader', unitKey: 'county', note: '领导（全县）' },
  { username: 'supervisor', displayName: '督导组组长', role: 'supervisor', unitKey: 'org_dept', note: '督导组成员（督导青山镇、河口乡）' },
];

/** A password that satisfies the policy, for demo accounts when none is configured. */
export function generateDemoPassword(): string {
  return `Jc-${crypto.randomBytes(6).toString('base64url')}-${crypto.randomInt(10, 99)}`;
}

/** True when the database has no units yet (a fresh install). */
export async function isEmpty(db: Db): Promise<boolean> {
  const [{ n }] = await db.select({ n: count() }).from(units);
  return Number(n) === 0;
}

/**
 * Seeds the demo county with people, accounts (demo accounts need no password change), a
 * supervision group and the two campaign batches, in one transaction. Returns false when the
 * database already has units.
 */
export async function seedDemo(db: Db, password: string): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    // Every start of the demo makes sure the default categories exist (they are matched by code).
    await seedDefaultCategories(tx);
    const [{ n }] = await tx.select({ n: count() }).from(units);
    if (Number(n) > 0) return false;
    const [batch1] = await tx.insert(campaignBatches).values({ name: '第一批', startsOn: '2023-04-01', endsOn: '2023-08-31' }).returning();
    const [batch2] = await tx.insert(campaignBatches).values({ name: '第二批', startsOn: '2023-09-01', endsOn: '2024-01-31' }).returning();
    void batch1;
    const unitRows: (typeof units.$inferInsert)[] = [];
    const byKey = new Map<string, { id: string; path: string }>();
    const walk = (spec: UnitSpec, parent: { id: string; path: string; depth: number } | null, order: number) => {
      const id = crypto.randomUUID();
      const path = `${parent?.path ?? '/'}${id}/`;
      const depth = parent ? parent.depth + 1 : 0;
      unitRows.push({ id, parentId: parent?.id ?? null, path, depth, name: spec.name, kind: spec.kind, level: spec.level, regionCode: spec.regionCode ?? null, batchId: batch2.id, sortOrder: order });
      if (spec.key) byKey.set(spec.key, { id, path });
      spec.children?.forEach((c, i) => walk(c, { id, path, depth }, i));
    };
    walk(demoTree, null, 0);
    await tx.insert(units).values(unitRows);
    await seedDemoCatalogue(tx, unitRows, byKey.get('county')!.path);

    let personNo = 1;
    const personRows: (typeof people.$inferInsert)[] = [];
    for (const u of unitRows) {
      const posts = postsByKind[u.kind] ?? ['干部'];
      posts.forEach((post, i) => {
        const n = personNo++;
        personRows.push({
          unitId: u.id!,
          name: demoName(n),
          post,
          isPartyMember: i < 2 || n % 3 !== 0,
          cadreLevel: u.level === 'county' && i === 0 && u.depth <= 1 ? 'county_and_above' : 'below',
          phone: `139${String(10000000 + n * 7919).slice(-8)}`,
        });
      });
    }
    const insertedPeople = await tx.insert(people).values(personRows).returning({ id: people.id, unitId: people.unitId });

    const accountIds = new Map<string, string>();
    for (const a of demoAccounts) {
      const unit = byKey.get(a.unitKey)!;
      const person = insertedPeople.find((p) => p.unitId === unit.id);
      const [row] = await tx
        .insert(accounts)
        .values({ username: a.username, displayName: a.displayName, passwordHash, personId: person?.id ?? null, mustChangePassword: false })
        .returning({ id: accounts.id });
      accountIds.set(a.username, row.id);
      // The hotline works in its own unit but takes in and dispatches matters county-wide.
      await tx.insert(accountRoles).values({ accountId: row.id, role: a.role, unitId: byKey.get(a.roleUnitKey ?? a.unitKey)!.id });
    }
    const [group] = await tx.insert(supervisionGroups).values({ name: '县委第一巡回督导组', hostUnitId: byKey.get('org_dept')!.id, note: '督导青山镇、河口乡主题教育和接诉即办工作' }).returning();
    await tx.insert(supervisionGroupMembers).values({ groupId: group.id, accountId: accountIds.get('supervisor')!, isLeader: true });
    await tx.insert(supervisionGroupUnits).values([
      { groupId: group.id, unitId: byKey.get('qingshan')!.id },
      { groupId: group.id, unitId: byKey.get('hekou')!.id },
    ]);
    await appendAudit(tx, { actor: null, ip: null }, { action: 'system.seed_demo', subjectType: 'unit', subjectId: byKey.get('county')!.id, unitPath: byKey.get('county')!.path, after: { units: unitRows.length, people: personRows.length, accounts: demoAccounts.length } });
    return true;
  });
}

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { logIn, logOut, openDropdown, skipBrowserTests, startBrowserRun, submitLogin, toastsGone, type BrowserRun, openMenu } from './browser-helpers.ts';

// End-to-end check of the administration screens in Chinese against a real server: 人员管理,
// 账号与角色, 督导组, deleting a unit, 审计日志, a new account's forced password change, and what a
// township handler may not see. Screenshots: test-results/screenshots/admin-*.png.

/** The antd dropdown that is open now (closed ones stay in the DOM, hidden). */

/** Opens an antd Select and clicks the option labelled `label`. */
async function pickOption(page: Page, select: Locator, label: string, { multiple = false } = {}): Promise<void> {
  await select.click();
  await openDropdown(page).locator(`.ant-select-item-option[title="${label}"]`).click();
  // A multiple picker stays open for further choices.
  if (multiple) await page.keyboard.press('Escape');
  await openDropdown(page).waitFor({ state: 'hidden' });
}

/** Opens a unit TreeSelect, searches for `name` and clicks that unit. */
async function pickUnit(page: Page, select: Locator, name: string, { multiple = false } = {}): Promise<void> {
  await select.click();
  await page.keyboard.type(name);
  await openDropdown(page).locator(`.ant-select-tree-node-content-wrapper[title="${name}"]`).click();
  // A multiple picker stays open for further choices.
  if (multiple) await page.keyboard.press('Escape');
  await openDropdown(page).waitFor({ state: 'hidden' });
}

/**
 * A button by its text. antd puts a space between the two characters of a two-character Chinese
 * label (保 存), so the accessible name is matched with optional spaces; an icon's label may precede it.
 */
const button = (scope: Page | Locator, text: string) => scope.getByRole('button', { name: new RegExp(`(^|\\s)${[...text].join('\\s*')}$`) });

/** Texts of one column (1-based) over the rows of the page's main table. */
async function columnTexts(page: Page, col: number): Promise<string[]> {
  return page.locator(`.table-card .ant-table-tbody tr.ant-table-row td:nth-child(${col})`).allInnerTexts();
}

/** Action codes of the audit table's rows, top to bottom. */
async function actionCodes(page: Page): Promise<string[]> {
  return page.locator('.table-card .ant-table-tbody tr.ant-table-row td:nth-child(4) [data-code]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.code ?? ''));
}

/** The main table's row that contains `text`. */
const rowWith = (page: Page, text: string) => page.locator('.table-card .ant-table-tbody tr.ant-table-row', { hasText: text });

/** Waits until a toast saying `text` is shown. */
async function toast(page: Page, text: string): Promise<void> {
  await page.locator('.ant-message-notice', { hasText: text }).first().waitFor();
}

const qingshanUnits = ['青山镇', '青山村', '石桥村', '镇东社区'];
const newPerson = '欧阳测试';
const newAccount = { username: 'qs_tester', displayName: '青山测试员', password: 'Init-Pass-2024', newPassword: 'Qingshan#2025' };
const newGroup = '县委第二巡回督导组';
const newUnit = '临时测试单位';

describe.skipIf(skipBrowserTests)('web client: administration screens in a browser', () => {
  let run: BrowserRun | undefined;

  beforeAll(async () => {
    // Deleting a unit with records is refused by the server on purpose (409); Chromium logs the answer.
    run = await startBrowserRun({ prefix: 'admin', expectedConsoleErrors: [/status of 409/] });
  });

  afterAll(async () => {
    await run?.close();
  });

  it('人员管理: filters by unit, searches a name, creates a person in the drawer', async () => {
    const { page, step, base } = run!;

    await step('01-logged-in', async () => {
      await page.goto(base);
      await page.locator('#username').waitFor();
      await logIn(page, 'admin', run!.demoPassword);
      // The first screen the account may use opens by itself.
      await page.waitForURL(/\/org\//);
      await page.getByTestId('unit-title').waitFor();
    });

    await step('02-people-unit-filter', async () => {
      await openMenu(page, 'menu-people', /\/people/);
      await page.locator('.table-card .ant-table-row').first().waitFor();
      await pickUnit(page, page.getByTestId('people-unit-filter'), '青山镇');
      await page.waitForURL(/unitId=/);
      await expect.poll(async () => (await columnTexts(page, 2)).filter((u) => !qingshanUnits.includes(u))).toEqual([]);
      expect((await columnTexts(page, 2)).length).toBeGreaterThan(0);
    });

    let someone = '';
    await step('03-people-search', async () => {
      someone = (await columnTexts(page, 1))[0];
      await page.getByPlaceholder('按姓名搜索').fill(someone);
      await page.getByPlaceholder('按姓名搜索').press('Enter');
      // Non-empty as well: while the search loads the table is briefly empty, and every() of nothing is true.
      await expect.poll(async () => {
        const names = await columnTexts(page, 1);
        return names.length > 0 && names.every((n) => n.includes(someone));
      }).toBe(true);
      expect(await columnTexts(page, 1)).toContain(someone);
    });

    const drawer = page.getByRole('dialog');
    await step('04-person-drawer', async () => {
      await page.getByTestId('person-add').click();
      await drawer.getByText('新增人员').waitFor();
      // The drawer slides in; a click on its switch while it moves is lost.
      await page.locator('.ant-drawer-content-wrapper:not([class*="-enter"]):not([class*="-appear"])').waitFor();
      // The unit chosen in the filter is the new person's unit.
      expect(await drawer.locator('.ant-select-content', { hasText: '青山镇' }).count()).toBe(1);
      await drawer.getByLabel('姓名').fill(newPerson);
      await drawer.getByLabel('职务').fill('网格员');
      await drawer.getByLabel('中共党员').check();
      await drawer.getByLabel('联系电话').fill('13900001234');
    });

    await step('05-person-created', async () => {
      await page.getByTestId('person-save').click();
      await toast(page, '已创建');
      await drawer.waitFor({ state: 'hidden' });
      await page.getByPlaceholder('按姓名搜索').fill(newPerson);
      await page.getByPlaceholder('按姓名搜索').press('Enter');
      const row = rowWith(page, newPerson);
      await row.waitFor();
      expect(await row.innerText()).toContain('青山镇');
      expect(await row.innerText()).toContain('网格员');
      expect(await row.innerText()).toContain('中共党员');
    });
  });

  it('账号与角色: creates a 承办人 of 青山镇 and lists it with its role', async () => {
    const { page, step } = run!;
    const modal = page.getByRole('dialog');

    await step('06-accounts', async () => {
      await openMenu(page, 'menu-accounts', /\/accounts/);
      const row = rowWith(page, 'handler_a');
      await row.waitFor();
      expect(await row.locator('.role-tag').innerText()).toBe('承办人 · 青山镇');
    });

    await step('07-account-modal', async () => {
      await page.getByTestId('account-add').click();
      await modal.getByText('新建账号').waitFor();
      await modal.getByLabel('用户名').fill(newAccount.username);
      await modal.getByLabel('姓名').fill(newAccount.displayName);
      await modal.getByLabel('初始密码').fill(newAccount.password);
      await pickOption(page, modal.locator('.role-row-role .ant-select'), '承办人');
      await pickUnit(page, modal.locator('.role-row-unit .ant-select'), '青山镇');
    });

    await step('08-account-created', async () => {
      await button(modal, '保存').click();
      await toast(page, '已创建');
      await modal.waitFor({ state: 'hidden' });
      await page.getByPlaceholder('用户名或姓名').fill(newAccount.username);
      await page.getByPlaceholder('用户名或姓名').press('Enter');
      const row = rowWith(page, newAccount.username);
      await row.waitFor();
      await expect.poll(() => page.locator('.table-card .ant-table-tbody tr.ant-table-row').count()).toBe(1);
      expect(await row.innerText()).toContain(newAccount.displayName);
      expect(await row.locator('.role-tag').innerText()).toBe('承办人 · 青山镇');
      // An initial password must be changed at the first login.
      expect(await row.innerText()).toContain('待改密');
    });
  });

  it('督导组: shows the seeded group with its units and creates a new one', async () => {
    const { page, step } = run!;
    const modal = page.getByRole('dialog');

    await step('09-groups', async () => {
      await toastsGone(page);
      await openMenu(page, 'menu-groups', /\/groups/);
      const row = rowWith(page, '县委第一巡回督导组');
      await row.waitFor();
      const units = await row.locator('.ant-tag').allInnerTexts();
      expect(units).toEqual(expect.arrayContaining(['青山镇', '河口乡']));
      expect(await row.innerText()).toContain('县委组织部');
      expect(await row.innerText()).toContain('督导组组长');
    });

    await step('10-group-modal', async () => {
      await page.getByTestId('group-add').click();
      await modal.getByText('新建督导组').waitFor();
      await modal.getByLabel('督导组名称').fill(newGroup);
      await pickUnit(page, modal.getByLabel('牵头单位'), '县委组织部');
      await modal.getByLabel('成员').click();
      await page.keyboard.type('supervisor');
      await openDropdown(page).locator('.ant-select-item-option', { hasText: '督导组组长' }).click();
      await page.keyboard.press('Escape');
      await openDropdown(page).waitFor({ state: 'hidden' });
      await pickOption(page, modal.getByLabel('组长'), '督导组组长', { multiple: true });
      await pickUnit(page, modal.getByLabel('督导单位'), '城关街道', { multiple: true });
      await modal.getByLabel('备注').fill('督导城关街道接诉即办工作');
    });

    await step('11-group-created', async () => {
      await button(modal, '保存').click();
      await toast(page, '已创建');
      await modal.waitFor({ state: 'hidden' });
      const row = rowWith(page, newGroup);
      await row.waitFor();
      const text = await row.innerText();
      expect(text).toContain('县委组织部');
      expect(text).toContain('城关街道');
      expect(text).toContain('督导组组长');
      expect(await page.getByText('共 2 个督导组').count()).toBe(1);
    });
  });

  it('组织架构: creates a unit and deletes it; a unit with records is refused with the server message', async () => {
    const { page, step } = run!;
    const tree = page.getByTestId('org-tree');
    const title = page.getByTestId('unit-title');
    const children = page.locator('.unit-detail-tabs .ant-table-tbody');
    let qingshanUrl = '';

    await step('12-unit-created', async () => {
      await toastsGone(page);
      await openMenu(page, 'menu-org', /\/org\//);
      await tree.getByText('青山镇', { exact: true }).click();
      await expect.poll(() => title.innerText()).toBe('青山镇');
      await page.waitForURL(/\/org\/[0-9a-f-]{36}$/);
      qingshanUrl = page.url();
      await page.getByTestId('unit-add-child').click();
      const modal = page.getByRole('dialog');
      await modal.getByLabel('单位名称').fill(newUnit);
      await button(modal, '保存').click();
      await toast(page, '已创建');
      await modal.waitFor({ state: 'hidden' });
      await children.getByText(newUnit).waitFor();
    });

    await step('13-unit-delete-confirm', async () => {
      await toastsGone(page);
      await children.getByText(newUnit).click();
      await expect.poll(() => title.innerText()).toBe(newUnit);
      // Opening it unfolds its parent in the tree.
      await tree.getByText(newUnit, { exact: true }).waitFor();
      await page.getByTestId('unit-delete').click();
      const confirm = page.locator('.ant-popconfirm:visible');
      await confirm.getByText(`确定删除“${newUnit}”吗？`).waitFor();
      expect(await confirm.innerText()).toContain('删除后不可恢复');
    });

    await step('14-unit-deleted', async () => {
      await button(page.locator('.ant-popconfirm:visible'), '删除').click();
      await toast(page, '已删除');
      // Back on the parent, and the unit is gone from its sub-units and from the tree.
      await page.waitForURL(qingshanUrl);
      await expect.poll(() => title.innerText()).toBe('青山镇');
      await expect.poll(() => children.getByText(newUnit).count()).toBe(0);
      await expect.poll(() => tree.getByText(newUnit, { exact: true }).count()).toBe(0);
    });

    await step('15-unit-delete-refused', async () => {
      await toastsGone(page);
      await children.getByText('青山村').click();
      await expect.poll(() => title.innerText()).toBe('青山村');
      await page.getByTestId('unit-delete').click();
      await button(page.locator('.ant-popconfirm:visible'), '删除').click();
      // The server's own words (UNIT_HAS_RECORDS), and the unit stays.
      await toast(page, '不能删除，请改为停用');
      expect(await title.innerText()).toBe('青山村');
    });
  });

  it('审计日志: lists the actions just done and shows before/after of one', async () => {
    const { page, step } = run!;

    await step('16-audit', async () => {
      await toastsGone(page);
      await openMenu(page, 'menu-audit', /\/audit/);
      await page.locator('.table-card .ant-table-row').first().waitFor();
      const actions = await actionCodes(page);
      expect(actions).toEqual(expect.arrayContaining(['person.create', 'account.create', 'group.create', 'unit.create', 'unit.delete']));
      // Newest first: the refused deletion left nothing, the deletion before it is on top.
      expect(actions[0]).toBe('unit.delete');
      // Codes are named in the UI language, and the seeding is the system's, not an account's.
      const top = page.locator('.table-card .ant-table-tbody tr.ant-table-row').first();
      expect(await top.innerText()).toContain('删除单位');
      expect(await rowWith(page, 'system.seed_demo').innerText()).toContain('系统');
    });

    await step('17-audit-expanded', async () => {
      await page.getByLabel('操作', { exact: true }).fill('person.create');
      await button(page, '查询').click();
      await expect.poll(async () => [...new Set(await actionCodes(page))]).toEqual(['person.create']);
      const row = page.locator('.table-card .ant-table-tbody tr.ant-table-row').first();
      expect(await row.innerText()).toContain('admin');
      await row.locator('.ant-table-row-expand-icon').click();
      const changes = page.getByTestId('audit-changes');
      await changes.waitFor();
      const text = await changes.innerText();
      expect(text).toContain('变更前');
      expect(text).toContain('变更后');
      expect(text).toContain(newPerson);
      // Fields and values are named, not shown as codes.
      expect(text).toContain('中共党员');
      expect(text).toContain('非领导干部');
    });
  });

  it('a new account must change its password at the first login; a weak one is refused', async () => {
    const { page, step } = run!;

    await step('18-first-login', async () => {
      await toastsGone(page);
      await logOut(page);
      await submitLogin(page, newAccount.username, newAccount.password);
      await page.getByText('首次登录，请修改密码').waitFor();
      expect(await page.getByTestId('main-menu').count()).toBe(0);
    });

    await step('19-weak-password-refused', async () => {
      await page.getByLabel('当前密码').fill(newAccount.password);
      await page.getByLabel('新密码', { exact: true }).fill('abcdefgh1');
      await page.getByLabel('确认新密码').fill('abcdefgh1');
      await button(page, '修改密码').click();
      await page.getByText('密码强度不足，请按下方要求设置').waitFor();
      expect(await page.getByTestId('main-menu').count()).toBe(0);
    });

    await step('20-password-changed', async () => {
      await page.getByLabel('新密码', { exact: true }).fill(newAccount.newPassword);
      await page.getByLabel('确认新密码').fill(newAccount.newPassword);
      await button(page, '修改密码').click();
      await page.getByTestId('main-menu').waitFor();
      await toast(page, '密码已修改');
      await expect.poll(() => page.getByTestId('user-menu').innerText()).toContain(newAccount.displayName);
      expect(await page.getByTestId('header-roles').innerText()).toContain('承办人 · 青山镇');
    });
  });

  it('a township handler sees only its township and no administration screens', async () => {
    const { page, step, base } = run!;
    const tree = page.getByTestId('org-tree');

    await step('21-handler-org', async () => {
      await toastsGone(page);
      await logOut(page);
      await logIn(page, 'handler_a', run!.demoPassword);
      const menu = await page.getByTestId('main-menu').innerText();
      expect(menu).toContain('组织架构');
      expect(menu).not.toContain('账号与角色');
      expect(menu).not.toContain('审计日志');
      await openMenu(page, 'menu-org', /\/org\/[0-9a-f-]{36}$/);
      await expect.poll(() => page.getByTestId('unit-title').innerText()).toBe('青山镇');
      const first = tree.getByTestId('unit-node').first();
      expect((await first.innerText()).trim()).toBe('青山镇');
      const units = await tree.getByTestId('unit-node').allInnerTexts();
      expect(units.map((u) => u.trim())).toEqual(expect.arrayContaining(qingshanUnits));
      expect(units.join('\n')).not.toContain('河口乡');
      expect(units.join('\n')).not.toContain('示范县');
      // A handler reads units but does not manage them.
      expect(await page.getByTestId('unit-delete').count()).toBe(0);
    });

    await step('22-handler-accounts-forbidden', async () => {
      await page.goto(`${base}/accounts`);
      await page.getByText('无权访问').waitFor();
      expect(await page.locator('.table-card').count()).toBe(0);
    });

    expect(run!.consoleErrors).toEqual([]);
  });
});

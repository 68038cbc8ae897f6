import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { languageShown, logIn, openDropdown, skipBrowserTests, startBrowserRun, toastsGone, type BrowserRun, openMenu } from './browser-helpers.ts';
import { button, dialog, openDialog, logInTo, logOutOf, pickUnit, runAction, statusIs, toast, topStep } from './matters-browser-helpers.ts';

// The closed loop's admin screens in Chinese against a real server, and their effect on handling:
// the admin adds a sub-category with its own deadline, imports a CSV tree, deactivates a category,
// adds a dispatch rule (路灯照明 × 990101 → 青山镇) and a reply template, and changes a setting; the
// operator's dispatch dialog is then prefilled from the catalogue, and the handler's reply dialog
// offers the template. Last, the matter page in English. Screenshots: catalogue-*.png.

/** The main table's row whose first cells contain `text`. */
const rowWith = (page: Page, text: string) => page.locator('.table-card .ant-table-tbody tr.ant-table-row', { hasText: text });

const templateBody = '您好，您反映的路灯故障已由镇村建办安排维修，现已恢复照明。如再有问题，请拨打 12345 热线反映。';

describe.skipIf(skipBrowserTests)('web client: categories, dispatch catalogue, reply templates and settings in a browser', () => {
  let run: BrowserRun | undefined;

  beforeAll(async () => {
    run = await startBrowserRun({ prefix: 'catalogue' });
  });

  afterAll(async () => {
    await run?.close();
  });

  it('诉求分类: adds a sub-category with its own deadline, imports a CSV tree and deactivates a category', async () => {
    const { page, base } = run!;
    const step = topStep(run!);

    await step('01-categories', async () => {
      await page.goto(base);
      await page.locator('#username').waitFor();
      await logInTo(page, 'admin', run!.demoPassword, 'categories', /\/categories$/);
      await rowWith(page, '城乡建设').waitFor();
      expect(await page.getByTestId('category-name').allInnerTexts()).toEqual(expect.arrayContaining(['就业 Employment', '住房 Housing', '其他 Other']));
    });

    await step('02-sub-category', async () => {
      await rowWith(page, '城乡建设').getByTestId('category-add-child').click();
      const d = await openDialog(page);
      await d.getByText('在“城乡建设”下新增分类').waitFor();
      await d.getByLabel('分类名称').fill('路灯照明');
      await d.getByLabel('分类代码').fill('street_lights');
      await d.getByLabel('办结时限（工作日）', { exact: true }).fill('5');
      await button(d, '确定').click();
      await toast(page, '已创建');
      await d.waitFor({ state: 'hidden' });
      const row = rowWith(page, '路灯照明');
      await row.waitFor();
      expect(await row.innerText()).toContain('办结 5 个工作日');
      expect(await row.innerText()).toContain('本级设置');
    });

    await step('03-imported', async () => {
      await toastsGone(page);
      const csv = '一级分类,二级分类,三级分类\n住房,物业管理,电梯维修\n住房,物业管理,小区绿化\n';
      await page.locator('input[type=file]').setInputFiles({ name: 'categories.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      await toast(page, '导入完成：新增 3 个');
      await rowWith(page, '电梯维修').waitFor();
      expect(await rowWith(page, '物业管理').innerText()).toContain('2 级');
    });

    await step('04-deactivated', async () => {
      await toastsGone(page);
      await rowWith(page, '小区绿化').getByTestId('category-toggle').click();
      await button(page.locator('.ant-popconfirm'), '确定').click();
      await toast(page, '已停用');
      // Deactivated ones are listed only on request.
      await rowWith(page, '小区绿化').waitFor({ state: 'detached' });
      await page.getByTestId('category-show-inactive').click();
      await expect.poll(() => rowWith(page, '小区绿化').innerText()).toContain('已停用');
    });
  });

  it('派单目录, 答复模板, 闭环设置: a rule, a template and a changed setting', async () => {
    const { page } = run!;
    const step = topStep(run!);

    await step('05-dispatch-rule', async () => {
      await toastsGone(page);
      await openMenu(page, 'menu-dispatchRules', /\/dispatch-rules$/);
      await page.getByTestId('dispatch-rule-add').click();
      const d = await openDialog(page);
      await pickUnit(page, d.getByTestId('dispatch-rule-category'), '路灯照明');
      await d.getByLabel('区域（行政区划代码前缀）').fill('990101');
      await pickUnit(page, d.getByTestId('dispatch-rule-unit'), '青山镇');
      await d.getByLabel('备注').fill('村内路灯由所在乡镇负责维修');
      await button(d, '确定').click();
      await toast(page, '已创建');
      const row = rowWith(page, '路灯照明');
      await row.waitFor();
      expect(await row.innerText()).toContain('990101');
      expect(await row.innerText()).toContain('青山镇');
    });

    await step('06-reply-template', async () => {
      await toastsGone(page);
      await openMenu(page, 'menu-replyTemplates', /\/reply-templates$/);
      await page.getByTestId('template-add').click();
      const d = await openDialog(page);
      await d.getByLabel('模板名称').fill('路灯已修复');
      await pickUnit(page, d.getByLabel('适用分类'), '路灯照明');
      await d.getByLabel('模板内容').fill(templateBody);
      await button(d, '确定').click();
      await toast(page, '已创建');
      await rowWith(page, '路灯已修复').waitFor();
    });

    await step('07-setting-changed', async () => {
      await toastsGone(page);
      await openMenu(page, 'menu-settings', /\/settings$/);
      const backlog = page.getByTestId('setting-backlog_days');
      await backlog.getByText('默认值').waitFor();
      await backlog.locator('input').fill('45');
      await page.getByTestId('setting-save-backlog_days').click();
      await toast(page, '已保存“积案认定（天）”');
      await backlog.getByText('已修改').waitFor();
      expect(await backlog.locator('input').inputValue()).toBe('45');
    });
  });

  it('the catalogue at work: dispatch prefilled with the rule’s unit, reply from the template, then in English', async () => {
    const { page } = run!;
    const step = topStep(run!);

    await step('08-dispatch-suggested', async () => {
      await toastsGone(page);
      await logOutOf(page);
      await logInTo(page, 'operator', run!.demoPassword, 'intake', /\/intake$/);
      const form = page.getByTestId('intake-form');
      await pickUnit(page, page.getByTestId('intake-category'), '路灯照明');
      await form.getByLabel('标题').fill('石桥村村委会门口路灯不亮');
      await form.getByLabel('内容描述').fill('群众来电反映石桥村村委会门口两盏路灯连续三晚不亮。');
      await form.getByLabel('行政区划代码').fill('990101');
      await page.getByTestId('intake-anonymous').click();
      await page.getByTestId('intake-submit').click();
      await page.waitForURL(/\/matters\/[0-9a-f-]{36}$/);
      await statusIs(page, 'received');
      await page.getByTestId('action-dispatch').click();
      const d = await openDialog(page);
      await d.getByText('按派单目录推荐：青山镇').waitFor();
      expect(await d.getByTestId('dispatch-unit').innerText()).toContain('青山镇');
    });

    await step('09-reply-template', async () => {
      await page.getByTestId('action-submit').click();
      await dialog(page).waitFor({ state: 'hidden' });
      await statusIs(page, 'dispatched');
      const url = page.url();
      await toastsGone(page);
      await logOutOf(page);
      await logIn(page, 'handler_a', run!.demoPassword);
      await page.waitForURL(/\/org\/[0-9a-f-]{36}$/);
      await page.goto(url);
      await runAction(page, 'accept');
      await statusIs(page, 'in_progress');
      await page.getByTestId('action-reply').click();
      const d = await openDialog(page);
      await d.getByTestId('reply-template').click();
      await openDropdown(page).locator('.ant-select-item-option', { hasText: '路灯已修复' }).click();
      await expect.poll(() => d.getByTestId('reply-text').inputValue()).toBe(templateBody);
    });

    await step('10-english', async () => {
      await page.getByTestId('action-submit').click();
      await dialog(page).waitFor({ state: 'hidden' });
      await statusIs(page, 'replied');
      await toastsGone(page);
      await page.getByTestId('lang-en').click();
      await languageShown(page, 'English');
      await expect.poll(() => page.locator('.matter-status-tag').first().innerText()).toBe('Replied');
      expect(await page.getByTestId('actions-panel').innerText()).toContain('There is nothing you can do now');
      expect(await page.getByTestId('matter-timeline').innerText()).toContain('Accepted');
    });

    await step('11-chinese-again', async () => {
      await page.getByTestId('lang-zh').click();
      await languageShown(page, '中文');
      await expect.poll(() => page.locator('.matter-status-tag').first().innerText()).toBe('已答复');
    });

    expect(run!.consoleErrors).toEqual([]);
  });
});

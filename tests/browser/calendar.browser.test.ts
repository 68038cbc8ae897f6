import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { languageShown, logIn, logOut, openDropdown, skipBrowserTests, startBrowserRun, toastsGone, type BrowserRun, openMenu } from './browser-helpers.ts';

// End-to-end check of 工作日历 in Chinese against a real server: the warning while the holidays of
// the next 60 days are unknown (the built-in data ends with 2026), the 2024 national-day holidays
// and their make-up day, and an admin adding and removing a 2027 holiday.
// Screenshots: test-results/screenshots/calendar-*.png.

/** A button by its text; antd spaces two-character Chinese labels (保 存). */
const button = (scope: Page | Locator, text: string) => scope.getByRole('button', { name: new RegExp(`(^|\\s)${[...text].join('\\s*')}$`) });

/** The calendar table's row of one date. */
const rowOf = (page: Page, date: string) => page.locator('.table-card .ant-table-tbody tr.ant-table-row', { hasText: date });

/** Scrolls back to the top, so a full-page screenshot shows the title bar where it belongs. */
const toTop = (page: Page) => page.evaluate(() => window.scrollTo(0, 0));

/** The 休/班 mark of a day in the month grids ('' when the day is an ordinary one). */
const markOf = (page: Page, date: string) => page.locator(`[data-testid="calendar-grid"] [data-date="${date}"]`).evaluate((el) => (el as HTMLElement).dataset.mark ?? '');

describe.skipIf(skipBrowserTests)('web client: working calendar in a browser', () => {
  let run: BrowserRun | undefined;

  beforeAll(async () => {
    run = await startBrowserRun({ prefix: 'calendar' });
  });

  afterAll(async () => {
    await run?.close();
  });

  it('warns while the calendar runs out, shows 2024 and lets an admin add and remove a day', async () => {
    const { page, step, base } = run!;
    const warning = page.getByTestId('calendar-warning');

    await step('01-banner', async () => {
      await page.goto(base);
      await page.locator('#username').waitFor();
      await logIn(page, 'admin', run!.demoPassword);
      await page.waitForURL(/\/org\//);
      // The built-in data ends on 2026-12-31, less than 60 days from now: the admin is told on every screen.
      await warning.waitFor();
      expect(await warning.innerText()).toContain('2026-12-31');
      await page.getByTestId('calendar-warning-link').waitFor();
    });

    await step('02-calendar-this-year', async () => {
      await openMenu(page, 'menu-calendar', /\/calendar$/);
      await page.getByRole('heading', { name: '工作日历' }).waitFor();
      // The page shows the warning itself, once, without a link to itself.
      await expect.poll(() => warning.count()).toBe(1);
      expect(await page.getByTestId('calendar-warning-link').count()).toBe(0);
      await rowOf(page, '2026-10-01').waitFor();
    });

    await step('03-year-2024', async () => {
      await page.getByTestId('calendar-year').click();
      await openDropdown(page).locator('.ant-select-item-option[title="2024 年"]').click();
      await page.waitForURL(/year=2024/);
      await rowOf(page, '2024-10-01').waitFor();
      expect(await markOf(page, '2024-10-01')).toBe('休');
      expect(await markOf(page, '2024-09-29')).toBe('班');
      expect(await markOf(page, '2024-09-30')).toBe('');
      expect(await page.getByTestId('calendar-month-10').innerText()).toContain('国庆节');
      const holiday = await rowOf(page, '2024-10-01').innerText();
      expect(holiday).toContain('国庆节');
      expect(holiday).toContain('放假');
      expect(holiday).toContain('内置');
      const workday = await rowOf(page, '2024-09-29').innerText();
      expect(workday).toContain('调休上班');
      expect(workday).toContain('国庆节');
      await toTop(page);
    });

    await step('03b-english', async () => {
      await page.getByTestId('lang-en').click();
      await languageShown(page, 'English');
      await page.getByRole('heading', { name: 'Working calendar' }).waitFor();
      expect(await markOf(page, '2024-10-01')).toBe('Off');
      expect(await markOf(page, '2024-09-29')).toBe('Work');
      // The server words its warning in the language of the request.
      await expect.poll(() => warning.innerText()).toContain('Holidays are only known up to 2026-12-31');
      expect(await page.getByTestId('calendar-month-10').innerText()).toContain('Off');
    });

    await step('03c-chinese-again', async () => {
      await page.getByTestId('lang-zh').click();
      await languageShown(page, '中文');
      await page.getByRole('heading', { name: '工作日历' }).waitFor();
      await expect.poll(() => warning.innerText()).toContain('节假日安排只录入到 2026-12-31');
    });

    const dialog = page.getByRole('dialog');
    await step('04-add-day', async () => {
      await page.getByTestId('calendar-add').click();
      await dialog.getByText('录入放假或调休上班日期').waitFor();
      const date = dialog.locator('.ant-picker input');
      await date.click();
      await date.fill('2027-01-01');
      await date.press('Enter');
      await dialog.getByLabel('名称').fill('元旦');
      await dialog.getByLabel('备注').fill('国办发明电〔2026〕测试');
      expect(await dialog.getByLabel('放假').isChecked()).toBe(true);
    });

    await step('05-day-added', async () => {
      await button(dialog, '保存').click();
      await page.locator('.ant-message-notice', { hasText: '已保存 2027-01-01' }).waitFor();
      await dialog.waitFor({ state: 'hidden' });
      // The page turns to the year of the day.
      await page.waitForURL(/year=2027/);
      const row = rowOf(page, '2027-01-01');
      await row.waitFor();
      expect(await row.innerText()).toContain('人工维护');
      expect(await row.innerText()).toContain('元旦');
      expect(await markOf(page, '2027-01-01')).toBe('休');
      // A holiday of 2027 extends the known calendar past the next 60 days: the warning goes.
      await expect.poll(() => warning.count()).toBe(0);
      await toTop(page);
    });

    await step('06-remove-confirm', async () => {
      await toastsGone(page);
      await rowOf(page, '2027-01-01').getByTestId('calendar-remove').click();
      await page.getByText('确定删除 2027-01-01 的人工设置吗？').waitFor();
    });

    await step('07-day-removed', async () => {
      await button(page.locator('.ant-popconfirm'), '删除设置').click();
      await page.locator('.ant-message-notice', { hasText: '已删除设置' }).waitFor();
      await expect.poll(() => rowOf(page, '2027-01-01').count()).toBe(0);
      expect(await markOf(page, '2027-01-01')).toBe('');
      await warning.waitFor();
      await toTop(page);
    });

    await step('08-audit', async () => {
      await toastsGone(page);
      await openMenu(page, 'menu-audit', /\/audit/);
      const rows = page.locator('.table-card .ant-table-tbody tr.ant-table-row');
      await rows.first().waitFor();
      expect(await rows.nth(0).innerText()).toContain('删除日历设置');
      expect(await rows.nth(1).innerText()).toContain('设置工作日历');
      // The removed setting is shown with named fields and values.
      await rows.nth(0).locator('.ant-table-row-expand-icon').click();
      const changes = page.getByTestId('audit-changes');
      await changes.waitFor();
      const text = await changes.innerText();
      expect(text).toContain('元旦');
      expect(text).toContain('放假');
    });

    await step('09-handler-read-only', async () => {
      await logOut(page);
      await logIn(page, 'handler_a', run!.demoPassword);
      await page.waitForURL(/\/org\//);
      await page.getByTestId('unit-title').waitFor();
      // Those who cannot keep the calendar are not warned on every screen…
      expect(await warning.count()).toBe(0);
      await openMenu(page, 'menu-calendar', /\/calendar$/);
      // …but the calendar page tells everyone, and offers no changes.
      await warning.waitFor();
      await rowOf(page, '2026-10-01').waitFor();
      expect(await page.getByTestId('calendar-add').count()).toBe(0);
      expect(await page.getByTestId('calendar-remove').count()).toBe(0);
      expect(await page.locator('.table-card').innerText()).not.toContain('修正');
      await page.getByText('工作日历由最上级单位的系统管理员维护，您可以查看。', { exact: false }).waitFor();
    });

    expect(run!.consoleErrors).toEqual([]);
  });
});

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { languageShown, skipBrowserTests, startBrowserRun, type BrowserRun, openMenu } from './browser-helpers.ts';

// End-to-end check of the web client against a real server: login, the unit tree, unit
// detail and the language switch, with a screenshot (test-results/screenshots/org-*.png) after every step.

describe.skipIf(skipBrowserTests)('web client: 组织架构 in a browser', () => {
  let run: BrowserRun | undefined;

  beforeAll(async () => {
    run = await startBrowserRun({ prefix: 'org' });
  });

  afterAll(async () => {
    await run?.close();
  });

  it('logs in, browses the unit tree, opens a township and switches language', async () => {
    const { page, step, base } = run!;

    await step('01-login-page', async () => {
      await page.goto(base);
      await page.locator('#username').waitFor();
      expect(await page.title()).toBe('基层工作平台');
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
      await page.locator('#username').fill('admin');
      await page.locator('#password').fill(run!.demoPassword);
    });

    await step('02-logged-in', async () => {
      await page.getByTestId('login-submit').click();
      await page.getByTestId('main-menu').waitFor();
      await expect.poll(() => page.getByTestId('user-menu').innerText()).toContain('系统管理员');
      expect(await page.getByTestId('header-roles').innerText()).toContain('系统管理员');
    });

    await step('03-org-tree', async () => {
      await openMenu(page, 'menu-org', /\/org\//);
      const tree = page.getByTestId('org-tree');
      await tree.getByText('示范县', { exact: true }).waitFor();
      expect(await tree.innerText()).toContain('示范县');
      await page.getByTestId('unit-title').waitFor();
    });

    let township = '';
    await step('04-search-township', async () => {
      await page.getByPlaceholder('按单位名称搜索').fill('镇');
      const node = page.getByTestId('org-tree').locator('[data-kind="township"]').first();
      await node.waitFor();
      township = (await node.innerText()).trim();
      expect(township).toContain('镇');
      // Every row left in the tree is a match or an ancestor of one; a match is highlighted. The
      // townships are in the tree before the search applies, so the highlight is waited for.
      await expect.poll(() => page.getByTestId('org-tree').locator('mark.tree-match').count()).toBeGreaterThan(0);
    });

    await step('05-township-detail', async () => {
      await page.getByTestId('org-tree').locator('[data-kind="township"]').first().click();
      await expect.poll(() => page.getByTestId('unit-title').innerText()).toBe(township);
      const detail = page.locator('.unit-detail');
      expect(await detail.innerText()).toContain('乡镇');
      await page.waitForURL(/\/org\/[0-9a-f-]{36}$/);
    });

    await step('06-english', async () => {
      await page.getByTestId('lang-en').click();
      await expect.poll(() => page.getByTestId('menu-org').innerText()).toBe('Organisation');
      await languageShown(page, 'English');
      expect(await page.locator('html').getAttribute('lang')).toBe('en-US');
      expect(await page.evaluate(() => localStorage.getItem('jiceng.lang'))).toBe('en-US');
      expect(await page.locator('.unit-detail').innerText()).toContain('Township');
    });

    await step('07-chinese-again', async () => {
      await page.getByTestId('lang-zh').click();
      await expect.poll(() => page.getByTestId('menu-org').innerText()).toBe('组织架构');
      await languageShown(page, '中文');
      expect(await page.evaluate(() => localStorage.getItem('jiceng.lang'))).toBe('zh-CN');
      expect(await page.getByTestId('unit-title').innerText()).toBe(township);
    });

    expect(run!.consoleErrors).toEqual([]);
  });
});

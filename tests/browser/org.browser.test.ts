import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestServer } from '../../server/test/harness.ts';

// End-to-end check of the web client against a real server: login, the unit tree, unit
// detail and the language switch, with a screenshot after every step for human review.

const root = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const shotsDir = path.join(root, 'test-results', 'screenshots');
const hasChromium = fs.existsSync(CHROMIUM);
// Locally a missing browser is an environment gap; in CI it would hide a broken client, so it fails.
const skip = !hasChromium && !process.env.CI;
if (skip) console.warn(`[browser test] skipped: ${CHROMIUM} is not installed (install Debian's chromium package to run it).`);

/** Builds the client once when dist/web is missing, so the server has something to serve. */
async function ensureWebBuild(): Promise<void> {
  if (fs.existsSync(path.join(root, 'dist', 'web', 'index.html'))) return;
  const { build } = await import('vite');
  const before = process.env.NODE_ENV;
  // Vitest runs with NODE_ENV=test, which would give a development React build.
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(root, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = before;
  }
}

describe.skipIf(skip)('web client: 组织架构 in a browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const consoleErrors: string[] = [];

  /** Waits until the 中文/English switch shows `label` as chosen and its sliding thumb has settled. */
  async function languageShown(label: string): Promise<void> {
    await page.getByTestId('lang-switch').locator('.ant-segmented-item-selected', { hasText: label }).waitFor();
    await page.waitForTimeout(400);
  }

  /** Runs one step and saves a screenshot after it (or of the failure). */
  async function step(name: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
      await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
    } catch (err) {
      await page.screenshot({ path: path.join(shotsDir, `${name}-failed.png`), fullPage: true }).catch(() => undefined);
      throw err;
    }
  }

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`${CHROMIUM} is missing; CI must run the browser test`);
    // Screenshots of an earlier run (a stale "-failed" one especially) would mislead the reviewer.
    fs.rmSync(shotsDir, { recursive: true, force: true });
    fs.mkdirSync(shotsDir, { recursive: true });
    await ensureWebBuild();
    server = await startTestServer({ seedDemo: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('console', (msg) => {
      // The session probe before login answers 401 by design; Chromium logs that as an error.
      if (msg.type() === 'error' && !/status of 401/.test(msg.text())) consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => consoleErrors.push(String(err)));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('logs in, browses the unit tree, opens a township and switches language', async () => {
    const base = server!.url;

    await step('01-login-page', async () => {
      await page.goto(base);
      await page.locator('#username').waitFor();
      expect(await page.title()).toBe('基层工作平台');
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
      await page.locator('#username').fill('admin');
      await page.locator('#password').fill(server!.demoPassword);
    });

    await step('02-logged-in', async () => {
      await page.getByTestId('login-submit').click();
      await page.getByTestId('main-menu').waitFor();
      await expect.poll(() => page.getByTestId('user-menu').innerText()).toContain('系统管理员');
      expect(await page.getByTestId('header-roles').innerText()).toContain('系统管理员');
    });

    await step('03-org-tree', async () => {
      await page.getByTestId('menu-org').click();
      await page.waitForURL(/\/org\//);
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
      // Every row left in the tree is a match or an ancestor of one; a match is highlighted.
      expect(await page.getByTestId('org-tree').locator('mark.tree-match').count()).toBeGreaterThan(0);
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
      await languageShown('English');
      expect(await page.locator('html').getAttribute('lang')).toBe('en-US');
      expect(await page.evaluate(() => localStorage.getItem('jiceng.lang'))).toBe('en-US');
      expect(await page.locator('.unit-detail').innerText()).toContain('Township');
    });

    await step('07-chinese-again', async () => {
      await page.getByTestId('lang-zh').click();
      await expect.poll(() => page.getByTestId('menu-org').innerText()).toBe('组织架构');
      await languageShown('中文');
      expect(await page.evaluate(() => localStorage.getItem('jiceng.lang'))).toBe('zh-CN');
      expect(await page.getByTestId('unit-title').innerText()).toBe(township);
    });

    expect(consoleErrors).toEqual([]);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createTestApp, login, testKeys, type TestApp } from '../../server/test/harness.ts';
import { demoUnitIds } from '../../server/test/fixtures.ts';
import { systemCtx } from '../../server/modules/jobs/commands/run-due-jobs.ts';
import type { JobRow } from '../../server/modules/jobs/job-definition.ts';
import { notifyMatterEvents, EVENT_SETTLE_MS } from '../../server/modules/notify/commands/notify-matter-events.ts';
import { scanDeadlines } from '../../server/modules/notify/commands/scan-deadlines.ts';
import { matters } from '../../server/modules/matters/tables.ts';
import { eq } from 'drizzle-orm';
import { CHROMIUM, ensureWebBuild, logIn, shotsDir, skipBrowserTests } from './browser-helpers.ts';

// The notification bell in the header: a handler sees the count of unread notifications made by
// the background jobs, opens the list, follows one to its matter, and marks the rest read.
// Screenshots: test-results/screenshots/notify-*.png.

describe.skipIf(skipBrowserTests)('web client: notification bell', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  let matterId: string;
  const errors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: path.join(shotsDir, `notify-${name}.png`), animations: 'disabled' });

  beforeAll(async () => {
    fs.mkdirSync(shotsDir, { recursive: true });
    for (const f of fs.readdirSync(shotsDir)) if (f.startsWith('notify-')) fs.rmSync(path.join(shotsDir, f), { force: true });
    await ensureWebBuild();
    t = await createTestApp();
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    // Two notifications for handler_a, made by the jobs as in production: a dispatch and an overdue deadline.
    const operator = await login(t.app, 'operator');
    const units = await demoUnitIds(await login(t.app, 'admin'));
    const job = (now: Date) => ({ ctx: systemCtx(t.database.db, { config: t.config, keys: testKeys }), now, sender: { send: async () => {} }, log: { info() {}, warn() {}, error() {} }, job: {} as JobRow });
    // The scan's first run, a minute ago: the deadline set below passes after it.
    await scanDeadlines(job(new Date(Date.now() - 60_000)));
    matterId = (await operator.post('/api/matters', { kind: 'demand', origin: 'hotline', title: '青山村路灯不亮', description: '村口路灯一周未亮。' })).json().id;
    await operator.post(`/api/matters/${matterId}/dispatch`, { unitId: units['青山镇'] });
    const late = (await operator.post('/api/matters', { kind: 'demand', origin: 'hotline', title: '石桥村道路积水', description: '雨后积水。' })).json().id;
    await operator.post(`/api/matters/${late}/dispatch`, { unitId: units['青山镇'] });
    await notifyMatterEvents(job(new Date(Date.now() + EVENT_SETTLE_MS + 1_000)));
    await t.database.db.update(matters).set({ respondBy: new Date(Date.now() - 1_000) }).where(eq(matters.id, late));
    await scanDeadlines(job(new Date()));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/status of (401|404)/.test(msg.text())) errors.push(msg.text());
    });
    page.on('pageerror', (err) => errors.push(String(err)));
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the unread count, lists the notifications, opens the matter and marks all read', async () => {
    await page.goto(base);
    await page.locator('#username').waitFor();
    await logIn(page, 'handler_a', 'Test-Pass-2024');
    const count = page.getByTestId('notification-count').locator('.ant-scroll-number');
    await expect.poll(() => count.getAttribute('title')).toBe('3');
    await shot('01-count');

    await page.getByTestId('notification-bell').click();
    const items = page.getByTestId('notification-item');
    await expect.poll(() => items.count()).toBe(3);
    const texts = await items.allInnerTexts();
    expect(texts[0]).toContain('已超期');
    expect(texts.join('\n')).toContain('新派单');
    expect(texts.join('\n')).toContain('青山村路灯不亮');
    await shot('02-list');

    await items.filter({ hasText: '青山村路灯不亮' }).click();
    await page.waitForURL(new RegExp(`/matters/${matterId}$`));
    await expect.poll(() => count.getAttribute('title')).toBe('2');
    await shot('03-matter');

    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notification-read-all').click();
    await expect.poll(() => page.getByTestId('notification-count').locator('.ant-scroll-number').count()).toBe(0);
    await shot('04-all-read');
    expect(errors).toEqual([]);
  });
});

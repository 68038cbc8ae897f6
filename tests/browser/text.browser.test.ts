import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createTestApp, login, testKeys, type TestApp } from '../../server/test/harness.ts';
import { demoUnitIds } from '../../server/test/fixtures.ts';
import { systemCtx } from '../../server/modules/jobs/commands/run-due-jobs.ts';
import { retrainModels } from '../../server/modules/text/commands/retrain-models.ts';
import { insertMatters, pick, type FixtureMatter } from '../../server/modules/text/text-test-kit.ts';
import { CHROMIUM, ensureWebBuild, logIn, logOut, shotsDir, skipBrowserTests, openMenu } from './browser-helpers.ts';

// The text module in the web client: a leader's hot-topics page (每月一题) with the acceptance
// figure and the models, the operator's intake form with suggestions and a likely duplicate whose
// overlap is highlighted, and the handler's reply check before replying. Screenshots: test-results/screenshots/text-*.png.

const PLACES = ['青山村', '石桥村', '镇东社区', '河口村', '滨河路', '人民路'];

describe.skipIf(skipBrowserTests)('web client: text intelligence', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  let replyMatterId: string;
  const errors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: path.join(shotsDir, `text-${name}.png`), fullPage: true, animations: 'disabled' });

  beforeAll(async () => {
    fs.mkdirSync(shotsDir, { recursive: true });
    for (const f of fs.readdirSync(shotsDir)) if (f.startsWith('text-')) fs.rmSync(path.join(shotsDir, f), { force: true });
    await ensureWebBuild();
    t = await createTestApp();
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const admin = await login(t.app, 'admin');
    const units = await demoUnitIds(admin);
    const cat: Record<string, string> = {};
    for (const c of (await admin.get('/api/categories')).json().items as { id: string; code: string }[]) cat[c.code] = c.id;
    const county = units['示范县'];
    // Closed matters to learn from, long ago: street lights (青山镇) and construction noise (河口乡).
    const long = Date.now() - 200 * 86_400_000;
    const closed: FixtureMatter[] = [];
    for (let i = 0; i < 20; i++) {
      const place = pick(PLACES, i);
      closed.push({ title: `${place}路灯不亮`, description: `${place}的路灯已经好几天不亮了，晚上出行很不方便，请尽快维修路灯。`, status: 'closed', categoryId: cat.urban_rural_construction, unitId: units['青山镇'], intakeUnitId: county, createdAt: new Date(long + i * 1000) });
      closed.push({ title: `${place}夜间施工噪音扰民`, description: `${place}附近工地每天晚上施工到十二点，噪音很大，影响居民休息。`, status: 'closed', categoryId: cat.environment, unitId: units['河口乡'], intakeUnitId: county, createdAt: new Date(long + i * 1000 + 1) });
    }
    await insertMatters(t.database.db, closed);
    await retrainModels({ ctx: systemCtx(t.database.db, { config: t.config, keys: testKeys }), log: { info() {}, warn() {}, error() {} } }, 'thread');
    // This month's reports: one water cut raised by five callers, one square-dance noise by four.
    const day = (n: number) => new Date(Date.now() - n * 86_400_000);
    const water = [
      ['青山村自来水停水', '青山村自来水停水，村民生活用水困难，请尽快恢复供水。'],
      ['青山村自来水停水好几天了', '青山村自来水从周一开始停水，到现在还没恢复供水，老人孩子没水喝。'],
      ['青山村停水问题没解决', '青山村自来水停水已经三天，村民只能去河边挑水，希望尽快恢复供水。'],
      ['青山村自来水停水三天', '青山村自来水停水，村里没有通知，生活用水很不方便。'],
      ['青山村自来水又停水了', '青山村自来水经常停水，希望供水公司尽快恢复供水。'],
    ];
    const dance = [
      ['镇东社区广场舞噪音扰民', '镇东社区广场每天晚上广场舞音响开得很大，一直跳到十点，影响居民休息。'],
      ['镇东社区广场舞音响太吵', '镇东社区广场舞的音响声音太大，家里孩子没法写作业，请管一管。'],
      ['镇东社区晚上广场舞声音太大', '镇东社区小广场每晚都有广场舞，噪音很大，老人睡不着觉。'],
      ['镇东社区广场舞扰民严重', '镇东社区广场舞从七点跳到十点，音响震耳，多次反映没有改善。'],
    ];
    await insertMatters(t.database.db, [
      ...water.map(([title, description], i) => ({ title, description, intakeUnitId: county, unitId: units['青山镇'], status: 'dispatched', phone: `1380000100${i}`, createdAt: day([20, 12, 6, 3, 1][i]) })),
      ...dance.map(([title, description], i) => ({ title, description, intakeUnitId: county, unitId: units['河口乡'], status: 'in_progress', phone: `1380000200${i}`, createdAt: day(15 - i) })),
    ]);
    // A matter 青山镇 is working on, to reply to.
    const operator = await login(t.app, 'operator');
    replyMatterId = (await operator.post('/api/matters', { kind: 'demand', origin: 'hotline', title: '石桥村路灯不亮', description: '石桥村村口三盏路灯一周未亮，夜间出行不便，请尽快维修。' })).json().id;
    await operator.post(`/api/matters/${replyMatterId}/dispatch`, { unitId: units['青山镇'] });
    await (await login(t.app, 'handler_a')).post(`/api/matters/${replyMatterId}/accept`, {});
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/status of 401/.test(msg.text())) errors.push(msg.text());
    });
    page.on('pageerror', (err) => errors.push(String(err)));
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await page.screenshot({ path: path.join(shotsDir, `text-failed-${ctx.task.name.slice(0, 12)}.png`), fullPage: true }).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a leader sees this month’s hot topics with the models and the acceptance figure', async () => {
    await page.goto(base);
    await page.locator('#username').waitFor();
    await logIn(page, 'leader', 'Test-Pass-2024');
    await openMenu(page, 'menu-hotTopics', /\/hot-topics$/);
    const topics = page.getByTestId('hot-topic');
    await expect.poll(() => topics.count()).toBe(2);
    expect(await page.getByTestId('hot-topic-label').first().innerText()).toContain('停水');
    await expect.poll(() => page.getByTestId('models-card').innerText()).toContain('40');
    expect(await page.getByTestId('acceptance-card').innerText()).toContain('暂无数据');
    await shot('01-hot-topics');
    await logOut(page);
  });

  it('the operator’s intake form suggests a category and unit and shows a likely duplicate with its overlap', async () => {
    await logIn(page, 'operator', 'Test-Pass-2024');
    await openMenu(page, 'menu-intake', /\/intake$/);
    const form = page.getByTestId('intake-form');
    await form.locator('#title').fill('青山村自来水又停了');
    await form.locator('#description').fill('青山村自来水停水，村民生活用水困难，今天还是没有恢复供水。');
    const duplicates = page.getByTestId('duplicate-item');
    await expect.poll(() => duplicates.count()).toBeGreaterThan(0);
    expect(await page.getByTestId('duplicate-text').first().locator('mark').count()).toBeGreaterThan(0);
    await page.getByTestId('intake-suggestions').waitFor();
    await expect.poll(() => page.getByTestId('suggest-category-item').count()).toBeGreaterThan(0);
    await page.getByTestId('suggest-category-item').first().click();
    // The side column is sticky: a tall viewport shows it whole (a full-page shot would cut the fixed header in).
    await page.setViewportSize({ width: 1440, height: 1400 });
    await page.screenshot({ path: path.join(shotsDir, 'text-02-intake-suggestions-duplicates.png'), animations: 'disabled' });
    await page.setViewportSize({ width: 1440, height: 900 });
    await logOut(page);
  });

  it('the handler checks a reply before sending it, and may send it anyway', async () => {
    await logIn(page, 'handler_a', 'Test-Pass-2024');
    await page.goto(`${base}/matters/${replyMatterId}`);
    await page.getByTestId('action-reply').click();
    await page.getByTestId('reply-text').fill('您好，已收到，谢谢。');
    await page.getByTestId('reply-check-button').click();
    const missing = page.getByTestId('reply-check-missing');
    await missing.waitFor();
    expect(await missing.innerText()).toContain('未说明处理措施或结果');
    await page.screenshot({ path: path.join(shotsDir, 'text-03-reply-check.png'), animations: 'disabled' });
    await page.getByTestId('action-submit').click();
    await expect.poll(() => page.getByTestId('actions-panel').innerText()).not.toContain('答复');
    expect(errors).toEqual([]);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { languageShown, skipBrowserTests, startBrowserRun, toastsGone, type BrowserRun } from './browser-helpers.ts';
import { solidPng } from '../../server/modules/citizen/test-files.ts';

// The citizen's phone pages at 390×844 (iPhone 12-14) without an account: report a problem with a
// photo, keep the code and secret, look the matter up; after the office's reply (through the
// staff API), look it up by the phone's last 4 digits and rate it 不满意, which reopens it.
// A lost answer to the first tap is retried with the same Idempotency-Key: one matter, one code.
// Screenshots: test-results/screenshots/citizen-*.png.

/** A logged-in staff client over HTTP (cookie + CSRF token), for the office's side of the story. */
async function staff(base: string, username: string, password: string) {
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!login.ok) throw new Error(`login ${username}: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const call = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(`${base}${url}`, { method, headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  return { get: (url: string) => call('GET', url), post: (url: string, body: unknown = {}) => call('POST', url, body) };
}

/** Scrolls back to the top, so a full-page screenshot shows the sticky title bar where it belongs. */
const toTop = (page: Page) => page.evaluate(() => window.scrollTo(0, 0));

/** A button by its text; antd spaces two-character Chinese labels (提 交). */
const button = (page: Page, text: string) => page.getByRole('button', { name: new RegExp(`^\\s*${[...text].join('\\s*')}\\s*$`) });

describe.skipIf(skipBrowserTests)('citizen phone pages in a browser (390×844)', () => {
  let run: BrowserRun | undefined;
  let photoPath: string;

  beforeAll(async () => {
    // The provoked network failure of the first tap is logged by Chromium; so is the refused submission.
    run = await startBrowserRun({ prefix: 'citizen', expectedConsoleErrors: [/net::ERR_CONNECTION_RESET/, /net::ERR_FAILED/] });
    await run.page.setViewportSize({ width: 390, height: 844 });
    photoPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jiceng-citizen-')), '路灯.png');
    fs.writeFileSync(photoPath, solidPng(240, [230, 170, 40]));
  });

  afterAll(async () => {
    await run?.close();
  });

  it('submits with a photo, shows code and secret, looks it up, and rates the reply', async () => {
    const { page, step, base } = run!;
    let code = '';
    let secret = '';

    await step('01-submit-form', async () => {
      await page.goto(`${base}/m`);
      await page.waitForURL(/\/m\/submit$/);
      await page.getByTestId('citizen-submit').waitFor();
      expect(await page.title()).toBe('群众诉求');
      // No login form anywhere: the page works without an account.
      expect(await page.locator('#username').count()).toBe(0);
      // Nothing wider than the phone: no sideways scrolling.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    });

    await step('02-privacy-required', async () => {
      await page.getByTestId('citizen-description').fill('青山村村口的三盏路灯坏了一个多星期，晚上路过很黑，老人孩子出行不方便，请尽快修理。');
      await button(page, '提交').click();
      await page.getByText('请阅读并勾选同意《个人信息保护说明》').waitFor();
      await toTop(page);
    });

    await step('03-filled-with-photo', async () => {
      await page.getByTestId('citizen-category').click();
      await page.locator('.ant-cascader-menu-item', { hasText: '城乡建设' }).click();
      await page.getByTestId('citizen-address').fill('青山镇青山村村口，小卖部旁');
      await page.locator('input[type=file]').setInputFiles(photoPath);
      await expect.poll(() => page.locator('.ant-upload-list-item').count()).toBe(1);
      // The preview is drawn from the file itself.
      await expect.poll(() => page.locator('.ant-upload-list-item img').count()).toBe(1);
      await page.getByTestId('citizen-name').fill('李女士');
      await page.getByTestId('citizen-phone').fill('13912345678');
      await page.getByTestId('citizen-privacy-link').click();
      await page.getByRole('dialog').getByText('加密保存').waitFor();
      await page.getByRole('dialog').getByRole('button', { name: '我知道了' }).click();
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
      await page.getByTestId('citizen-privacy').click();
      await toTop(page);
    });

    let firstAnswer: { code: string; secret: string } | null = null;
    await step('04-lost-answer', async () => {
      // The first tap reaches the server, but its answer is lost on the way back (a tunnel, a lift).
      // Chromium's Fetch domain fails the request at the response stage, after the server answered;
      // the request itself (photo included) goes out untouched.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*/api/public/matters', requestStage: 'Response' }] });
      const lost = new Promise<void>((resolve) => {
        cdp.once('Fetch.requestPaused', (e) => {
          void (async () => {
            const body = await cdp.send('Fetch.getResponseBody', { requestId: e.requestId });
            firstAnswer = JSON.parse(body.base64Encoded ? Buffer.from(body.body, 'base64').toString('utf8') : body.body);
            await cdp.send('Fetch.failRequest', { requestId: e.requestId, errorReason: 'ConnectionReset' });
            resolve();
          })();
        });
      });
      await page.getByTestId('citizen-send').click();
      await lost;
      await cdp.send('Fetch.disable');
      await cdp.detach();
      await page.getByTestId('citizen-error').waitFor();
      expect(await page.getByTestId('citizen-error').innerText()).toContain('无法连接服务器');
      expect(firstAnswer).toMatchObject({ code: expect.stringMatching(/^JC/) });
      await toTop(page);
    });

    await step('05-result', async () => {
      // Tapping again sends the same Idempotency-Key: the answer is the first one, not a second matter.
      await page.getByTestId('citizen-send').click();
      await page.waitForURL(/\/m\/result$/);
      code = await page.getByTestId('citizen-code').innerText();
      secret = (await page.getByTestId('citizen-secret').innerText()).replace('-', '');
      expect(code).toMatch(/^JC\d{8}-\d{6}$/);
      expect(secret).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
      expect({ code, secret }).toEqual(firstAnswer);
      await page.getByText('查询密码只显示这一次').waitFor();
      await toTop(page);
    });

    await step('06-lookup-by-secret', async () => {
      await page.getByTestId('citizen-go-lookup').click();
      await page.waitForURL(/\/m\/lookup$/);
      expect(await page.getByTestId('citizen-lookup-code').inputValue()).toBe(code);
      await page.getByTestId('citizen-lookup-secret').fill(`${secret.slice(0, 4)}-${secret.slice(4)}`.toLowerCase());
      await page.getByTestId('citizen-lookup-send').click();
      await page.getByTestId('citizen-view').waitFor();
      expect(await page.getByTestId('citizen-status').innerText()).toBe('已受理');
      // The photo is fetched with the same credentials and shown.
      await expect.poll(() => page.locator('[data-testid="citizen-view-photos"] img').count()).toBe(1);
      await expect.poll(() => page.locator('[data-testid="citizen-view-photos"] img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(240);
      expect(await page.getByTestId('citizen-timeline').innerText()).toContain('提交诉求');
      await toTop(page);
    });

    // One matter only, despite two taps.
    const operator = await staff(base, 'operator', run!.demoPassword);
    const inbox = (await operator.get('/api/matters?limit=200')) as { items: { id: string; code: string }[] };
    expect(inbox.items.filter((m) => m.code === code)).toHaveLength(1);
    expect(inbox.items).toHaveLength(1);

    // The office: dispatch to 青山镇, accept and reply.
    const id = inbox.items[0].id;
    const townA = ((await operator.get('/api/units/tree')) as { items: { id: string; name: string }[] }).items.find((u) => u.name === '青山镇')!.id;
    await operator.post(`/api/matters/${id}/dispatch`, { unitId: townA });
    const handler = await staff(base, 'handler_a', run!.demoPassword);
    await handler.post(`/api/matters/${id}/accept`);
    await handler.post(`/api/matters/${id}/reply`, { text: '已安排电工更换村口路灯，现已恢复照明。感谢您的反映！' });

    await step('07-lookup-by-phone-replied', async () => {
      await button(page, '查询其他诉求').click();
      await page.getByTestId('citizen-lookup-code').fill(code);
      await page.getByTestId('citizen-by-phone').click();
      await page.getByTestId('citizen-lookup-phone').fill('5678');
      await page.getByTestId('citizen-lookup-send').click();
      await page.getByTestId('citizen-view').waitFor();
      expect(await page.getByTestId('citizen-status').innerText()).toBe('已答复，请评价');
      expect(await page.getByTestId('citizen-reply').innerText()).toContain('已安排电工更换村口路灯');
      expect(await page.getByTestId('citizen-view').innerText()).toContain('青山镇');
      await page.getByTestId('citizen-rate').waitFor();
      await toTop(page);
    });

    await step('08-rate-unsatisfied', async () => {
      await page.getByTestId('citizen-solved').getByText('没解决').click();
      await page.getByTestId('citizen-rating').getByText('不满意', { exact: true }).click();
      await page.getByTestId('citizen-comment').fill('只修好了一盏，另外两盏还是不亮。');
      await page.getByTestId('citizen-rate').scrollIntoViewIfNeeded();
      await toTop(page);
    });

    await step('09-reopened', async () => {
      await page.getByTestId('citizen-rate-send').click();
      await page.getByTestId('citizen-your-rating').waitFor();
      expect(await page.getByTestId('citizen-status').innerText()).toBe('正在办理');
      expect(await page.getByTestId('citizen-your-rating').innerText()).toContain('不满意');
      expect(await page.getByTestId('citizen-rate').count()).toBe(0);
      expect(await page.getByTestId('citizen-timeline').innerText()).toContain('评价不满意，重新办理');
      await toTop(page);
    });
    const after = (await handler.get(`/api/matters/${id}`)) as { status: string; rating: string; reopenCount: number };
    expect(after).toMatchObject({ status: 'in_progress', rating: 'unsatisfied', reopenCount: 1 });

    await step('10-english', async () => {
      await toastsGone(page);
      await page.getByTestId('tab-submit').click();
      await page.waitForURL(/\/m\/submit$/);
      await page.getByTestId('lang-en').click();
      await languageShown(page, 'English');
      await page.getByText('What is the problem?').waitFor();
      await toTop(page);
      expect(await page.title()).toBe('Tell us');
    });
    await page.getByTestId('lang-zh').click();
    await languageShown(page, '中文');

    expect(run!.consoleErrors).toEqual([]);
  });
});

import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { shotsDir, skipBrowserTests, startBrowserRun, toastsGone, type BrowserRun, openMenu } from './browser-helpers.ts';
import { button, openDialog, inboxCodes, logInTo, logOutOf, openQueue, pickUnit, runAction, statusIs, timelineActions, topStep } from './matters-browser-helpers.ts';

// THE closed loop of issue 3, end to end in Chinese against a real server, with a screenshot of
// each step (test-results/screenshots/loop-*.png):
//   a citizen submits a demand on a phone-sized page (390×844, /m/submit) and gets a code and a
//   lookup secret → the hotline operator dispatches it from the intake queue to 青山镇 → 青山镇's
//   handler accepts, adds a measure and replies → the citizen looks it up (/m/lookup) and rates
//   不满意 → the matter reopens (返工) and is back in the handler's inbox → the handler answers
//   again → the citizen rates 满意 → the matter is closed.

const description = '青山镇青山村二组到镇上的水泥路有一段塌陷了，下雨天积水很深，电动车和三轮车经过很危险，希望尽快修补。';
const firstReply = '您好，您反映的青山村二组道路塌陷问题，镇村建办已安排施工队进场，先行设置警示标志并回填塌陷路段。';
const secondReply = '您好，塌陷路段已于今日完成混凝土浇筑修复，并加设了排水沟，雨天不再积水。感谢您的监督与耐心。';

describe.skipIf(skipBrowserTests)('the closed loop: citizen → operator → handler → citizen, with rework', () => {
  let run: BrowserRun | undefined;
  let phone: Page;
  let phoneContext: BrowserContext | undefined;
  const phoneErrors: string[] = [];
  let code = '';
  let secret = '';
  let matterUrl = '';

  /** A step on the citizen's phone: runs it, then saves loop-<name>.png of the phone page. */
  const phoneStep = async (name: string, fn: () => Promise<void>) => {
    const shot = (n: string) => path.join(shotsDir, `loop-${n}.png`);
    try {
      await fn();
      // The title bar is sticky: a full-page shot of a scrolled page would paint it mid-page.
      await phone.evaluate(() => window.scrollTo(0, 0));
      await phone.screenshot({ path: shot(name), fullPage: true, animations: 'disabled' });
    } catch (err) {
      await phone.screenshot({ path: shot(`${name}-failed`), fullPage: true }).catch(() => undefined);
      throw err;
    }
  };

  /** Opens the lookup page on the phone and looks the matter up with its code and secret. */
  const lookUp = async () => {
    await phone.goto(`${run!.base}/m/lookup`);
    await phone.getByTestId('citizen-lookup-code').fill(code);
    await phone.getByTestId('citizen-lookup-secret').fill(secret);
    await phone.getByTestId('citizen-lookup-send').click();
    await phone.getByTestId('citizen-view').waitFor();
  };

  /** Rates the reply on the phone and waits until the page shows the rating. */
  const rate = async (solved: '解决了' | '没解决', rating: '满意' | '不满意', comment: string) => {
    const form = phone.getByTestId('citizen-rate');
    await form.getByTestId('citizen-solved').getByText(solved, { exact: true }).click();
    await form.getByTestId('citizen-rating').getByText(rating, { exact: true }).click();
    await form.getByTestId('citizen-comment').fill(comment);
    await form.getByTestId('citizen-rate-send').click();
    await phone.getByTestId('citizen-your-rating').waitFor();
  };

  beforeAll(async () => {
    run = await startBrowserRun({ prefix: 'loop' });
    const browser = run.page.context().browser()!;
    phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    phone = await phoneContext.newPage();
    phone.setDefaultTimeout(15_000);
    phone.on('console', (msg) => {
      if (msg.type() === 'error') phoneErrors.push(msg.text());
    });
    phone.on('pageerror', (err) => phoneErrors.push(String(err)));
  });

  afterAll(async () => {
    await phoneContext?.close();
    await run?.close();
  });

  it('a citizen submits on the phone page and gets a code and a lookup secret', async () => {
    await phoneStep('01-citizen-submit', async () => {
      await phone.goto(`${run!.base}/m/submit`);
      await phone.getByTestId('citizen-submit').waitFor();
      await phone.getByTestId('citizen-description').fill(description);
      await phone.getByTestId('citizen-address').fill('青山镇青山村二组村道');
      await phone.getByTestId('citizen-name').fill('刘秀英');
      await phone.getByTestId('citizen-phone').fill('13900002222');
      await phone.getByTestId('citizen-privacy').click();
    });

    await phoneStep('02-citizen-code', async () => {
      await phone.getByTestId('citizen-send').click();
      await phone.getByTestId('citizen-result').waitFor();
      code = (await phone.getByTestId('citizen-code').innerText()).trim();
      secret = (await phone.getByTestId('citizen-secret').innerText()).trim();
      expect(code).toMatch(/^JC\d{8}-\d{6}$/);
      expect(secret.replace(/-/g, '')).toMatch(/^[0-9A-Z]{8}$/);
    });
  });

  it('the operator finds it in the intake queue and dispatches it to 青山镇', async () => {
    const { page, base } = run!;
    const step = topStep(run!);

    await step('03-intake-queue', async () => {
      await page.goto(base);
      await page.locator('#username').waitFor();
      await logInTo(page, 'operator', run!.demoPassword, 'matters', /\/matters/);
      await openQueue(page, 'intake');
      await expect.poll(() => inboxCodes(page)).toContain(code);
    });

    await step('04-dispatched', async () => {
      await page.getByTestId('inbox-code').filter({ hasText: code }).click();
      await page.waitForURL(/\/matters\/[0-9a-f-]{36}$/);
      matterUrl = page.url();
      await statusIs(page, 'received');
      expect(await page.getByTestId('matter-description').innerText()).toBe(description);
      await runAction(page, 'dispatch', async (d) => {
        await pickUnit(page, d.getByTestId('dispatch-unit'), '青山镇');
      });
      await statusIs(page, 'dispatched');
      expect(await page.getByTestId('matter-unit').innerText()).toBe('青山镇');
    });
  });

  it('the 青山镇 handler accepts, adds a measure and replies', async () => {
    const { page } = run!;
    const step = topStep(run!);

    await step('05-handler-accepts', async () => {
      await toastsGone(page);
      await logOutOf(page);
      await logInTo(page, 'handler_a', run!.demoPassword, 'matters', /\/matters/);
      await openQueue(page, 'to_accept');
      await expect.poll(() => inboxCodes(page)).toContain(code);
      await page.getByTestId('inbox-code').filter({ hasText: code }).click();
      await page.waitForURL(matterUrl);
      await runAction(page, 'accept');
      await statusIs(page, 'in_progress');
    });

    await step('06-measure', async () => {
      await page.getByTestId('measure-add').click();
      const d = await openDialog(page);
      await d.getByLabel('措施内容').fill('设置警示标志，回填塌陷路段并浇筑混凝土');
      await d.getByLabel('责任人').fill('镇村建办 张强');
      await d.getByLabel('进度').fill('40');
      await button(d, '确定').click();
      await d.waitFor({ state: 'hidden' });
      await page.getByTestId('measure').first().waitFor();
    });

    await step('07-replied', async () => {
      await runAction(page, 'reply', async (d) => {
        await d.getByTestId('reply-text').fill(firstReply);
      });
      await statusIs(page, 'replied');
      expect(await page.getByTestId('matter-reply').innerText()).toBe(firstReply);
    });
  });

  it('the citizen looks it up, sees the reply and rates 不满意: the matter reopens', async () => {
    await phoneStep('08-citizen-sees-reply', async () => {
      await lookUp();
      expect(await phone.getByTestId('citizen-reply').innerText()).toContain(firstReply);
      // The citizen's view names no handler and shows no internal note.
      expect(await phone.getByTestId('citizen-view').innerText()).not.toContain('青山镇承办人');
    });

    await phoneStep('09-citizen-unsatisfied', async () => {
      await rate('没解决', '不满意', '只是插了几个警示牌，路还是坑坑洼洼的，没有真正修好。');
      expect(await phone.getByTestId('citizen-your-rating').innerText()).toContain('不满意');
    });
  });

  it('返工: the matter is back in the handler’s inbox, reworked, and is answered again', async () => {
    const { page } = run!;
    const step = topStep(run!);

    await step('10-reopened-in-inbox', async () => {
      await openMenu(page, 'menu-matters', /\/matters(\?|$)/);
      await openQueue(page, 'in_progress');
      await expect.poll(() => inboxCodes(page)).toContain(code);
      const row = page.locator('.table-card .ant-table-row', { hasText: code });
      await row.locator('[data-flag="reopened"]').waitFor();
      expect(await row.innerText()).toContain('办理中');
    });

    await step('11-answered-again', async () => {
      await page.getByTestId('inbox-code').filter({ hasText: code }).click();
      await page.waitForURL(matterUrl);
      await statusIs(page, 'in_progress');
      expect(await page.getByTestId('matter-rating').innerText()).toContain('不满意');
      await runAction(page, 'reply', async (d) => {
        await d.getByTestId('reply-text').fill(secondReply);
      });
      await statusIs(page, 'replied');
      expect(await page.getByTestId('matter-reply').innerText()).toBe(secondReply);
    });
  });

  it('the citizen rates 满意 and the matter is closed', async () => {
    const { page } = run!;
    const step = topStep(run!);

    await phoneStep('12-citizen-satisfied', async () => {
      await lookUp();
      expect(await phone.getByTestId('citizen-reply').innerText()).toContain(secondReply);
      await rate('解决了', '满意', '路修好了，还挖了排水沟，谢谢！');
      expect(await phone.getByTestId('citizen-your-rating').innerText()).toContain('满意');
      expect(await phone.getByTestId('citizen-status').innerText()).toBe('已办结');
    });

    await step('13-closed', async () => {
      await page.reload();
      await statusIs(page, 'closed');
      expect(await page.getByTestId('matter-rating').innerText()).toContain('满意');
      expect(await timelineActions(page)).toEqual(['create', 'dispatch', 'accept', 'add_measure', 'reply', 'rate_unsatisfied', 'reply', 'rate_satisfied']);
      // Closing scheduled the later check (回头看).
      expect(await page.getByTestId('matter-review-due').innerText()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });

    expect(run!.consoleErrors).toEqual([]);
    expect(phoneErrors).toEqual([]);
  });
});

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { logIn, openDropdown, skipBrowserTests, startBrowserRun, toastsGone, type BrowserRun } from './browser-helpers.ts';
import { button, dialog, openDialog, inboxCodes, logInTo, logOutOf, openQueue, topStep, pickUnit, runAction, statusIs, timelineActions, toast } from './matters-browser-helpers.ts';

// The staff side of the closed loop in Chinese against a real server: the hotline operator takes
// a call in and dispatches it to 青山镇; 青山镇's handler finds it in 待签收, accepts, adds a
// measure, a photo and an extension request and replies; the county leader approves the extension
// and owns the matter (领导包案); the operator sees a repeat call from the same phone and records it as a
// 催办 on that matter; 河口乡's handler cannot open it. Screenshots: test-results/screenshots/matters-*.png.

const phone = '13812345678';
// A 1×1 PNG: enough for the server's check by content.
const onePixelPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
/** A new resolution deadline well after the one dispatch sets (15 working days). */
const extendTo = new Date(Date.now() + 60 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
const title = '青山村三组路灯损坏';

describe.skipIf(skipBrowserTests)('web client: matters from intake to reply in a browser', () => {
  let run: BrowserRun | undefined;
  let matterUrl = '';
  let code = '';

  beforeAll(async () => {
    // handler_b's look at another township's matter is refused with 404 on purpose.
    run = await startBrowserRun({ prefix: 'matters', expectedConsoleErrors: [/status of 404/] });
  });

  afterAll(async () => {
    await run?.close();
  });

  it('受理 and 派单: the operator takes a call in and dispatches it to 青山镇', async () => {
    const { page, base } = run!;
    const step = topStep(run!);

    await step('01-intake-form', async () => {
      await page.goto(base);
      await page.locator('#username').waitFor();
      await logInTo(page, 'operator', run!.demoPassword, 'intake', /\/intake$/);
      const form = page.getByTestId('intake-form');
      await form.getByLabel('标题').fill(title);
      await form.getByLabel('内容描述').fill('群众来电反映：青山村三组村口的路灯已经坏了一个多星期，晚上出行不便，希望尽快维修。');
      await form.getByLabel('事发地点').fill('青山镇青山村三组村口');
      await form.getByLabel('姓名').fill('王建国');
      await form.getByLabel('联系电话').fill(phone);
      await form.getByLabel('身份证号').fill('110101199003074514');
      // A first call from this number: nothing open yet.
      await page.getByTestId('caller-matters').getByText('该号码暂无未办结事项').waitFor();
    });

    await step('02-matter-created', async () => {
      await page.getByTestId('intake-submit').click();
      await page.waitForURL(/\/matters\/[0-9a-f-]{36}$/);
      matterUrl = page.url();
      await statusIs(page, 'received');
      code = await page.getByTestId('matter-code').innerText();
      expect(code).toMatch(/^JC\d{8}-\d{6}$/);
      expect(await page.getByTestId('matter-title').innerText()).toBe(title);
      // The petitioner is masked on screen.
      expect(await page.getByTestId('petitioner-phone').innerText()).toBe('138****5678');
      expect(await page.getByTestId('petitioner-name').innerText()).toMatch(/^王\*+$/);
      expect(await timelineActions(page)).toEqual(['create']);
    });

    await step('03-reveal-phone', async () => {
      await page.getByTestId('reveal-phone').click();
      const d = await openDialog(page);
      await d.getByText('查看诉求人个人信息将记入审计日志').waitFor();
      await button(d, '确定').click();
      await expect.poll(() => page.getByTestId('petitioner-phone-full').innerText()).toContain(phone);
    });

    await step('04-dispatch-dialog', async () => {
      await page.getByTestId('action-dispatch').click();
      const d = await openDialog(page);
      await pickUnit(page, d.getByTestId('dispatch-unit'), '青山镇');
    });

    await step('05-dispatched', async () => {
      await page.getByTestId('action-submit').click();
      await dialog(page).waitFor({ state: 'hidden' });
      await toast(page, '已完成：派单');
      await statusIs(page, 'dispatched');
      expect(await page.getByTestId('matter-unit').innerText()).toBe('青山镇');
      // The operator can no longer dispatch it; what is left is the operator's only.
      expect(await page.getByTestId('action-dispatch').count()).toBe(0);
      expect(await page.getByTestId('action-accept').count()).toBe(0);
    });
  });

  it('签收, 措施, 答复: 青山镇 handler finds it in 待签收, accepts, adds a measure and replies', async () => {
    const { page } = run!;
    const step = topStep(run!);

    await step('06-handler-inbox', async () => {
      await toastsGone(page);
      await logOutOf(page);
      await logInTo(page, 'handler_a', run!.demoPassword, 'matters', /\/matters/);
      await openQueue(page, 'to_accept');
      await expect.poll(() => inboxCodes(page)).toContain(code);
      // An inbox row carries no personal data.
      const row = page.locator('.table-card .ant-table-row', { hasText: code });
      expect(await row.innerText()).not.toContain('138');
      expect(await row.innerText()).toContain('待签收');
    });

    await step('07-accepted', async () => {
      await page.getByTestId('inbox-code').filter({ hasText: code }).click();
      await page.waitForURL(matterUrl);
      await runAction(page, 'accept');
      await statusIs(page, 'in_progress');
    });

    await step('08-measure-added', async () => {
      await page.getByTestId('measure-add').click();
      const d = await openDialog(page);
      await d.getByLabel('措施内容').fill('联系镇供电所更换村口路灯灯泡和线路');
      await d.getByLabel('责任人').fill('李明');
      await d.getByLabel('进度').fill('50');
      await button(d, '确定').click();
      await d.waitFor({ state: 'hidden' });
      const measure = page.getByTestId('measure');
      await measure.first().waitFor();
      expect(await measure.first().innerText()).toContain('联系镇供电所更换村口路灯灯泡和线路');
      await page.getByTestId('measures-card').getByText('总体进度 50%').waitFor();
    });

    await step('09-note-added', async () => {
      await page.getByTestId('note-input').fill('已与供电所王所长电话联系，明天上午到场。');
      await page.getByTestId('note-add').click();
      await page.getByTestId('note').first().waitFor();
      expect(await page.getByTestId('notes-card').innerText()).toContain('内部');
    });

    await step('10-attachment', async () => {
      await page.getByTestId('attachments-card').locator('input[type=file]').setInputFiles({ name: '路灯现场.png', mimeType: 'image/png', buffer: onePixelPng });
      await toast(page, '已上传 路灯现场.png');
      const link = page.getByTestId('attachment').getByRole('link', { name: '路灯现场.png' });
      await link.waitFor();
      // The link downloads the stored file through the API.
      const res = await page.request.get(new URL((await link.getAttribute('href'))!, page.url()).toString());
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toBe('image/png');
    });

    await step('10b-extension-requested', async () => {
      await toastsGone(page);
      await page.getByTestId('extension-request').click();
      const d = await openDialog(page);
      await d.getByLabel('申请延期至').fill(extendTo);
      await d.getByLabel('申请延期至').press('Enter');
      await d.getByLabel('延期理由').fill('灯杆需整体更换，供电所备件到货需要时间');
      await button(d, '确定').click();
      await d.waitFor({ state: 'hidden' });
      await expect.poll(() => page.getByTestId('extension').first().innerText()).toContain('待审批');
    });

    await step('10c-replied', async () => {
      await runAction(page, 'reply', async (d) => {
        await d.getByTestId('reply-text').fill('您好，您反映的青山村三组村口路灯损坏问题，镇供电所已于今日更换灯泡和线路，路灯已恢复照明。感谢您的监督。');
      });
      await statusIs(page, 'replied');
      expect(await page.getByTestId('matter-reply').innerText()).toContain('路灯已恢复照明');
      expect(await timelineActions(page)).toEqual(['create', 'dispatch', 'accept', 'add_measure', 'add_note', 'attach', 'request_extension', 'reply']);
    });
  });

  it('领导: the county leader approves the extension and takes the matter as its owning leader', async () => {
    const { page } = run!;
    const step = topStep(run!);

    await step('11-extension-approved', async () => {
      await toastsGone(page);
      await logOutOf(page);
      await logIn(page, 'leader', run!.demoPassword);
      await page.waitForURL(/\/org\/[0-9a-f-]{36}$/);
      await page.goto(matterUrl);
      await statusIs(page, 'replied');
      await page.getByTestId('extension-approve').click();
      const d = await openDialog(page);
      await d.getByLabel('审批意见（选填）').fill('同意延期');
      await button(d, '确定').click();
      await d.waitFor({ state: 'hidden' });
      await expect.poll(() => page.getByTestId('extension').first().innerText()).toContain('已批准');
      expect(await page.getByTestId('matter-page').innerText()).toContain(extendTo);
    });

    await step('12-owning-leader', async () => {
      await runAction(page, 'assign_leader', async (d) => {
        await d.getByTestId('leader-select').click();
        await openDropdown(page).locator('.ant-select-item-option', { hasText: '县委副书记' }).click();
      });
      await expect.poll(() => page.locator('.matter-facts').innerText()).toContain('县委副书记');
      await page.getByTestId('menu-matters').click();
      await openQueue(page, 'mine_leader');
      await expect.poll(() => inboxCodes(page)).toContain(code);
    });
  });

  it('催办: a repeat call from the same phone is recorded on the open matter instead of a new one', async () => {
    const { page } = run!;
    const step = topStep(run!);

    await step('13-same-caller', async () => {
      await toastsGone(page);
      await logOutOf(page);
      await logInTo(page, 'operator', run!.demoPassword, 'intake', /\/intake$/);
      await page.getByTestId('intake-form').getByLabel('联系电话').fill(phone);
      const panel = page.getByTestId('caller-matters');
      await panel.getByText('该来电人还有 1 件未办结事项').waitFor();
      expect(await panel.getByTestId('caller-matter').innerText()).toContain(code);
    });

    await step('14-contact-recorded', async () => {
      await page.getByTestId('caller-chase').click();
      const d = await openDialog(page);
      await d.getByTestId('contact-note').fill('群众再次来电，询问路灯维修进展');
      await button(d, '确定').click();
      await page.waitForURL(matterUrl);
      await toast(page, '已记入原事项的催办记录');
      await page.locator('[data-flag="contacts"]').first().waitFor();
      await expect.poll(async () => (await timelineActions(page)).at(-1)).toBe('add_contact');
    });
  });

  it('scope: 河口乡 handler gets the not-found page for 青山镇 matter', async () => {
    const { page } = run!;
    const step = topStep(run!);

    await step('15-other-township-404', async () => {
      await toastsGone(page);
      await logOutOf(page);
      await logIn(page, 'handler_b', run!.demoPassword);
      await page.waitForURL(/\/org\/[0-9a-f-]{36}$/);
      await page.goto(matterUrl);
      await page.getByTestId('matter-not-found').waitFor();
      expect(await page.getByTestId('matter-not-found').innerText()).toContain('事项不存在或不在您的管辖范围内');
      await page.getByTestId('menu-matters').click();
      await openQueue(page, 'all');
      expect(await inboxCodes(page)).not.toContain(code);
    });

    expect(run!.consoleErrors).toEqual([]);
  });
});

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { skipBrowserTests, startBrowserRun, toastsGone, type BrowserRun } from './browser-helpers.ts';
import { apiPost, inboxCodes, logInTo, logOutOf, openQueue, pickUnit, runAction, statusIs, toast, topStep, type Created } from './matters-browser-helpers.ts';

// The less common actions of the matter page in Chinese against a real server: 合并 (a duplicate
// follows the main matter), 退单 (back to the intake queue, counted), 上报 by the township and 认领
// by the county, whose unit then owns the matter. The matters are taken in through the API to keep
// the file short; every action is done on screen. Screenshots: actions-*.png.

const take = (title: string) => ({ kind: 'demand', origin: 'hotline', urgency: 'normal', title, description: `${title}，群众来电请求尽快处理。`, petitioner: { phone: '13700001111' } });

describe.skipIf(skipBrowserTests)('web client: merge, return, escalate and claim on the matter page', () => {
  let run: BrowserRun | undefined;
  let main: Created;
  let duplicate: Created;

  beforeAll(async () => {
    run = await startBrowserRun({ prefix: 'actions' });
  });

  afterAll(async () => {
    await run?.close();
  });

  it('合并: a repeat report is merged into the main matter by its code', async () => {
    const { page, base } = run!;
    const step = topStep(run!);

    await step('01-merged', async () => {
      await page.goto(base);
      await page.locator('#username').waitFor();
      await logInTo(page, 'operator', run!.demoPassword, 'matters', /\/matters/);
      main = await apiPost<Created>(page, '/matters', take('石桥村小学门口减速带损坏'));
      duplicate = await apiPost<Created>(page, '/matters', take('石桥小学门前减速带坏了'));
      await page.goto(`${base}/matters/${duplicate.id}`);
      await statusIs(page, 'received');
      await runAction(page, 'merge', async (d) => {
        await d.getByTestId('merge-code').fill(main.code);
      });
      await statusIs(page, 'merged');
      await page.getByText(`本事项已合并至 ${main.code}`).waitFor();
      // A merged matter is final: nothing is left to do on it.
      expect(await page.getByTestId('actions-panel').innerText()).toContain('您当前没有可执行的操作');
    });

    await step('02-main-lists-duplicate', async () => {
      await page.getByRole('link', { name: '查看主事项' }).click();
      await page.waitForURL(new RegExp(`/matters/${main.id}$`));
      await statusIs(page, 'received');
      await page.getByText('合并到本事项的重复诉求').waitFor();
      expect(await page.getByTestId('matter-page').innerText()).toContain(duplicate.code);
    });
  });

  it('退单: 青山镇 returns the matter with a reason and it is back in the intake queue', async () => {
    const { page, base } = run!;
    const step = topStep(run!);

    await step('03-returned', async () => {
      await runAction(page, 'dispatch', async (d) => {
        await pickUnit(page, d.getByTestId('dispatch-unit'), '青山镇');
      });
      await statusIs(page, 'dispatched');
      await toastsGone(page);
      await logOutOf(page);
      await logInTo(page, 'handler_a', run!.demoPassword, 'matters', /\/matters/);
      await page.goto(`${base}/matters/${main.id}`);
      await runAction(page, 'return', async (d) => {
        await d.getByTestId('return-reason').fill('石桥村小学门口道路属县交通运输部门管养，建议改派县住房和城乡建设局。');
      });
      await toast(page, '已完成：退单');
      // After 退单 the matter has left the township's inbox.
      await page.getByTestId('menu-matters').click();
      await openQueue(page, 'all');
      expect(await inboxCodes(page)).not.toContain(main.code);
    });

    await step('04-intake-queue', async () => {
      await toastsGone(page);
      await logOutOf(page);
      await logInTo(page, 'operator', run!.demoPassword, 'matters', /\/matters/);
      await openQueue(page, 'intake');
      await expect.poll(() => inboxCodes(page)).toContain(main.code);
      const row = page.locator('.table-card .ant-table-row', { hasText: main.code });
      await row.locator('[data-flag="returned"]').waitFor();
      expect(await row.innerText()).toContain('退单 1');
    });
  });

  it('上报 and 认领: the township escalates, the county leader claims it and the county owns it', async () => {
    const { page, base } = run!;
    const step = topStep(run!);

    await step('05-escalated', async () => {
      await page.getByTestId('inbox-code').filter({ hasText: main.code }).click();
      await runAction(page, 'dispatch', async (d) => {
        await pickUnit(page, d.getByTestId('dispatch-unit'), '青山镇');
      });
      await statusIs(page, 'dispatched');
      await toastsGone(page);
      await logOutOf(page);
      await logInTo(page, 'handler_a', run!.demoPassword, 'matters', /\/matters/);
      await page.goto(`${base}/matters/${main.id}`);
      await runAction(page, 'accept');
      await statusIs(page, 'in_progress');
      await runAction(page, 'escalate', async (d) => {
        await d.getByLabel('上报理由').fill('减速带设置需县交警大队审批，乡镇无权处理。');
      });
      await page.locator('[data-flag="escalation"]', { hasText: '待上级认领' }).waitFor();
      await page.getByText('已上报至 示范县').waitFor();
    });

    await step('06-claimed', async () => {
      await toastsGone(page);
      await logOutOf(page);
      await logInTo(page, 'leader', run!.demoPassword, 'matters', /\/matters/);
      await openQueue(page, 'escalations');
      await expect.poll(() => inboxCodes(page)).toContain(main.code);
      await page.getByTestId('inbox-code').filter({ hasText: main.code }).click();
      await runAction(page, 'claim', async (d) => {
        await d.getByLabel('认领说明（选填）').fill('由县里协调交警大队办理');
      });
      await page.locator('[data-flag="escalation"]', { hasText: '上级已认领' }).waitFor();
      await expect.poll(() => page.getByTestId('matter-unit').innerText()).toBe('示范县');
    });

    expect(run!.consoleErrors).toEqual([]);
  });
});

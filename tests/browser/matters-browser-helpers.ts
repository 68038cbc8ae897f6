import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { logIn, openDropdown, type BrowserRun } from './browser-helpers.ts';

// Steps shared by the closed-loop browser tests (matters*.browser.test.ts, closed-loop.browser.test.ts).

export { openDropdown };

/**
 * A button by its text. antd puts a space between the two characters of a two-character Chinese
 * label (派 单), so the accessible name is matched with optional spaces; an icon's label may precede it.
 */
export const button = (scope: Page | Locator, text: string) => scope.getByRole('button', { name: new RegExp(`(^|\\s)${[...text].join('\\s*')}$`) });

/** Opens a TreeSelect (units, categories), searches for `name` and clicks that node. */
export async function pickUnit(page: Page, select: Locator, name: string): Promise<void> {
  await select.click();
  await page.keyboard.type(name);
  await openDropdown(page).locator(`.ant-select-tree-node-content-wrapper[title="${name}"]`).click();
  await openDropdown(page).waitFor({ state: 'hidden' });
}

/** Waits until a toast saying `text` is shown. */
export async function toast(page: Page, text: string): Promise<void> {
  await page.locator('.ant-message-notice', { hasText: text }).first().waitFor();
}

/** The dialog that is open now. */
export const dialog = (page: Page) => page.locator('.ant-modal-wrap:visible .ant-modal');

/**
 * Waits for the dialog to open and its zoom-in to finish, and returns it. A click that lands while
 * antd's motion still runs can be lost, which leaves the dialog open with nothing sent.
 */
export async function openDialog(page: Page): Promise<Locator> {
  const d = dialog(page);
  await d.waitFor();
  await d.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
  return d;
}

/** Waits for the matter page of `code` and returns its status as shown (the status tag's code). */
export async function matterStatus(page: Page): Promise<string | null> {
  return page.getByTestId('matter-page').getAttribute('data-status');
}

/** Waits until the open matter page shows `status`. */
export async function statusIs(page: Page, status: string): Promise<void> {
  await expect.poll(() => matterStatus(page), { timeout: 10_000 }).toBe(status);
}

/** Opens the action dialog `ability` from the actions panel, fills it with `fill`, submits, and waits for the success toast. */
export async function runAction(page: Page, ability: string, fill: (d: Locator) => Promise<void> = async () => undefined): Promise<void> {
  await page.getByTestId(`action-${ability}`).click();
  const d = await openDialog(page);
  await fill(d);
  await page.getByTestId('action-submit').click();
  await d.waitFor({ state: 'hidden' });
}

/** The inbox rows' codes, top to bottom. */
export async function inboxCodes(page: Page): Promise<string[]> {
  return page.getByTestId('inbox-code').allInnerTexts();
}

/** Opens a queue tab of the inbox and waits until its list has loaded. */
export async function openQueue(page: Page, queue: string): Promise<void> {
  await page.getByTestId(`queue-${queue}`).click();
  // The default tab is already open without a `queue=` in the URL: wait for the tab, not the URL.
  await page.locator(`.ant-tabs-tab-active [data-testid="queue-${queue}"]`).waitFor();
  await page.locator('.table-card .ant-spin-spinning').waitFor({ state: 'detached' });
}

/**
 * Logs in and opens a menu entry. The first screen (组织架构) redirects to a unit once loaded; the
 * click waits for that, or the redirect would take the page back from where the menu led.
 */
export async function logInTo(page: Page, username: string, password: string, menu: string, url: RegExp): Promise<void> {
  await logIn(page, username, password);
  await page.waitForURL(/\/org\/[0-9a-f-]{36}$/);
  await page.getByTestId(`menu-${menu}`).click();
  await page.waitForURL(url);
}

/** The actions of the open matter's timeline, oldest first. */
export async function timelineActions(page: Page): Promise<string[]> {
  return page
    .getByTestId('matter-timeline')
    .locator('[data-action]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-action') ?? ''));
}

/**
 * The run's `step`, scrolled back to the top before the screenshot: the title bar is sticky, and a
 * full-page shot of a scrolled page would paint it across the middle.
 */
export function topStep(run: BrowserRun, page: Page = run.page): BrowserRun['step'] {
  return (name, fn) =>
    run.step(name, async () => {
      await fn();
      await page.evaluate(() => window.scrollTo(0, 0));
    });
}

/**
 * Logs out through the user menu and waits for the login page. On a long, scrolled page the
 * dropdown can still be moving when the click lands and the click is lost; the menu is then opened
 * and clicked again (up to three times).
 */
export async function logOutOf(page: Page): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.evaluate(() => window.scrollTo(0, 0));
    if (!(await page.getByTestId('logout').isVisible())) await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    try {
      await page.locator('#username').waitFor({ timeout: 5_000 });
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

/** Writes through the API with the page's session (its cookie and CSRF token). */
export async function apiPost<T>(page: Page, path: string, body: unknown): Promise<T> {
  const session = await page.request.get(new URL('/api/auth/session', page.url()).toString());
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const res = await page.request.post(new URL(`/api${path}`, page.url()).toString(), { data: body, headers: { 'x-csrf-token': csrfToken } });
  if (!res.ok()) throw new Error(`POST ${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A matter taken in through the API: its id and code. */
export interface Created {
  id: string;
  code: string;
}

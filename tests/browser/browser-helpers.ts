import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestServer } from '../../server/test/harness.ts';

// Shared set-up of the browser tests: Debian's chromium driven by playwright-core against a real
// server on a fresh demo database, with a screenshot after every step for human review.

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const CHROMIUM = '/usr/bin/chromium';
export const shotsDir = path.join(root, 'test-results', 'screenshots');
export const hasChromium = fs.existsSync(CHROMIUM);

/**
 * Whether browser tests are skipped. Locally a missing browser is an environment gap; in CI it
 * would hide a broken client, so there the suite runs (and fails in its set-up).
 */
export const skipBrowserTests = !hasChromium && !process.env.CI;
if (skipBrowserTests) console.warn(`[browser test] skipped: ${CHROMIUM} is not installed (install Debian's chromium package to run it).`);

const launchArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Newest modification time of the files under `dir` (recursively), in ms. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the client when dist/web is missing or older than its sources, so the server serves the current client. */
export async function ensureWebBuild(): Promise<void> {
  const index = path.join(root, 'dist', 'web', 'index.html');
  if (fs.existsSync(index)) {
    const built = fs.statSync(index).mtimeMs;
    const sources = Math.max(newestMtime(path.join(root, 'web')), fs.statSync(path.join(root, 'vite.config.ts')).mtimeMs);
    if (sources <= built) return;
  }
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

/** One browser test file's world: server, browser, a page, and its console errors. */
export interface BrowserRun {
  /** Base URL of the server. */
  base: string;
  /** Password of the demo accounts. */
  demoPassword: string;
  page: Page;
  /** Console errors and page errors seen so far, except the expected ones. */
  consoleErrors: string[];
  /** Runs one step and saves `<prefix>-<name>.png` after it (or `<prefix>-<name>-failed.png` of the failure). */
  step(name: string, fn: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export interface BrowserRunOptions {
  /** Screenshot file prefix of this test file; only this prefix's old screenshots are removed. */
  prefix: string;
  /** Console errors that are part of the scenario (e.g. a refused request the test provokes). */
  expectedConsoleErrors?: RegExp[];
}

/**
 * Starts the server on a fresh demo database, builds the client if needed, launches chromium and
 * opens a zh-CN page. Old screenshots of this prefix are removed first: a stale "-failed" one
 * would mislead the reviewer.
 */
export async function startBrowserRun(opts: BrowserRunOptions): Promise<BrowserRun> {
  if (!hasChromium) throw new Error(`${CHROMIUM} is missing; CI must run the browser tests`);
  fs.mkdirSync(shotsDir, { recursive: true });
  for (const f of fs.readdirSync(shotsDir)) if (f.startsWith(`${opts.prefix}-`)) fs.rmSync(path.join(shotsDir, f), { force: true });
  await ensureWebBuild();

  const server = await startTestServer({ seedDemo: true });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: launchArgs });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    // The session probe before login answers 401 by design; Chromium logs that as an error.
    const expected = [/status of 401/, ...(opts.expectedConsoleErrors ?? [])];
    const consoleErrors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !expected.some((re) => re.test(msg.text()))) consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => consoleErrors.push(String(err)));

    const shot = (name: string) => path.join(shotsDir, `${opts.prefix}-${name}.png`);
    const b = browser;
    return {
      base: server.url,
      demoPassword: server.demoPassword,
      page,
      consoleErrors,
      async step(name, fn) {
        try {
          await fn();
          // Transitions are finished before the shot, so a dialog or toast is never half faded in.
          await page.screenshot({ path: shot(name), fullPage: true, animations: 'disabled' });
        } catch (err) {
          await page.screenshot({ path: shot(`${name}-failed`), fullPage: true }).catch(() => undefined);
          throw err;
        }
      },
      async close() {
        await b.close();
        await server.close();
      },
    };
  } catch (err) {
    await browser?.close();
    await server.close();
    throw err;
  }
}

/** Waits until the 中文/English switch shows `label` as chosen and its sliding thumb has settled. */
export async function languageShown(page: Page, label: string): Promise<void> {
  // antd marks an option selected only once the sliding thumb has finished its motion.
  await page.getByTestId('lang-switch').locator('.ant-segmented-item-selected', { hasText: label }).waitFor();
}

/** Fills the login form and submits it; the caller waits for what should follow. */
export async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Logs in from the login page and waits for the application frame. */
export async function logIn(page: Page, username: string, password: string): Promise<void> {
  // A test that failed before logging out leaves its session open: start from the login page anyway.
  if (!(await page.locator('#username').isVisible()) && page.url().startsWith('http')) {
    await page.context().clearCookies();
    await page.goto(new URL('/', page.url()).href);
    await page.locator('#username').waitFor();
  }
  await submitLogin(page, username, password);
  await page.getByTestId('main-menu').waitFor();
  // At "/" the home screen redirects to the account's first screen; a click before that redirect
  // has happened would be overtaken by it on a loaded machine.
  await page.waitForURL((url) => url.pathname !== '/');
}

/**
 * Opens a screen from the main menu and waits for its address. On a loaded machine the menu can
 * re-render between mouse-down and mouse-up (the session or the notifications arriving), which is
 * no click at all; the click is then made again, at most three times in all.
 */
export async function openMenu(page: Page, item: string, url: RegExp): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.getByTestId(item).click();
    try {
      await page.waitForURL(url, { timeout: attempt < 3 ? 5_000 : 20_000 });
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

/**
 * The antd select dropdown that is open now and has stopped sliding in (closed ones stay in the
 * DOM, hidden). A click on an option that still moves can land on it at mouse-down and beside it
 * at mouse-up, which is no click at all; while it slides out it still matches, until hidden.
 */
export const openDropdown = (page: Page) => page.locator('.ant-select-dropdown:visible:not([class*="-enter"]):not([class*="-appear"])');

/** Logs out through the user menu and waits for the login page. */
export async function logOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  // The menu slides in; a click while it still moves can land on the item at mouse-down and
  // beside it at mouse-up, which is no click at all. Wait until the motion classes have gone.
  await page.locator('.ant-dropdown:not([class*="-enter"]):not([class*="-appear"])').getByTestId('logout').waitFor();
  await page.getByTestId('logout').click();
  await page.locator('#username').waitFor();
}

/** Waits until every antd message toast has gone, so the next screenshot shows only the next step's toast. */
export async function toastsGone(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
}

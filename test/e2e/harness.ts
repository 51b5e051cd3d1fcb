/**
 * A small browser test harness: named tests, each in a fresh browser context (empty localStorage,
 * so every test signs in from scratch), with a screenshot helper and a deadline per test.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';

export interface E2eContext {
  page: Page;
  /** Origin of the local cloud that serves the H5 app and the /fn bridge. */
  baseUrl: string;
  /** Saves a full-page PNG into the output folder and returns its path. */
  screenshot(name: string): Promise<string>;
  /** Calls a function through the bridge as the given caller (for cross-checking what a page shows). */
  call<T>(fn: string, action: string, input: Record<string, unknown>, openid: string): Promise<T>;
  /** Fires a function's timer trigger through the local cloud's timer service, "at" a moment (default now). */
  fireTimer(fn: string, trigger: string, at?: number): Promise<{ ok: boolean; result?: unknown; error?: string }>;
  /** Runs `fn` with the named open APIs of the local cloud answering WeChat's "system error" (WeChat down). */
  withApisDown<T>(names: readonly string[], fn: () => Promise<T>): Promise<T>;
}

export interface E2eTest {
  name: string;
  run(ctx: E2eContext): Promise<void>;
}

export interface E2eResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
  screenshots: string[];
}

/** What the H5 sign-in page stores; the H5 transport sends it as x-openid. */
export const DEV_OPENID_KEY = 'siyu.devOpenid';
let opened = 0;

/**
 * Opens `route` of the H5 app acting as `openid`. The identity is written from /healthz, which shares
 * the app's origin (so its localStorage) without starting the app: starting it first would race its
 * launch redirect against the page asked for. A fresh query string makes every open a new document,
 * so a hash-only change never keeps the previous page and its params.
 */
export async function openAs(ctx: Pick<E2eContext, 'page' | 'baseUrl'>, openid: string, route: string): Promise<void> {
  await ctx.page.goto(`${ctx.baseUrl}/healthz`);
  await ctx.page.evaluate(([k, v]) => window.localStorage.setItem(k!, v!), [DEV_OPENID_KEY, openid]);
  opened += 1;
  await ctx.page.goto(`${ctx.baseUrl}/?v=${opened}#${route}`);
}

export const MOBILE = {
  viewport: { width: 375, height: 760 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
} as const;

export async function callBridge<T>(
  baseUrl: string,
  fn: string,
  action: string,
  input: Record<string, unknown>,
  openid: string,
): Promise<T> {
  const res = await fetch(`${baseUrl}/fn/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': openid },
    body: JSON.stringify({ action, ...input }),
  });
  const reply = (await res.json()) as { ok: boolean; data?: T; error?: { code: string; message: string } };
  if (!reply.ok) throw new Error(`${fn}.${action} as ${openid}: ${reply.error?.code} ${reply.error?.message}`);
  return reply.data as T;
}

export async function runTests(
  browser: Browser,
  tests: readonly E2eTest[],
  opts: {
    baseUrl: string;
    outDir: string;
    timeoutMs: number;
    log: (line: string) => void;
    fireTimer: E2eContext['fireTimer'];
    withApisDown: E2eContext['withApisDown'];
  },
): Promise<E2eResult[]> {
  fs.mkdirSync(opts.outDir, { recursive: true });
  const results: E2eResult[] = [];
  for (const test of tests) {
    const context = await browser.newContext({ ...MOBILE, locale: 'zh-CN' });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    // With where it was thrown: a page error that shows up once in many runs must be traceable from one report.
    page.on('pageerror', (err) => pageErrors.push((err.stack ?? err.message).split('\n').slice(0, 4).join('\n')));
    const screenshots: string[] = [];
    const slug = test.name
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase();
    const ctx: E2eContext = {
      page,
      baseUrl: opts.baseUrl,
      screenshot: async (name) => {
        // Once Taro H5's page slide has finished: mid-slide the old and new pages sit side by side
        // and a full-page shot is two phones wide. A failure shot is taken whatever the layout.
        if (name !== 'failure') {
          await page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth + 1, undefined, {
            timeout: 15_000,
          });
          await page.waitForTimeout(350);
        }
        const file = path.join(opts.outDir, `${slug}--${name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        screenshots.push(file);
        return file;
      },
      call: (fn, action, input, openid) => callBridge(opts.baseUrl, fn, action, input, openid),
      fireTimer: opts.fireTimer,
      withApisDown: opts.withApisDown,
    };
    const t0 = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        test.run(ctx),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${opts.timeoutMs} ms`)), opts.timeoutMs);
        }),
      ]);
      if (pageErrors.length > 0) throw new Error(`uncaught error in the page: ${pageErrors.join(' | ')}`);
      results.push({ name: test.name, ok: true, ms: Date.now() - t0, screenshots });
      opts.log(`  ✓ ${test.name} (${Date.now() - t0} ms)`);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await ctx.screenshot('failure').catch(() => undefined);
      results.push({ name: test.name, ok: false, ms: Date.now() - t0, error: message, screenshots });
      opts.log(`  ✗ ${test.name}\n    ${message.split('\n').join('\n    ')}`);
    } finally {
      clearTimeout(timer);
      await context.close();
    }
  }
  return results;
}

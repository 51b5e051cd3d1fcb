/**
 * A web page from another origin, open in the developer's browser while the local cloud runs, tries
 * what it could do against a cloud that answered anyone: write the database through /admin, call a
 * function as HQ through /fn, upload a file, read the sign-in list. Each is refused and leaves no
 * trace; the app's own page goes on working.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_HQ_OPENID } from '../../host/seed/demo-data';
import { openAs, type E2eContext, type E2eTest } from './harness';

const UI_TIMEOUT = 15_000;
const STORE = '外站写入的门店';

/** What the foreign page runs; each attempt reports how it ended. */
function attackPage(cloud: string): string {
  const script = `
    const cloud = ${JSON.stringify(cloud)};
    const tryIt = async (name, run) => { try { const r = await run(); return name + ':' + (r.type === 'opaque' ? 'opaque' : r.status); } catch (e) { return name + ':blocked'; } };
    const insert = JSON.stringify({ action: 'database.insertDocument', collectionName: 'stores',
      data: [JSON.stringify({ _id: 'sto_foreignpage1', name: ${JSON.stringify(STORE)} })] });
    const results = await Promise.all([
      tryIt('admin-no-cors', () => fetch(cloud + '/admin', { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: insert })),
      tryIt('admin-cors', () => fetch(cloud + '/admin', { method: 'POST', headers: { 'content-type': 'application/json' }, body: insert })),
      tryIt('fn-as-hq', () => fetch(cloud + '/fn/account', { method: 'POST', headers: { 'content-type': 'application/json', 'x-openid': ${JSON.stringify(DEMO_HQ_OPENID)} }, body: JSON.stringify({ action: 'createStore', name: ${JSON.stringify(STORE)} }) })),
      tryIt('fn-no-cors', () => fetch(cloud + '/fn/account', { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ action: 'createStore', name: ${JSON.stringify(STORE)} }) })),
      tryIt('upload', () => fetch(cloud + '/storage/upload?cloudPath=foreign/page.png', { method: 'POST', mode: 'no-cors', body: 'x' })),
      tryIt('read-users', () => fetch(cloud + '/dev/users')),
    ]);
    document.getElementById('out').textContent = results.join(' ');
  `;
  return `<!doctype html><meta charset="utf-8"><title>某个网页</title><pre id="out">…</pre><script type="module">${script}</script>`;
}

async function foreignSite(cloud: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(attackPage(cloud));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

const foreignPage: E2eTest = {
  name: 'a page from another origin cannot drive the local cloud; the app still works',
  async run(ctx: E2eContext) {
    const storesBefore = await ctx.call<{ stores: { name: string }[] }>('account', 'listStores', {}, DEMO_HQ_OPENID);
    const site = await foreignSite(ctx.baseUrl);
    try {
      await ctx.page.goto(site.url);
      await ctx.page.waitForFunction(() => document.getElementById('out')?.textContent !== '…', undefined, {
        timeout: UI_TIMEOUT,
      });
      const outcome = Object.fromEntries(
        ((await ctx.page.locator('#out').textContent()) ?? '').split(' ').map((r) => r.split(':') as [string, string]),
      );
      await ctx.screenshot('foreign-page');
      // Reads and calls that need CORS fail in the browser; no-cors sends get an opaque answer,
      // so what counts is that nothing happened on the server.
      assert.equal(outcome['admin-cors'], 'blocked');
      assert.equal(outcome['fn-as-hq'], 'blocked');
      assert.equal(outcome['read-users'], 'blocked');
    } finally {
      await site.close();
    }
    const storesAfter = await ctx.call<{ stores: { name: string }[] }>('account', 'listStores', {}, DEMO_HQ_OPENID);
    assert.equal(storesAfter.stores.length, storesBefore.stores.length, 'no store was written');
    assert.ok(!storesAfter.stores.some((s) => s.name === STORE));
    const upload = await fetch(`${ctx.baseUrl}/files/foreign/page.png`);
    assert.equal(upload.status, 404, 'no file was uploaded');

    // The app's own page: HQ's console home loads its stores through the same bridge.
    await openAs(ctx, DEMO_HQ_OPENID, '/console/pages/home/index');
    await ctx.page.locator('[data-testid="store-row"]').first().waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('own-page');
  },
};

export const trustTests: readonly E2eTest[] = [foreignPage];

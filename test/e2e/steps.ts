/**
 * Steps several browser journeys take the same way: registering on the join page, and reading what
 * a share panel or a poster carries.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import type { E2eContext } from './harness';

const UI_TIMEOUT = 20_000;

/**
 * On the join page: name, the agreement box, 注册会员; returns what the page says about the share
 * that brought them (credited or not), then goes on to the member home.
 */
export async function joinAsMember(ctx: E2eContext, name: string, shot?: string): Promise<string> {
  const { page } = ctx;
  await page.locator('input').first().fill(name);
  // The agreement box starts unticked; registration needs it.
  await page.locator('[data-testid="member-consent"] .member-consent__box').click();
  await page.locator('taro-button-core', { hasText: '注册会员' }).click();
  const referral = page.locator('[data-testid="join-referral"]');
  await referral.waitFor({ timeout: UI_TIMEOUT });
  const said = await referral.innerText();
  if (shot) await ctx.screenshot(shot);
  await page.locator('taro-button-core', { hasText: '进入会员中心' }).click();
  await page.waitForURL(/pages\/customer\/index/, { timeout: UI_TIMEOUT });
  return said;
}

/** Taps "发给朋友" in the share block and returns the path the chat card carries (browser build: shown). */
export async function sharedPath(page: Page): Promise<string> {
  await page.locator('[data-testid="share-chat"]').first().click();
  const path = page.locator('[data-testid="share-path"]').first();
  await path.waitFor({ timeout: UI_TIMEOUT });
  return (await path.innerText()).trim();
}

/** The token in a share path or a wxacode payload (`t=<token>`, possibly URL-encoded). */
export function tokenIn(text: string): string {
  const m = /t(?:=|%3D)([0-9A-Za-z]{17})/.exec(text);
  assert.ok(m?.[1], `a share token in ${text}`);
  return m[1];
}

export interface PosterFacts {
  width: number;
  height: number;
  format: string;
  /** What the mini-program code on it says. */
  code: string;
}

/** Taps "生成海报", waits for the poster, and reads its size and the code on it. */
export async function makePoster(ctx: E2eContext, shot: string): Promise<PosterFacts> {
  const { page } = ctx;
  await page.locator('[data-testid="share-poster"]').first().click();
  const img = page.locator('[data-testid="poster-image"] img').first();
  await img.waitFor({ timeout: UI_TIMEOUT });
  await page.waitForFunction(
    () => {
      const el = document.querySelector('[data-testid="poster-image"] img');
      return el instanceof HTMLImageElement && el.complete && el.naturalWidth > 0;
    },
    undefined,
    { timeout: UI_TIMEOUT },
  );
  // The same tap saved it (the browser build downloads it); the toast saying so goes after 1.5 s.
  await page.getByText('✓ 海报已保存到相册', { exact: false }).first().waitFor({ timeout: UI_TIMEOUT });
  await page.waitForTimeout(1_600);
  // To the top of the screen: the guide's page keeps its copy-and-save bar over the bottom.
  await page.locator('[data-testid="poster"]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  const file = await ctx.screenshot(shot);
  const src = await img.getAttribute('src');
  assert.ok(src, 'the poster has a URL');
  const res = await fetch(new URL(src, ctx.baseUrl));
  assert.equal(res.status, 200, 'the poster downloads');
  const bytes = Buffer.from(await res.arrayBuffer());
  const meta = await sharp(bytes).metadata();
  // The poster itself beside the screenshots, to be looked at.
  fs.writeFileSync(file.replace(/\.png$/, `-file.${meta.format ?? 'img'}`), bytes);
  return { width: meta.width ?? 0, height: meta.height ?? 0, format: meta.format ?? '', code: await readCode(bytes) };
}

/** Decodes the QR code on an image: the whole picture first, then its lower half, where posters put it. */
async function readCode(bytes: Buffer): Promise<string> {
  const { width = 0, height = 0 } = await sharp(bytes).metadata();
  const regions = [
    { left: 0, top: 0, width, height },
    { left: 0, top: Math.floor(height / 2), width, height: height - Math.floor(height / 2) },
  ];
  for (const region of regions) {
    const { data, info } = await sharp(bytes).extract(region).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const found = jsQR(new Uint8ClampedArray(data), info.width, info.height);
    if (found) return found.data;
  }
  return '';
}

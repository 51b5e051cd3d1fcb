/** Fixture images for the content tests, uploaded through the bridge as the HQ editor does on H5. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { makeFixtureImage, type FixtureImageKind } from '../fixtures/variation/images';
import type { TestCloud } from '../support/local-cloud';

const KINDS: FixtureImageKind[] = ['poster', 'photo', 'white-product', 'dark'];

/** `n` fixture images uploaded to storage (small by default: the tests prove behaviour, the bench speed). */
export async function uploadImages(cloud: TestCloud, n: number, size = 320): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const bytes = await makeFixtureImage(KINDS[i % KINDS.length] ?? 'poster', {
      width: size,
      height: size,
      exif: true,
    });
    out.push(await cloud.upload(`posts/test/${Date.now()}-${i}.jpg`, bytes));
  }
  return out;
}

/**
 * A local cloud whose publishing starts no fan-out runners (SIYU_VARIANT_RUNNERS=0): variants are
 * made only by a guide's own opening and by the prepareVariants timer, the paths these tests follow
 * step by step (the fan-out has its own tests in content-fanout.test.ts).
 */
export const NO_RUNNERS = { SIYU_VARIANT_RUNNERS: '0' } as const;

export async function fetchBytes(url: string): Promise<Buffer> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

export const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');

export const SAMPLE_BODY = [
  '【山茶生活·春日焕新】',
  '玫瑰精华水会员价 ¥199，3月8日-3月15日限时，门店和小程序同价。',
  '✨ 清爽不黏腻，早晚各一次，28天看得见水润光泽。',
  '- 第二件半价',
  '- 满299送旅行装',
  '#春日护肤# 详情到店咨询，营业时间 10:00-22:00。',
].join('\n');

/** Every file in the local cloud's storage, as cloudPaths (read from its disk). */
export function filesOf(cloud: TestCloud): Set<string> {
  const root = cloud.cloud.storage.files.root;
  const out = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else out.add(path.relative(root, abs).split(path.sep).join('/'));
    }
  };
  if (fs.existsSync(root)) walk(root);
  return out;
}

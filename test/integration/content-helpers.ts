/** Fixture images for the content tests, uploaded through the bridge as the HQ editor does on H5. */
import { createHash } from 'node:crypto';
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

/** The whole-database and storage scan of the deletion tests: what is left that leads back to a person. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { COLLECTIONS } from '@core/db/schema';
import { dayKey } from '@server/ledger/calendar';
import { anonymousNode, readerKey } from '@server/privacy/keys';
import { localIdSecret } from '../../host/id-secret';
import type { TestCloud } from '../support/local-cloud';

/** Every reward on, so each journal entry that can name a friend is written; no caps, no expiry. */
export const ERASURE_RULES = {
  memberWelcome: 20,
  referralJoined: 10,
  referralFirstRedeem: 5,
  // Paid for the member's purchase at the till, to their referrer: that journal entry names them.
  referralFirstPurchase: 5,
  dailyCap: null,
  monthlyCap: null,
  expiryDays: 0,
  purchasePerYuan: 1,
  purchaseMinFen: 0,
  purchaseMemberDailyCap: null,
  purchaseGuideDailyCap: null,
};

/** Every stored file's path and bytes. */
export function filesOf(cloud: TestCloud): { file: string; bytes: Buffer }[] {
  const root = path.join(cloud.cloud.dataDir, 'files');
  const out: { file: string; bytes: Buffer }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.push({ file: path.relative(root, p), bytes: fs.readFileSync(p) });
    }
  };
  if (fs.existsSync(root)) walk(root);
  return out;
}

/** The visit id the code before keyed ids derived from (token, viewer, day): a link back if stored. */
const unkeyedVisitId = (token: string, viewer: string, at: number) =>
  `vst_${createHash('sha256')
    .update([token, viewer, dayKey(at)].join('\n'))
    .digest('hex')
    .slice(0, 32)}`;

/** What is left that names the person or leads back to them; empty when the deletion is complete. */
export function erasureTraces(cloud: TestCloud, openid: string, name: string): string[] {
  const docs = (col: string, q?: Record<string, unknown>) => cloud.cloud.engine.findDocs(col, q);
  const found: string[] = [];
  for (const { name: col } of COLLECTIONS) {
    for (const doc of docs(col)) {
      const text = JSON.stringify(doc);
      if (text.includes(openid)) found.push(`${col}/${String(doc._id)} names the openid`);
      if (text.includes(name)) found.push(`${col}/${String(doc._id)} names ${name}`);
      if ('subject' in doc) found.push(`${col}/${String(doc._id)} keeps the sealed openid`);
    }
  }
  for (const v of docs('visits')) {
    if (v._id === unkeyedVisitId(String(v.token), openid, Number(v.openedAt)))
      found.push(`visits/${String(v._id)} has an id derived from the openid`);
    if (v.reader === readerKey(String(v.token), openid)) found.push(`visits/${String(v._id)} keeps their reader key`);
  }
  for (const c of docs('coupons', { owner: anonymousNode(openid, 1) })) {
    if ('requestId' in c) found.push(`coupons/${String(c._id)} keeps the requestId its id came from`);
  }
  if (docs('erasures', { _id: 'salt' }).length > 0) found.push('erasures/salt: an id key in the database');
  const secret = localIdSecret(cloud.cloud.dataDir);
  if (cloud.snapshot().includes(secret)) found.push('the id secret is in the database');
  for (const f of filesOf(cloud)) {
    if (f.file.includes(openid) || f.bytes.includes(openid)) found.push(`file ${f.file} names the openid`);
  }
  return found;
}

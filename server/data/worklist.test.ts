import { createHash } from 'node:crypto';
import { closedReasonKey, worklistItemKey } from './worklist';

const withSecret = <T>(secret: string, f: () => T): T => {
  const before = process.env.SIYU_ID_SECRET;
  process.env.SIYU_ID_SECRET = secret;
  try {
    return f();
  } finally {
    if (before === undefined) delete process.env.SIYU_ID_SECRET;
    else process.env.SIYU_ID_SECRET = before;
  }
};

const A = 'worklist-test-secret-a-0123456789abcdef';
const B = 'worklist-test-secret-b-0123456789abcdef';

// A copy of the database must not confirm a candidate openid: the ids derived from a customer are
// keyed by the function secret, not a plain hash anyone can recompute.
test('worklist ids derived from a customer depend on the id secret', () => {
  const item = (s: string) => withSecret(s, () => worklistItemKey('2026-12-04', 'o_guide', 'o_customer'));
  const closed = (s: string) => withSecret(s, () => closedReasonKey('o_customer', 'welcome'));
  expect(item(A)).toBe(item(A));
  expect(item(A)).not.toBe(item(B));
  expect(closed(A)).not.toBe(closed(B));
  const plain = createHash('sha256').update(['2026-12-04', 'o_guide', 'o_customer'].join('\u0000')).digest('base64url');
  expect(item(A)).not.toContain(plain.replace(/[-_]/g, '').slice(0, 24));
  expect(item(A)).toMatch(/^wli_[A-Za-z0-9]{24}$/);
  expect(closed(A)).toMatch(/^wlc_[A-Za-z0-9]{24}$/);
});

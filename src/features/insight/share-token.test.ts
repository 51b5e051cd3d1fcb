import { __resetTaroMock } from '../../../test/mocks/taro';
import { writeDevOpenid } from '@/lib/cloud/dev-identity';
import {
  forgetShareToken,
  markShareVisited,
  readFirstShare,
  rememberShareToken,
  tokenFromQuery,
  visitedByMe,
} from './share-token';

const A = 'Ab3dEf9HjK2mN4pQ7';
const B = 'Zz9yXx8wVv7uTt6sR';

beforeEach(() => {
  __resetTaroMock();
  window.localStorage.clear();
  writeDevOpenid('o_visitor_aaaa');
});

describe('share token in a page query', () => {
  it('reads `t` from the query, or from a wxacode scene', () => {
    expect(tokenFromQuery({ t: A })).toBe(A);
    expect(tokenFromQuery({ scene: encodeURIComponent(`t=${A}`) })).toBe(A);
    expect(tokenFromQuery({ t: 'bad', scene: encodeURIComponent(`t=${B}`) })).toBe(B);
  });

  it('ignores openids, short ids, operators and broken encodings', () => {
    expect(tokenFromQuery({ ref: 'o_demo_cust_01' })).toBeUndefined();
    expect(tokenFromQuery({ t: 'Ab3dEf9H' })).toBeUndefined();
    expect(tokenFromQuery({ t: '{"$ne":1}' })).toBeUndefined();
    expect(tokenFromQuery({ scene: '%E0%A4%A' })).toBeUndefined();
    expect(tokenFromQuery({ scene: encodeURIComponent(`s=${A}`) })).toBeUndefined();
    expect(tokenFromQuery(undefined)).toBeUndefined();
  });
});

describe('the first share a visitor arrived through', () => {
  it('keeps the first token and ignores later ones until forgotten', () => {
    rememberShareToken('nope');
    expect(readFirstShare()).toBeUndefined();
    rememberShareToken(A);
    rememberShareToken(B);
    expect(readFirstShare()?.token).toBe(A);
    forgetShareToken();
    rememberShareToken(B);
    expect(readFirstShare()?.token).toBe(B);
  });

  it('knows whether the current caller recorded a visit through it', () => {
    rememberShareToken(A);
    // A visit through a later share does not mark the kept one.
    markShareVisited(B, '林导购');
    expect(visitedByMe(readFirstShare()!)).toBe(false);
    markShareVisited(A, '林导购');
    expect(readFirstShare()).toEqual({ token: A, visitedBy: 'o_visitor_aaaa', sharerName: '林导购' });
    expect(visitedByMe(readFirstShare()!)).toBe(true);
    // Signed in as somebody else on the same browser: that visit was not theirs.
    writeDevOpenid('o_visitor_bbbb');
    expect(visitedByMe(readFirstShare()!)).toBe(false);
  });
});

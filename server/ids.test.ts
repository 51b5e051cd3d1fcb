import { prefixedId } from '@core/contracts/common';
import { INVITE_ALPHABET } from '@core/contracts/account';
import { newId, randomString } from './ids';

describe('ids', () => {
  it('makes prefixed ids that the contracts accept', () => {
    const id = newId('sto');
    expect(id).toMatch(/^sto_[0-9A-Za-z]{16}$/);
    expect(prefixedId('sto').safeParse(id).success).toBe(true);
  });

  it('does not repeat itself', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => newId('pst')));
    expect(ids.size).toBe(2000);
  });

  it('draws codes from the given alphabet only, using all of it', () => {
    const sample = Array.from({ length: 400 }, () => randomString(INVITE_ALPHABET, 8)).join('');
    expect(sample).toMatch(new RegExp(`^[${INVITE_ALPHABET}]+$`));
    expect(new Set(sample).size).toBe(INVITE_ALPHABET.length);
  });

  it('refuses a bad prefix or length', () => {
    expect(() => newId('Sto')).toThrow(RangeError);
    expect(() => randomString('ab', 0)).toThrow(RangeError);
  });
});

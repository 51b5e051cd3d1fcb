import { visitFromQuery } from './share-query';

describe('share query', () => {
  it('reads a short id from the query or from a wxacode scene', () => {
    expect(visitFromQuery({ s: 'Ab3dEf9H' }, 1007)).toEqual({ s: 'Ab3dEf9H', scene: 1007 });
    expect(visitFromQuery({ scene: encodeURIComponent('s=Ab3dEf9H') }, 1047)).toEqual({ s: 'Ab3dEf9H', scene: 1047 });
  });
  it('reads the sharer and post of a plain share link', () => {
    expect(visitFromQuery({ ref: 'o_guide_001', post: 'pst_abcdefgh' }, undefined)).toEqual({
      sharer: 'o_guide_001',
      postId: 'pst_abcdefgh',
    });
  });
  it('ignores malformed values', () => {
    expect(visitFromQuery({ s: 'short' }, undefined)).toBeNull();
    expect(visitFromQuery({ ref: 'a b' }, undefined)).toBeNull();
    expect(visitFromQuery({ ref: 'o_guide_001', post: '{"$ne":1}' }, 99)).toEqual({ sharer: 'o_guide_001' });
  });
});

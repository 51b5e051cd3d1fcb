/**
 * Notes and manual tags on a customer through the local cloud: the guide writes them, they show
 * beside the automatic tags and filter the customer list, they move with the customer on a
 * transfer, and they go with the member's data.
 */
import { TEST_HQ, useLocalCloud } from '../support/local-cloud';
import { docsOf } from './insight-helpers';

jest.setTimeout(30_000);
const cloud = useLocalCloud();
const insight = cloud.client('insight');

describe('notes and manual tags', () => {
  it('keeps notes with their time and tags from the list or the guide, usable as a filter', async () => {
    await insight.ok('setManualTagList', { tags: ['敏感肌', '高消费'] }, TEST_HQ);
    const guide = await cloud.makeGuide();
    const a = (await cloud.makeMember(guide.openid, '王女士')).openid;
    const b = (await cloud.makeMember(guide.openid, '李先生')).openid;
    const { at } = await insight.ok('addNote', { openid: a, text: '喜欢玫瑰味，下周带朋友来' }, guide.openid);
    await insight.ok('setCustomerTags', { openid: a, tags: ['敏感肌', '爱喝茶'] }, guide.openid);

    const seen = await insight.ok('customerNotes', { openid: a }, guide.openid);
    expect(seen).toEqual({
      notes: [{ id: expect.stringMatching(/^not_/), text: '喜欢玫瑰味，下周带朋友来', at, by: '我' }],
      tags: ['敏感肌', '爱喝茶'],
      suggested: ['敏感肌', '高消费'],
    });
    const all = await insight.ok('myCustomers', {}, guide.openid);
    expect(all.tags).toEqual(expect.arrayContaining(['敏感肌', '爱喝茶']));
    expect(all.customers.find((c) => c.openid === a)?.manualTags).toEqual(['敏感肌', '爱喝茶']);
    const filtered = await insight.ok('myCustomers', { tag: '爱喝茶' }, guide.openid);
    expect(filtered.customers.map((c) => c.openid)).toEqual([a]);
    expect(filtered.customers.map((c) => c.openid)).not.toContain(b);
  });

  it("refuses another guide's customer, writing nothing", async () => {
    const guide = await cloud.makeGuide();
    const other = await cloud.makeGuide();
    const m = (await cloud.makeMember(guide.openid)).openid;
    const before = cloud.snapshot();
    const replies = await Promise.all([
      insight.call('addNote', { openid: m, text: '偷看' }, other.openid),
      insight.call('setCustomerTags', { openid: m, tags: ['x'] }, other.openid),
      insight.call('customerNotes', { openid: m }, other.openid),
    ]);
    expect(replies.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
    expect(cloud.snapshot()).toBe(before);
  });

  it('moves with the customer to the new guide, and goes with a deletion', async () => {
    const store = await cloud.makeStore();
    const leaving = await cloud.makeGuide(store);
    const taking = await cloud.makeGuide(store);
    const m = (await cloud.makeMember(leaving.openid)).openid;
    await insight.ok('addNote', { openid: m, text: '周末才有空' }, leaving.openid);
    await insight.ok('setCustomerTags', { openid: m, tags: ['周末客'] }, leaving.openid);
    await cloud.deactivateGuide(leaving.openid);
    await cloud.ok('account', 'transferCustomers', { fromGuide: leaving.openid, toGuide: taking.openid }, TEST_HQ);

    const moved = await insight.ok('customerNotes', { openid: m }, taking.openid);
    expect(moved.notes.map((n) => [n.text, n.by])).toEqual([['周末才有空', '导购']]);
    expect(moved.tags).toEqual(['周末客']);

    await cloud.ok('account', 'deleteMyData', { requestId: 'del_notes_0001' }, m);
    expect(docsOf(cloud, 'customer_notes', { customer: m })).toEqual([]);
    expect(docsOf(cloud, 'customer_tags', { _id: m })).toEqual([]);
  });
});

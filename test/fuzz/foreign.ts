/**
 * Inputs the schema accepts from a caller who may call the action, naming REAL documents the
 * caller has no business with (another guide's customer, someone else's visit, a used coupon, an
 * archived post) or states that forbid the action. Each must be refused with nothing written.
 * Keyed by `function.action`; an action without an entry still gets every generated category.
 */
import type { Who } from '../support/role-matrix';
import type { Case } from './cases';
import { docs, type Doc, type World } from './world';

export type ForeignCase = Omit<Case, 'category' | 'transport'>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const idOf = (d: Doc | undefined): string => str(d?._id);

const NO_POST = 'pst_nosuchpost01';
const NO_USER = 'o_nosuchuser_01';
/** A well-formed share token nobody was given. */
const FORGED_TOKEN = 'Forged0Token0Abcd';

export function foreignCases(world: World): Record<string, ForeignCase[]> {
  const { cloud, callers } = world;
  const guide = callers.guide ?? '';
  const customer = callers.customer ?? '';
  const users = docs(cloud, 'users');
  const guideDoc = users.find((u) => u._id === guide);
  const guideStore = str(guideDoc?.storeId);
  const otherStoreGuide = users.find((u) => u.role === 'guide' && u.storeId !== guideStore && u.active !== false);
  const otherGuidesCustomer = users.find(
    (u) => u.role === 'customer' && str(u.guideOpenid) !== '' && u.guideOpenid !== guide,
  );
  const posts = docs(cloud, 'posts');
  const draft = posts.find((p) => p.status === 'draft');
  const archived = posts.find((p) => p.status === 'archived');
  const elsewhere = posts.find(
    (p) =>
      p.status === 'published' &&
      Array.isArray(p.storeIds) &&
      p.storeIds.length > 0 &&
      !p.storeIds.includes(guideStore),
  );
  const items = docs(cloud, 'mall_items');
  const inactiveItem = items.find((i) => i.active === false);
  const priciest = [...items]
    .filter((i) => i.active !== false)
    .sort((a, b) => Number(b.pointsPrice) - Number(a.pointsPrice))[0];
  const coupons = docs(cloud, 'coupons');
  const used = coupons.find((c) => c.status === 'used');
  const expired = coupons.find((c) => Number(c.expiresAt) < Date.now());
  const redeemEntry = docs(cloud, 'points_entries', { kind: 'redeem' })[0];
  const visits = docs(cloud, 'visits');
  const othersVisit = visits.find((v) => str(v.viewer) !== '' && v.viewer !== customer);
  const anonymousVisit = visits.find((v) => v.anonymous === true);
  const links = docs(cloud, 'share_links');
  const opened = new Set(visits.filter((v) => v.viewer === customer).map((v) => str(v.token)));
  // A post share the customer never opened (a reshare must pass on a share one opened).
  const unopened = links.find((l) => l.postKey !== '-' && l.sharer !== customer && !opened.has(str(l._id)));
  const otherPost = posts.find((p) => p.status === 'published' && p._id !== unopened?.postKey);
  const invite = docs(cloud, 'invites')[0];
  const othersItem = docs(cloud, 'worklist_items').find((i) => i.guideOpenid !== guide);
  const hqScript = docs(cloud, 'scripts', { owner: 'hq' })[0];
  const memberCodes = docs(cloud, 'member_codes');
  const usedCode = memberCodes.find((m) => m.usedAt !== undefined);
  const expiredCode = memberCodes.find((m) => m.usedAt === undefined && Number(m.expiresAt) < Date.now());

  const otherStore = str(otherStoreGuide?.storeId);
  const c = (caller: Who, input: Record<string, unknown>, note: string): ForeignCase => ({ caller, input, note });
  const out: Record<string, ForeignCase[]> = {
    'account.createInvite': [c('hq', { storeId: 'sto_nosuchstore1', role: 'guide' }, 'store that does not exist')],
    'account.redeemInvite': [
      c('visitor', { code: idOf(invite), name: '新导购' }, 'invite already used'),
      c('visitor', { code: 'ZZZZZZZZ', name: '新导购' }, 'invite that does not exist'),
    ],
    'account.setGuideActive': [
      c('hq', { openid: customer, active: false }, 'a member, not a guide'),
      c('hq', { openid: NO_USER, active: false }, 'nobody'),
    ],
    'account.transferCustomers': [
      c('hq', { fromGuide: guide, toGuide: idOf(otherStoreGuide) }, 'to a guide of another store'),
      c('hq', { fromGuide: customer, toGuide: guide }, 'from a member'),
      c('hq', { fromGuide: guide, toGuide: guide }, 'to the same guide'),
    ],
    'content.savePost': [c('hq', { id: NO_POST, title: '标题', body: '正文' }, 'update of a post that does not exist')],
    'content.publishPost': [
      c('hq', { id: idOf(archived) }, 'archived post'),
      c('hq', { id: NO_POST }, 'post that does not exist'),
      c('hq', { id: idOf(draft), publishAt: Date.now() - 60_000 }, 'publish time in the past'),
      c('hq', { id: idOf(draft), publishAt: Date.now() + 400 * 86_400_000 }, 'publish time beyond 60 days'),
    ],
    'content.archivePost': [c('hq', { id: NO_POST }, 'post that does not exist')],
    'content.getPost': [c('hq', { id: NO_POST }, 'post that does not exist')],
    'content.checkImages': [
      c('hq', { images: ['cloud://siyu-local.siyu/posts/none.jpg'] }, 'image that does not exist'),
    ],
    'content.postStats': [c('hq', { id: NO_POST }, 'post that does not exist')],
    'content.previewVariants': [c('hq', { id: NO_POST }, 'post that does not exist')],
    'content.myVariant': [
      c('guide', { postId: idOf(draft) }, 'draft post'),
      c('guide', { postId: idOf(archived) }, 'archived post'),
      c('guide', { postId: idOf(elsewhere) }, "another store's post"),
    ],
    'content.recordOutcome': [
      c('guide', { postId: idOf(draft), outcome: 'copied' }, 'draft post'),
      c('guide', { postId: idOf(elsewhere), outcome: 'saved' }, "another store's post"),
    ],
    'points.adjust': [
      c('hq', { openid: customer, delta: -1_000_000, reason: '扣减测试' }, 'debit beyond the balance'),
      c('hq', { openid: NO_USER, delta: 5, reason: '无此会员' }, 'nobody'),
    ],
    'points.reverse': [
      c('hq', { entryId: idOf(redeemEntry), reason: '撤销兑换' }, 'a redemption (not reversible)'),
      c('hq', { entryId: `welcome:${NO_USER}`, reason: '撤销欢迎积分' }, 'entry that does not exist'),
    ],
    'points.awardPurchase': [
      c(
        'guide',
        { memberCode: '000000000000', amountFen: 12800, requestId: 'fuzz_award_nocode1' },
        'code nobody was given',
      ),
      c(
        'guide',
        { memberCode: str(usedCode?._id), amountFen: 12800, requestId: 'fuzz_award_used01' },
        'code already used',
      ),
      c(
        'guide',
        { memberCode: str(expiredCode?._id), amountFen: 12800, requestId: 'fuzz_award_stale1' },
        'code past its window',
      ),
    ],
    'points.reverseAward': [c('hq', { awardId: 'pur_nosuchaward01', reason: '无此记录' }, 'award that does not exist')],
    'mall.getItem': [c('customer', { id: 'itm_nosuchitem01' }, 'item that does not exist')],
    'mall.redeem': [
      c('customer', { itemId: idOf(inactiveItem), requestId: 'fuzz_inactive_01' }, 'inactive item'),
      c('customer', { itemId: idOf(priciest), requestId: 'fuzz_priciest_01' }, 'more points than the balance'),
      c('customer', { itemId: 'itm_nosuchitem01', requestId: 'fuzz_nosuch_0001' }, 'item that does not exist'),
    ],
    'mall.verifyCoupon': [
      c('guide', { code: str(used?.code) }, 'coupon already used'),
      c('guide', { code: str(expired?.code) }, 'coupon expired'),
      c('guide', { code: 'ZZZZZZZZZZZZ' }, 'coupon that does not exist'),
    ],
    'insight.endVisit': [
      c('customer', { visitId: idOf(othersVisit), seconds: 60 }, "someone else's visit"),
      c('guide', { visitId: idOf(othersVisit), seconds: 60 }, "someone else's visit, as a guide"),
      c('customer', { visitId: idOf(anonymousVisit), seconds: 60 }, 'an anonymous visit, signed in'),
      c('customer', { visitId: 'vst_nosuchvisit1', seconds: 10 }, 'visit that does not exist'),
    ],
    'insight.giveConsent': [c('visitor', { version: '2020-01-01' }, 'an outdated version of the privacy guide')],
    'insight.customerTimeline': [
      c('guide', { openid: str(otherGuidesCustomer?._id) }, "another guide's customer"),
      c('guide', { openid: NO_USER }, 'nobody'),
    ],
    'insight.setPostTags': [c('hq', { postId: NO_POST, tags: ['护肤'] }, 'post that does not exist')],
    'insight.shareLink': [
      c('guide', { postId: idOf(draft) }, 'draft post'),
      c('customer', { postId: str(unopened?.postKey), parent: idOf(unopened) }, 'reshare of a share never opened'),
      c('customer', { postId: idOf(otherPost), parent: idOf(unopened) }, "reshare naming another post's share"),
      c('customer', { parent: FORGED_TOKEN }, 'reshare of a token that does not exist'),
    ],
    'insight.sharePoster': [
      c('guide', { postId: idOf(draft) }, 'draft post'),
      c('customer', { postId: str(unopened?.postKey), parent: idOf(unopened) }, 'reshare of a share never opened'),
    ],
    'insight.recordVisit': [
      c('customer', { shareToken: FORGED_TOKEN, scene: 1007 }, 'token that does not exist'),
      c('no openid', { shareToken: FORGED_TOKEN, scene: 1154 }, 'token that does not exist, anonymously'),
    ],
    'insight.postSpread': [
      c('hq', { postId: NO_POST }, 'post that does not exist'),
      c('guide', { postId: NO_POST }, 'post that does not exist'),
    ],
    'insight.contentKocs': [
      c('hq', { from: '2024-01-01' }, 'a range without its end'),
      c('hq', { from: '2024-02-30', to: '2024-02-31' }, 'no such dates'),
      c('hq', { from: '2020-01-01', to: '2025-01-01' }, 'range longer than allowed'),
    ],
    'insight.dashboard': [
      c('hq', { from: '2024-13-45', to: '2024-13-46' }, 'no such dates'),
      c('hq', { from: '2025-03-01', to: '2024-01-01' }, 'range backwards'),
      c('hq', { from: '2020-01-01', to: '2025-01-01' }, 'range longer than allowed'),
      c('hq', { from: '2024-03-01', to: '2024-03-07', storeId: 'sto_nosuchstore1' }, 'store that does not exist'),
    ],
    'insight.leaderboard': [
      c('hq', { from: '2024-02-30', to: '2024-02-31', by: 'guide' }, 'no such dates'),
      c('hq', { from: '2020-01-01', to: '2025-01-01', by: 'store' }, 'range longer than allowed'),
      c('guide', { from: '2024-03-01', to: '2024-03-07', by: 'guide', storeId: otherStore }, "another store's guides"),
      c('guide', { from: '2024-03-01', to: '2024-03-07', by: 'store' }, 'the stores, as a guide'),
    ],
    // ---- reports ----
    'insight.notSharedToday': [c('guide', { storeId: otherStore }, "another store's guides")],
    'insight.postFigures': [
      c('hq', { postId: NO_POST }, 'post that does not exist'),
      c('hq', { postId: idOf(otherPost), storeId: 'sto_nosuchstore1' }, 'store that does not exist'),
    ],
    'insight.recentPosts': [c('hq', { storeId: 'sto_nosuchstore1' }, 'store that does not exist')],
    'insight.weeklyReport': [c('hq', { id: 'wkr_20200106' }, 'report that does not exist')],
    'insight.exportReport': [
      c('hq', { report: 'weekly', id: 'wkr_20200106' }, 'report that does not exist'),
      c('hq', { report: 'notShared', storeId: 'sto_nosuchstore1' }, 'store that does not exist'),
    ],
    'insight.myFigures': [c('guide', { from: '2024-02-30', to: '2024-02-31' }, 'no such dates')],
    'insight.worklistOutcome': [
      c('guide', { id: idOf(othersItem), outcome: 'contacted' }, "another guide's worklist item"),
      c('guide', { id: 'wli_nosuchitem000001', outcome: 'unfit' }, 'item that does not exist'),
    ],
    'insight.saveScript': [
      c('guide', { id: idOf(hqScript), scene: 'welcome', title: '改写', text: '欢迎' }, "HQ's library script"),
    ],
    'insight.customerNotes': [c('guide', { openid: str(otherGuidesCustomer?._id) }, "another guide's customer")],
    'insight.addNote': [
      c('guide', { openid: str(otherGuidesCustomer?._id), text: '备注' }, "another guide's customer"),
    ],
    'insight.setCustomerTags': [
      c('guide', { openid: str(otherGuidesCustomer?._id), tags: ['敏感肌'] }, "another guide's customer"),
    ],
    'insight.deleteScript': [c('guide', { id: idOf(hqScript) }, "HQ's library script")],
    'insight.worklistFigures': [
      c('hq', { from: '2020-01-01', to: '2025-01-01', by: 'store' }, 'range longer than allowed'),
    ],
  };
  // A fact the seed did not provide leaves an empty id: drop that case rather than send nonsense.
  for (const [key, list] of Object.entries(out)) {
    out[key] = list.filter((f) => Object.values(f.input).every((v) => v !== ''));
  }
  return out;
}

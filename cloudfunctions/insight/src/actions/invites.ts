import type { InsightContract, InvitedFriend } from '@core/contracts/insight';
import { ReferralDoc } from '@server/data/referrals';
import { userNames } from '@server/data/users';
import { groupRows, num } from '@server/db/aggregate';
import { chunks, getAll } from '@server/db/read';
import type { CollectionName } from '@core/db/schema';
import type { Condition, Database } from '@server/db/types';
import type { ActionHandler } from '@server/kit';
import { personKey, readerKey } from '@server/privacy/keys';
import { EntryDoc } from '@server/ledger';

/** The journal entries that pay a member for a friend's deep actions (and HQ's reversals of them). */
const REFERRAL_KINDS = ['referralJoined', 'referralFirstRedeem'];
const Entry = EntryDoc.pick({ _id: true, amount: true, ref: true, reverses: true });
const Edge = ReferralDoc.pick({ to: true, createdAt: true, token: true });

/** The earliest `time` per `key` among documents matching `match` plus `key ∈ ids` (chunked). */
async function earliest(
  db: Database,
  collection: CollectionName,
  match: Condition,
  key: string,
  time: string,
  ids: readonly string[],
): Promise<Map<string, number>> {
  const _ = db.command;
  const out = new Map<string, number>();
  const parts = await Promise.all(
    chunks(ids).map((part) =>
      groupRows(
        db
          .collection(collection)
          .aggregate()
          .match({ ...match, [key]: _.in(part) })
          .group({ _id: `$${key}`, t: _.aggregate.min(`$${time}`) }),
      ),
    ),
  );
  for (const r of parts.flat()) if (typeof r._id === 'string') out.set(r._id, num(r.t));
  return out;
}

/**
 * Points per friend: the member's referral entries by the friend they name (`ref`: the friend's
 * person key, or their openid in entries written before keys), net of HQ's reversals of them.
 */
async function pointsPerFriend(db: Database, openid: string): Promise<Map<string, number>> {
  const _ = db.command;
  const read = (where: Condition) =>
    getAll(
      db.collection('points_entries').where(where).field({ _id: true, amount: true, ref: true, reverses: true }),
      Entry,
      'points_entries',
      {
        pageSize: 1000,
        max: 100_000,
      },
    );
  const [rewards, reversals] = await Promise.all([
    read({ openid, kind: _.in(REFERRAL_KINDS) }),
    read({ openid, kind: 'reverse' }),
  ]);
  const friendOf = new Map(rewards.map((e) => [e._id, e.ref]));
  const out = new Map<string, number>();
  const add = (friend: string | undefined, amount: number) => {
    if (friend !== undefined) out.set(friend, (out.get(friend) ?? 0) + amount);
  };
  for (const e of rewards) add(e.ref, e.amount);
  for (const e of reversals) if (e.reverses !== undefined) add(friendOf.get(e.reverses), e.amount);
  return out;
}

/**
 * A member's invitations: the friends who joined through any of their shares (posts or plain
 * invitations), each with when they first opened one, joined and first redeemed, and the points
 * their deep actions earned the member; plus how many opens came from people who have not joined,
 * counted but never named (they agreed to nothing). Nothing is earned for a share or an open.
 * A friend's opens before joining carry no openid, only the reader key of the share they opened:
 * the share that brought them is known from the edge, so that open is theirs.
 */
export const myInvites: ActionHandler<InsightContract, 'myInvites'> = async (_input, ctx) => {
  const me = ctx.caller.openid;
  const db = ctx.db;
  const _ = ctx._;
  const edges = await getAll(
    db.collection('referrals').where({ from: me }).field({ to: true, createdAt: true, token: true }),
    Edge,
    'referrals',
    {
      pageSize: 1000,
      max: 50_000,
    },
  );
  const ids = edges.map((e) => e.to);
  const friendOf = new Map(edges.flatMap((e) => (e.token !== undefined ? [[readerKey(e.token, e.to), e.to]] : [])));
  const readers = [...friendOf.keys()];
  const counted = { sharer: me, counted: true };
  const countWhere = (where: (part: string[]) => Condition, keys: readonly string[]) =>
    Promise.all(
      chunks(keys).map((part) =>
        db
          .collection('visits')
          .where({ ...counted, ...where(part) })
          .count(),
      ),
    );
  const [names, byViewer, byReader, redeemed, points, allOpens, friendOpens, friendOpensBefore] = await Promise.all([
    userNames(db, ids),
    earliest(db, 'visits', { sharer: me }, 'viewer', 'openedAt', ids),
    earliest(db, 'visits', { sharer: me }, 'reader', 'openedAt', readers),
    earliest(db, 'coupons', {}, 'owner', 'issuedAt', ids),
    pointsPerFriend(db, me),
    db.collection('visits').where(counted).count(),
    countWhere((part) => ({ viewer: _.in(part) }), ids),
    countWhere((part) => ({ reader: _.in(part), viewer: _.exists(false) }), readers),
  ]);
  const opened = new Map(byViewer);
  for (const [reader, at] of byReader) {
    const friend = friendOf.get(reader);
    if (friend !== undefined) opened.set(friend, Math.min(at, opened.get(friend) ?? at));
  }
  const friends: InvitedFriend[] = edges
    .sort((a, b) => b.createdAt - a.createdAt)
    .map((e) => {
      const openedAt = opened.get(e.to);
      const redeemedAt = redeemed.get(e.to);
      const name = names.get(e.to);
      return {
        ...(name !== undefined ? { name } : {}),
        stage: redeemedAt !== undefined ? 'redeemed' : 'joined',
        ...(openedAt !== undefined ? { openedAt } : {}),
        joinedAt: e.createdAt,
        ...(redeemedAt !== undefined ? { redeemedAt } : {}),
        points: (points.get(personKey(e.to)) ?? 0) + (points.get(e.to) ?? 0),
      };
    });
  const opens = allOpens.total - [...friendOpens, ...friendOpensBefore].reduce((n, c) => n + c.total, 0);
  return { friends, opens, points: friends.reduce((n, f) => n + f.points, 0) };
};

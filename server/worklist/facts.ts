/**
 * What the worklist knows of one customer when it is made: plain values read from the database in a
 * few queries per guide (server/worklist/load.ts), so the ranking itself is pure and tested on a
 * built world.
 */
export interface ReadFact {
  postId: string;
  title?: string;
  tags: string[];
  /** Reading seconds of this open. */
  seconds: number;
  /** The page reported the last paragraph, or (nearly) all of the text. */
  finished: boolean;
  at: number;
}

export interface CouponFact {
  id: string;
  kind: 'coupon' | 'gift';
  title: string;
  issuedAt: number;
  expiresAt: number;
}

export interface CustomerFacts {
  openid: string;
  name: string;
  joinedAt: number;
  /** Opens of posts (any age; the rule picks the recent ones). */
  reads: ReadFact[];
  /** The latest open of any share. */
  lastSeenAt?: number;
  /** The latest open before the return window (RETURN_WINDOW_MS), for "back after a long time". */
  seenBefore?: number;
  /** Unused coupons and gift vouchers. */
  coupons: CouponFact[];
  points: { balance: number; expiring?: { amount: number; at: number } };
}

export interface WorldFacts {
  now: number;
  /** The cheapest active mall item: "points to spend" means at least this many. */
  cheapestItem?: number;
  /** Reason keys already contacted or judged unfit for each customer: never suggested again. */
  closed: ReadonlyMap<string, ReadonlySet<string>>;
  guideName?: string;
}

/**
 * Every collection the product uses and its indexes. The local cloud enforces the unique ones;
 * the production deploy creates the same collections and indexes from this file, so a uniqueness
 * rule that holds locally holds in CloudBase too.
 */
export interface IndexSpec {
  /** Index name as created in CloudBase. */
  name: string;
  /**
   * Field path -> 1 (ascending), -1 (descending) or '2dsphere' (GeoJSON values; what geoNear
   * needs). Dotted paths reach into nested objects.
   */
  keys: Record<string, 1 | -1 | '2dsphere'>;
  unique?: boolean;
  /** Skip documents that lack the keyed fields (MongoDB semantics); without it a missing field counts as null. */
  sparse?: boolean;
}

export interface CollectionSpec {
  name: string;
  /** What a document is, in one line, for the next engineer. */
  doc: string;
  indexes: IndexSpec[];
}

export const COLLECTIONS = [
  {
    name: 'users',
    doc: '_id = openid; role guide|customer, name, storeId, guideOpenid, referrer, active, createdAt; members: tier { id, name, since: Date }, firstPurchaseAt',
    indexes: [
      { name: 'role_store', keys: { role: 1, storeId: 1 } },
      // The tier timer finds members who hold a tier.
      { name: 'tier', keys: { 'tier.id': 1 }, sparse: true },
      { name: 'guide', keys: { guideOpenid: 1 } },
      { name: 'referrer', keys: { referrer: 1 } },
    ],
  },
  {
    name: 'stores',
    doc: '_id = sto_*; name (unique), city, address, location (GeoJSON Point), createdAt, createdBy',
    indexes: [
      { name: 'name', keys: { name: 1 }, unique: true },
      { name: 'created', keys: { createdAt: 1 } },
      // account.nearestStores: geoNear needs it.
      { name: 'location', keys: { location: '2dsphere' } },
    ],
  },
  {
    name: 'brand_settings',
    doc: "_id = 'current'; HQ's brand: name, shortName, logo (fileID), themeColor, pointsName, servicePhone, updatedAt, updatedBy",
    indexes: [],
  },
  {
    name: 'invites',
    doc: '_id = the invite code; storeId, role, expiresAt, createdBy, usedBy, usedAt',
    indexes: [{ name: 'store', keys: { storeId: 1 } }],
  },
  {
    name: 'referrals',
    doc: '_id = the referred member openid (one referrer each: the first wins); from, to, token (the share that brought them) and its postId, rewardPending (a member referrer still to be rewarded), createdAt',
    indexes: [
      { name: 'from', keys: { from: 1 } },
      // The payReferralRewards timer finds rewards a registration left unpaid.
      { name: 'reward_pending', keys: { rewardPending: 1 }, sparse: true },
      { name: 'token', keys: { token: 1 }, sparse: true },
      { name: 'post_created', keys: { postId: 1, createdAt: -1 }, sparse: true },
      { name: 'created', keys: { createdAt: -1 } },
    ],
  },
  {
    name: 'posts',
    doc: '_id = pst_*; HQ post: title, body, images (fileIDs), protectTerms, variation, storeIds/allStores, status draft|scheduled|published|archived|withdrawn, rev, publishAt, publishedAt, security, releasedAt (archived and its made files deleted), mediaBlockedAt, withdrawnAt/withdrawnReason (a re-check refused it)',
    indexes: [
      // recheckPosts: posts published unchecked (lenient mode), and those an image refused afterwards.
      // Declared first so a query naming these fields uses them rather than walking every published post.
      { name: 'unchecked', keys: { 'security.unchecked': 1, status: 1 }, sparse: true },
      { name: 'media_blocked', keys: { mediaBlockedAt: 1, status: 1 }, sparse: true },
      { name: 'status_publish', keys: { status: 1, publishAt: 1 } },
      { name: 'status_published', keys: { status: 1, publishedAt: -1 } },
      { name: 'updated', keys: { updatedAt: -1 } },
      // The dashboard counts posts published per day.
      { name: 'published', keys: { publishedAt: -1 }, sparse: true },
    ],
  },
  {
    name: 'media_checks',
    doc: "_id = 'mck_' + sha256(fileID); one image's content check (mediaCheckAsync): fileId, postId (the post that submitted it), status pending|pass|risky|review|unchecked, traceId (matches the pushed verdict), label, reason, submittedAt, checkedAt, quarantinedAs (where a refused file was moved)",
    indexes: [
      // The pushed verdict names only its trace id.
      { name: 'trace', keys: { traceId: 1 }, unique: true, sparse: true },
      // recheckPosts submits again the images left unchecked while the check was down.
      { name: 'status_post', keys: { status: 1, postId: 1 } },
    ],
  },
  {
    name: 'hq_notices',
    doc: "_id = kind + ':' + postId (kind withdrawn: a published post a re-check refused; held: a scheduled post taken back to a draft by a refused image); what HQ is told: kind, postId, title, reason (the check's Chinese reason), createdAt, readAt",
    indexes: [
      // content.notices: the newest first.
      { name: 'created', keys: { createdAt: -1 } },
    ],
  },
  {
    name: 'post_variants',
    doc: "_id = postId + ':' + guideOpenid; one guide's stored variant (text, image fileIDs, rev, place in the audience, bytes, imagesAt) and outcomes (openedAt, copiedAt, savedAt); releasedAt once its images were deleted (post archived, or older than the retention: made again when opened)",
    indexes: [
      { name: 'post_store', keys: { postId: 1, storeId: 1 } },
      { name: 'images_at', keys: { imagesAt: 1 } },
      // The dashboard counts copies per day.
      { name: 'copied', keys: { copiedAt: -1 }, sparse: true },
      // A store's dashboard counts its guides' copies per day.
      { name: 'store_copied', keys: { storeId: 1, copiedAt: -1 } },
      // The reminder timer finds subscribed guides' posting slots that have come.
      { name: 'guide_suggested', keys: { guideOpenid: 1, suggestedAt: -1 } },
    ],
  },
  {
    name: 'variant_jobs',
    doc: "_id = postId + ':r' + rev + ':' + batch; one batch of a published post's guide variants for one invocation of content: guides [{ openid, storeId }], size, status queued|running|done|failed, priority, attempts, leaseUntil and owner (the invocation holding it), made, error, createdAt, doneAt",
    indexes: [
      { name: 'post_rev', keys: { postId: 1, rev: 1 } },
      { name: 'claim', keys: { status: 1, priority: -1, batch: 1 } },
      { name: 'lease', keys: { status: 1, leaseUntil: 1 } },
      { name: 'guide', keys: { 'guides.openid': 1 } },
      { name: 'updated', keys: { updatedAt: 1 } },
    ],
  },
  {
    name: 'variant_progress',
    doc: "_id = postId + ':' + guideOpenid; images done of a guide's variant while their own opening makes it (the wait screen polls it); removed once the variant is stored",
    indexes: [],
  },
  {
    name: 'post_previews',
    doc: '_id = postId; preview image fileIDs still in storage, updatedAt; deleted by the next preview, by archiving, or by the releaseStorage timer a day later',
    indexes: [{ name: 'updated', keys: { updatedAt: 1 } }],
  },
  {
    name: 'ai_rewrites',
    doc: "_id = postId + ':' + guideOpenid + ':r' + rev; the AI rewrite judged for one guide's copy (text, or refused: why), model, createdAt; so HQ's preview and the guide see the same text. Removed when the post is edited (older revisions) or archived",
    indexes: [{ name: 'post_rev', keys: { postId: 1, rev: 1 } }],
  },
  {
    name: 'points_rules',
    doc: "_id = 'current'; HQ's points rules (welcome, referral rewards, caps, expiry days), version, updatedAt, updatedBy",
    indexes: [],
  },
  {
    name: 'points_accounts',
    doc: '_id = openid; balance (= sum of lots = sum of journal), seq, lots [{ key, amount, expiresAt }], nextExpiry, earned caps counters',
    indexes: [{ name: 'next_expiry', keys: { nextExpiry: 1 } }],
  },
  {
    name: 'points_entries',
    doc: "_id = idempotency key (welcome:<person>, ref-join:<friend's person key>, redeem:<couponId>, ...; a person appears only as a keyed hash); openid, kind, amount, seq, balanceAfter, createdAt, ref (a friend's person key, a coupon id); append-only",
    indexes: [
      // A deleted friend's name is taken off their referrer's entries by this.
      { name: 'ref', keys: { ref: 1 }, sparse: true },
      { name: 'account_seq', keys: { openid: 1, seq: -1 }, unique: true },
      // Journal pages are keyset-paged on (createdAt, _id), by kind or member or all.
      { name: 'kind_created_id', keys: { kind: 1, createdAt: -1, _id: -1 } },
      { name: 'account_created_id', keys: { openid: 1, createdAt: -1, _id: -1 } },
      { name: 'created_id', keys: { createdAt: -1, _id: -1 } },
    ],
  },
  {
    name: 'mall_items',
    doc: '_id = itm_*; catalog item (coupon | gift): title, pointsPrice, stock (total HQ set), shards, perUserLimit, validDays, amountFen, thresholdFen, window, active',
    indexes: [{ name: 'active_sort', keys: { active: 1, sort: -1 } }],
  },
  {
    name: 'mall_stock',
    doc: "_id = itemId#k; one shard of an item's stock (stock, issued), so simultaneous redemptions of a popular item write different documents",
    indexes: [{ name: 'item', keys: { itemId: 1 } }],
  },
  {
    name: 'mall_claims',
    doc: '_id = itemId:openid; how many of one item one member has redeemed (the per-user limit)',
    // A member's deletion removes their counters.
    indexes: [{ name: 'openid', keys: { openid: 1 } }],
  },
  {
    name: 'coupons',
    doc: '_id = cpn_* (derived from owner + requestId); issued coupon or gift voucher: code (unique), owner, itemId, status unused|used|expired, expiresAt, usedAt/usedBy/storeId',
    indexes: [
      { name: 'code', keys: { code: 1 }, unique: true },
      { name: 'owner_issued', keys: { owner: 1, issuedAt: -1 } },
      { name: 'status_expires', keys: { status: 1, expiresAt: 1 } },
      { name: 'used_by', keys: { usedBy: 1, usedAt: -1 } },
      // The dashboard counts verifications per day.
      { name: 'used_at', keys: { usedAt: -1 }, sparse: true },
      // HQ's redemption list is keyset-paged on (issuedAt, _id), for one item or all.
      { name: 'item_issued_id', keys: { itemId: 1, issuedAt: -1, _id: -1 } },
      { name: 'issued_id', keys: { issuedAt: -1, _id: -1 } },
    ],
  },
  {
    name: 'visits',
    doc: "_id = vst_* (a signed-in reader's a keyed hash of token + openid + Beijing day, so a day's reopen finds it); one open of a share token: token, viewer (the openid, only once they agreed: member, staff, or visitor with a consent), reader (keyed hash of token + openid, any signed-in reader), sharer, guideOpenid/storeId credited, postId, scene, anonymous, counted (once per viewer, token and day; anonymous within the daily bound), openedAt, seconds (reading time, capped), depth",
    indexes: [
      { name: 'opened', keys: { openedAt: -1 } },
      { name: 'sharer_opened', keys: { sharer: 1, openedAt: -1 } },
      { name: 'viewer_opened', keys: { viewer: 1, openedAt: -1 } },
      { name: 'token_opened', keys: { token: 1, openedAt: -1 } },
      { name: 'counted_opened', keys: { counted: 1, openedAt: -1 } },
      { name: 'post_opened', keys: { postId: 1, openedAt: -1 }, sparse: true },
      // A store's dashboard counts the opens credited to it per day.
      { name: 'store_opened', keys: { storeId: 1, openedAt: -1 }, sparse: true },
      // The worklist's refresh finds visits written since its last firing.
      { name: 'updated', keys: { updatedAt: -1 } },
    ],
  },
  {
    name: 'share_links',
    doc: "_id = share token (17 base62, crypto-random; a wxacode scene carries it); sharer, sharerRole, postKey (postId or '-'), parentKey (the token reshared or '-'), parentSharer, root (first share of the chain), hop, createdAt, poster { fileID, width, height }",
    indexes: [
      { name: 'sharer_post_parent', keys: { sharer: 1, postKey: 1, parentKey: 1 }, unique: true },
      { name: 'post_created', keys: { postKey: 1, createdAt: 1 } },
      { name: 'root', keys: { root: 1 } },
      { name: 'parent', keys: { parentKey: 1 } },
      { name: 'parent_sharer', keys: { parentSharer: 1, createdAt: -1 }, sparse: true },
      { name: 'created', keys: { createdAt: -1 } },
    ],
  },
  {
    name: 'post_tags',
    doc: '_id = postId; interest tags HQ gave the post, updatedAt',
    indexes: [],
  },
  {
    name: 'interests',
    doc: "_id = openid + ':' + tag; seconds a viewer spent reading posts with that tag, updatedAt",
    indexes: [{ name: 'openid', keys: { openid: 1 } }],
  },
  {
    name: 'insight_settings',
    doc: "_id = 'tag_rules'; HQ's interest-tag rules [{ tag, minSeconds }], updatedAt, updatedBy; _id = 'manual_tags': HQ's list of manual tags guides pick from",
    indexes: [],
  },
  {
    name: 'customer_transfers',
    doc: '_id = trf_*; HQ moved customers from one guide to another: from, to, customers (openids), override, at, by; kept as history',
    indexes: [
      { name: 'at', keys: { at: -1 } },
      { name: 'customers_at', keys: { customers: 1, at: -1 } },
    ],
  },
  {
    name: 'worklist_items',
    doc: "_id = wli_* (hash of day, guide, customer); one suggestion on a guide's day: customer, name, reason kind/key/text, goal, scene, filled script, value, expiresAt, createdAt, outcome contacted|later|unfit and outcomeAt",
    indexes: [
      { name: 'guide_day', keys: { guideOpenid: 1, day: 1 } },
      { name: 'day', keys: { day: 1 } },
      { name: 'customer', keys: { customer: 1 } },
    ],
  },
  {
    name: 'worklist_closed',
    doc: '_id = wlc_* (hash of customer, reason key); a reason the customer was contacted for or judged unfit for, never suggested again: customer, key, guideOpenid, outcome, at',
    indexes: [{ name: 'customer', keys: { customer: 1 } }],
  },
  {
    name: 'worklist_runs',
    doc: "_id = guide + ':' + day; when the guide's list for that Beijing day was made or last refreshed: guideOpenid, day, refreshedAt",
    indexes: [{ name: 'day', keys: { day: 1 } }],
  },
  {
    name: 'customer_notes',
    doc: "_id = not_*; a guide's note on a customer: customer, by (the guide), text, at; moves with the customer, removed with the member's data",
    indexes: [{ name: 'customer_at', keys: { customer: 1, at: -1 } }],
  },
  {
    name: 'customer_tags',
    doc: "_id = the customer's openid; manual tags guides gave them (HQ's list or their own words), updatedAt, updatedBy; removed with the member's data",
    indexes: [],
  },
  {
    name: 'scripts',
    doc: "_id = scr_*; a script (话术) with placeholders: owner ('hq' for the library, else the guide's openid), scene, title, text, createdAt, updatedAt",
    indexes: [{ name: 'owner_updated', keys: { owner: 1, updatedAt: -1 } }],
  },
  {
    name: 'erasures',
    doc: '_id = era_* (keyed hash of an openid, key in settings): tombstone of a member who deleted their data: count, anon node id, forfeited points, coupons voided/kept, deletedAt; the sweep job: step, batches, swept, and the openid sealed (subject) until swept; `legacy-entry-ids` records that no journal id of the earlier scheme is left',
    // The resumeErasures timer finds unfinished sweeps, oldest first.
    indexes: [{ name: 'swept_deleted', keys: { swept: 1, deletedAt: 1 } }],
  },
  {
    name: 'visitor_consents',
    doc: "_id = openid; a visitor agreed on the reader page that their opens and reading time may be kept under their openid: version, at. Cleared by the visitor's deleteMyData",
    indexes: [],
  },
  {
    name: 'rate_limits',
    doc: "_id = scope + ':' + subject (an openid, a share token, a visit id); w (the current fixed window's number), n (calls counted in it); one document per counter, reset in place",
    indexes: [],
  },
  {
    name: 'member_codes',
    doc: "_id = a member's 12-digit code for the till; openid, createdAt, expiresAt (60 s after issue), usedAt/award once an award used it; swept a day after expiry",
    indexes: [
      { name: 'openid_expires', keys: { openid: 1, expiresAt: -1 } },
      { name: 'expires', keys: { expiresAt: 1 } },
    ],
  },
  {
    name: 'purchase_awards',
    doc: '_id = pur_* (from guide + requestId); points for a purchase in store: requestId, memberOpenid, guideOpenid, storeId, amountFen, points, createdAt (Date), reversedAt/reversedBy (Date, HQ) when taken back',
    indexes: [
      { name: 'guide_created', keys: { guideOpenid: 1, createdAt: -1 } },
      { name: 'member_created', keys: { memberOpenid: 1, createdAt: -1 } },
      { name: 'store_created', keys: { storeId: 1, createdAt: -1 } },
      { name: 'created_id', keys: { createdAt: -1, _id: -1 } },
    ],
  },
  {
    name: 'purchase_counters',
    doc: "_id = 'm:' or 'g:' + openid + ':' + Beijing day; purchase points a member received / a guide awarded that day (the daily caps)",
    indexes: [],
  },
  {
    name: 'member_tiers',
    doc: "_id = 'current'; HQ's member tiers: basis points|purchase, tiers [{ id, name, min }], version, updatedAt, updatedBy",
    indexes: [],
  },
  {
    name: 'outbox_messages',
    doc: 'subscribe messages sent through openapi (local cloud records them here)',
    indexes: [],
  },
  {
    name: 'subscribe_credits',
    doc: "_id = openid + ':' + kind; credits: subscribe-message sends left (one per acceptance of the template in WeChat's dialog), updatedAt",
    indexes: [
      { name: 'openid', keys: { openid: 1 } },
      { name: 'kind_credits', keys: { kind: 1, credits: 1 } },
    ],
  },
  {
    name: 'notifications',
    doc: "_id = kind + ':' + the event's key; a queued reminder: openid, kind, data (template values), page, status pending|sending|sent|dropped|failed, dueAt, sentAt, reason",
    indexes: [
      { name: 'status_due', keys: { status: 1, dueAt: 1 } },
      { name: 'openid', keys: { openid: 1 } },
    ],
  },
  {
    name: 'targets',
    doc: "_id = month + ':' + scope + ':' + id; HQ's monthly target for a store or a guide: month (YYYY-MM), scope store|guide, refId, newMembers, postsShared, purchasePoints, updatedAt, updatedBy",
    indexes: [{ name: 'month', keys: { month: 1 } }],
  },
  {
    name: 'weekly_reports',
    doc: '_id = wkr_ + the Monday (YYYYMMDD) of the Beijing week it covers; made once by the Monday timer: from, to, createdAt, stores and guides ranked, topPosts (per-post figures), behind (targets behind plan)',
    indexes: [{ name: 'created', keys: { createdAt: -1 } }],
  },
] as const satisfies readonly CollectionSpec[];

export type CollectionName = (typeof COLLECTIONS)[number]['name'];

/**
 * Ids derived from an openid with SIYU_ID_SECRET (server/privacy), so a tombstone or an anonymous
 * node cannot be traced back to the openid by anyone holding only the database.
 */
export { anonymousNode as anonId, tombstoneId as erasureId } from '@server/privacy/keys';

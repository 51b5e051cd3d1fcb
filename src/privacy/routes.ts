export const PRIVACY_ROUTES = {
  /** The in-app privacy guide: declarations, what is stored per role, retention and deletion. */
  guide: '/privacy/guide/index',
} as const;

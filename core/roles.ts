/** Who a caller is, as decided by the function kit on every invocation. */
export const ROLES = ['hq', 'guide', 'customer', 'visitor'] as const;
export type Role = (typeof ROLES)[number];

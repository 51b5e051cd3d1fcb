import type { StatCardProps } from './types';

/**
 * Weapp: the native custom component. A page that renders this must list it in its config:
 * `usingComponents: { 'stat-card': <path to components/native/stat-card/index> }`.
 */
export function StatCard({ label, value, unit, hint, accent }: StatCardProps) {
  return <stat-card label={label} value={value ?? ''} unit={unit ?? ''} hint={hint ?? ''} accent={accent ?? false} />;
}

export type { StatCardProps };

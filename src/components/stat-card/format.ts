/** Mirrors native/stat-card/index.js so both targets print a figure the same way. */
export function formatStatValue(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }
  return String(value);
}

export interface StatCardProps {
  label: string;
  value: number | string | null | undefined;
  unit?: string;
  hint?: string;
  accent?: boolean;
}

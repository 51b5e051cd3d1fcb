/**
 * Rankings shared by the leaderboard, a guide's own figures and the weekly report: guides or
 * stores (summing their guides) ranked by score over a range, scored with HQ's weights.
 */
import type { Figures, LeaderRow, ScoreWeights } from '@core/contracts/insight';
import { allStores, type StoreDoc } from '@server/data/stores';
import { findGuides, type GuideDoc } from '@server/data/users';
import type { Database } from '@server/db/types';
import type { Range } from './days';
import { figuresByGuide, type GuideFigures } from './queries';
import { scoreWith } from './weights';

export const ZERO: Figures = { copies: 0, visits: 0, newMembers: 0, redemptions: 0, score: 0 };

type Named = Figures & { name: string };

function compare(a: Named, b: Named): number {
  return b.score - a.score || b.newMembers - a.newMembers || b.visits - a.visits || a.name.localeCompare(b.name, 'zh');
}

/** Competition ranking (1, 2, 2, 4): equal scores share a place. */
export function ranked<T extends Named>(rows: T[]): (T & { rank: number })[] {
  rows.sort(compare);
  let rank = 0;
  return rows.map((r, i) => {
    if (i === 0 || rows[i - 1]!.score !== r.score) rank = i + 1;
    return { ...r, rank };
  });
}

export type GuideRow = Omit<LeaderRow, 'rank'> & { storeId: string };

/** Active guides, and inactive ones that still have figures in the range. */
export function guideRows(guides: GuideDoc[], figures: GuideFigures, stores: Map<string, StoreDoc>): GuideRow[] {
  return guides
    .filter((g) => g.active || figures.has(g._id))
    .map((g) => {
      const f = figures.get(g._id);
      const storeName = stores.get(g.storeId)?.name;
      return {
        id: g._id,
        name: g.name,
        storeId: g.storeId,
        ...(storeName ? { storeName } : {}),
        copies: f?.copies ?? 0,
        visits: f?.visits ?? 0,
        newMembers: f?.newMembers ?? 0,
        redemptions: f?.redemptions ?? 0,
        score: f?.score ?? 0,
      };
    });
}

export interface Boards {
  /** Every guide ranked across the brand. */
  guides: (GuideRow & { rank: number })[];
  /** Every store ranked, its figures the sum of its guides'. */
  stores: (Figures & { id: string; name: string; rank: number })[];
  figures: GuideFigures;
}

export async function boards(db: Database, range: Range, weights: ScoreWeights): Promise<Boards> {
  const [figures, guides, storeList] = await Promise.all([
    figuresByGuide(db, range, weights),
    findGuides(db),
    allStores(db),
  ]);
  const stores = new Map(storeList.map((s) => [s._id, s]));
  const perGuide = guideRows(guides, figures, stores);
  const byStore = new Map<string, Figures & { id: string; name: string }>();
  for (const s of storeList) byStore.set(s._id, { id: s._id, name: s.name, ...ZERO });
  for (const row of perGuide) {
    const target = byStore.get(row.storeId);
    if (!target) continue;
    target.copies += row.copies;
    target.visits += row.visits;
    target.newMembers += row.newMembers;
    target.redemptions += row.redemptions;
  }
  const storeRows = [...byStore.values()].map((r) => ({ ...r, score: scoreWith(weights, r) }));
  return { guides: ranked(perGuide), stores: ranked(storeRows), figures };
}

/** A board row as the contract shows it (the store id is internal). */
export function leaderRow({ storeId: _storeId, ...row }: GuideRow & { rank: number }): LeaderRow {
  return row;
}

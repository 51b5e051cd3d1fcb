/** What every step of a deletion's sweep works with: the subject, the batch and its query. */
import * as z from 'zod';
import type { CollectionName } from '@core/db/schema';
import { parseDoc } from '@server/db/read';
import type { Condition, Database } from '@server/db/types';
import type { Cloud } from '@server/kit/types';

/** Documents one batch handles: small enough for a few round trips, far under the function timeout. */
export const BATCH = 100;

export interface Subject {
  openid: string;
  /** The anonymous node that takes the person's place where counts must stay whole. */
  anon: string;
  now: number;
}

export interface SweepIo {
  db: Database;
  cloud: Cloud;
}

/** One batch of a step; answers whether more may be left (a full batch). */
export type StepBatch = (io: SweepIo, s: Subject) => Promise<boolean>;

export const IdOnly = z.object({ _id: z.string() });

/** Up to BATCH documents matching `where`, parsed with `schema`. */
export async function batchOf<S extends z.ZodType>(
  db: Database,
  name: CollectionName,
  where: Condition,
  schema: S,
): Promise<z.output<S>[]> {
  const { data } = await db.collection(name).where(where).limit(BATCH).get();
  return data.map((raw) => parseDoc(schema, raw, name));
}

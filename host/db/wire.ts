/**
 * The wire shapes of the database actions, as @cloudbase/database 1.4 (under wx-server-sdk 4.0.2)
 * posts them. Loose objects: the SDK adds envName, tokens and other fields the engine ignores.
 */
import * as z from 'zod';

/** EJSON text; the SDK sends '' for "no filter" in remove(). */
const ejson = z.string();

const base = z.looseObject({ collectionName: z.string().min(1), transactionId: z.string().optional() });
const queryType = z.enum(['WHERE', 'DOC']).optional();

export const GetDocument = base.extend({
  queryType,
  query: ejson.optional(),
  order: ejson.optional(),
  projection: ejson.optional(),
  offset: z.number().int().min(0).optional(),
  limit: z.number().int().optional(),
});
export const CalculateDocument = base.extend({ queryType, query: ejson.optional() });
export const InsertDocument = base.extend({ data: z.array(ejson).min(1) });
export const ModifyDocument = base.extend({
  queryType,
  query: ejson.optional(),
  data: ejson,
  multi: z.boolean().optional(),
  merge: z.boolean().optional(),
  upsert: z.boolean().optional(),
});
export const ModifyAndReturnDoc = base.extend({ queryType, query: ejson.optional(), data: ejson });
export const RemoveDocument = base.extend({ queryType, query: ejson.optional(), multi: z.boolean().optional() });
export const AggregateDocuments = base.extend({
  stages: z.array(z.looseObject({ stageKey: z.string().startsWith('$'), stageValue: z.string() })),
});
export const AddCollection = z.looseObject({ collectionName: z.string().min(1) });
export const TransactionRef = z.looseObject({ transactionId: z.string().min(1) });
/** The older per-document transaction actions (get/updateDoc/deleteDocInTransaction). */
export const DocInTransaction = z.looseObject({
  collectionName: z.string().min(1),
  transactionId: z.string().min(1),
  _id: z.union([z.string(), z.number()]),
  data: ejson.optional(),
  upsert: z.boolean().optional(),
});

export type WireBody = Record<string, unknown>;

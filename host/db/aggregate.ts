/**
 * Aggregation pipelines. `$match` stages use the engine's own matcher (MongoDB semantics, see
 * match.ts); every other stage runs on mingo, which implements the aggregation language well.
 * `$sample` is also done here (distinct documents, as MongoDB returns). Unsorted pipelines keep natural order because the input arrives in natural order and mingo's
 * stages other than $sort/$sample preserve it.
 */
import { requestFailed } from './errors';
import { compileQuery } from './match';
import { Aggregator } from './mingo-options';
import { isPlainObject, type Doc } from './values';

export type CollectionLoader = (name: string) => Doc[];

/**
 * Stages whose mingo implementation never writes to its input documents (checked against mingo
 * 7.2: they sort, slice or group into fresh objects, and the accumulators and expressions build new
 * values). $match and $sample run here and only filter. A pipeline made only of these can run on
 * the stored documents themselves. Others are left out on purpose: $addFields/$set/$unwind copy
 * only the top level and then write nested paths into shared sub-objects, $project can do the same,
 * and $lookup's output would be fed to later stages.
 */
const READ_ONLY_STAGES = new Set(['$match', '$sample', '$sort', '$skip', '$limit', '$count', '$group', '$sortByCount']);

/** True when no stage can modify the documents it is given, so they need no defensive copy. */
export function isReadOnlyPipeline(pipeline: readonly Doc[]): boolean {
  return pipeline.every((stage) => {
    const keys = Object.keys(stage);
    return keys.length === 1 && READ_ONLY_STAGES.has(keys[0] as string);
  });
}

/** A leading `{ $match: {...} }` the caller can apply while loading, and the stages after it. */
export function splitLeadingMatch(pipeline: readonly Doc[]): { match: Doc | undefined; rest: Doc[] } {
  const [first, ...rest] = pipeline;
  if (first && Object.keys(first).length === 1 && isPlainObject(first.$match)) return { match: first.$match, rest };
  return { match: undefined, rest: [...pipeline] };
}

function sampleDistinct(docs: Doc[], size: number): Doc[] {
  const pool = [...docs];
  const n = Math.min(size, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(Math.random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as Doc, pool[i] as Doc];
  }
  return pool.slice(0, n);
}

export function runPipeline(input: Doc[], pipeline: Doc[], load: CollectionLoader): Doc[] {
  let docs = input;
  let segment: Doc[] = [];
  const flush = () => {
    if (segment.length === 0) return;
    const agg = new Aggregator(segment, { collectionResolver: (name: string) => load(name) });
    docs = agg.run<Doc>(docs);
    segment = [];
  };
  for (const stage of pipeline) {
    const keys = Object.keys(stage);
    if (keys.length !== 1) throw requestFailed('each aggregate stage must have exactly one operator');
    if (keys[0] === '$geoNear') throw requestFailed('$geoNear is only valid as the first stage in a pipeline');
    if (keys[0] === '$match') {
      flush();
      const m = stage.$match;
      if (!isPlainObject(m)) throw requestFailed('$match needs an object');
      const pred = compileQuery(m);
      docs = docs.filter((d) => pred(d));
    } else if (keys[0] === '$sample') {
      // mingo samples with replacement; MongoDB returns distinct documents.
      flush();
      const size = isPlainObject(stage.$sample) ? Number(stage.$sample.size) : NaN;
      if (!Number.isInteger(size) || size < 0) throw requestFailed('$sample needs a non-negative integer size');
      docs = sampleDistinct(docs, size);
    } else segment.push(stage);
  }
  flush();
  return docs;
}

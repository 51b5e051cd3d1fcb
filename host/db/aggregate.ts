/**
 * Aggregation pipelines. `$match` stages use the engine's own matcher (MongoDB semantics, see
 * match.ts); every other stage runs on mingo, which implements the aggregation language well.
 * `$sample` is also done here (distinct documents, as MongoDB returns). Unsorted pipelines keep natural order because the input arrives in natural order and mingo's
 * stages other than $sort/$sample preserve it.
 */
import { Aggregator } from 'mingo';
import { requestFailed } from './errors';
import { compileQuery } from './match';
import { isPlainObject, type Doc } from './values';

export type CollectionLoader = (name: string) => Doc[];

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
    const agg = new Aggregator(segment, { collectionResolver: (name: string) => load(name), idKey: '_id' });
    docs = agg.run<Doc>(docs);
    segment = [];
  };
  for (const stage of pipeline) {
    const keys = Object.keys(stage);
    if (keys.length !== 1) throw requestFailed('each aggregate stage must have exactly one operator');
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

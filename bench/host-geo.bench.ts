/**
 * The local cloud's geo queries and aggregations on 100,000 documents, as ratios to a plain
 * indexed `where` measured in the same run (the machine is shared: absolute times move, ratios
 * much less).
 *
 * Each case is the wire request the SDK sends, answered by `engine.handle` in-process (the wire's
 * own cost is host.bench.ts's subject). The collection: 100,000 places spread over China's
 * longitude/latitude box, 50 cities, a 2dsphere index on `location` and an index on `city`.
 * - baseline: `where({ city }).limit(20).get()` (the equality a declared index serves).
 * - geoNear through the index's grid, with and without maxDistance, against the same nearest-20
 *   found by measuring every document (what the grid saves; the two must agree).
 * - geoWithin (a city-sized polygon, a 20 km centerSphere) and the `$geoNear` stage.
 * - aggregations over all 100,000: `$group` with `$sum`/`$avg`, date operators in `$project`, and
 *   `$match` + `$sort` + `$limit`.
 *
 *   npm run bench -- host      (or npx tsx bench/host-geo.bench.ts)
 */
import { EJSON } from 'bson';
import { DatabaseEngine } from '../host/db/engine';
import { nearScan, stageNear } from '../host/db/geo-near';
import { runWhenMain } from './support/main';

const COLL = 'bench_places';
const N = 100_000;
const CITIES = 50;
const HERE = [116.4, 39.9];

export interface GeoRow {
  name: string;
  medianMs: number;
  ratio: number;
  results: number;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const wire = (v: unknown) => EJSON.stringify(v, { relaxed: false });

function median(fn: () => number, runs: number): { ms: number; results: number } {
  let results = fn(); // warm-up, and the result count reported
  for (let i = 0; i < 2; i++) results = fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    results = fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[times.length >> 1] as number, results };
}

export function run(): Promise<GeoRow[]> {
  return Promise.resolve(measure());
}

function measure(): GeoRow[] {
  const engine = new DatabaseEngine({
    file: ':memory:',
    collections: [
      {
        name: COLL,
        doc: 'bench',
        indexes: [
          { name: 'location', keys: { location: '2dsphere' } },
          { name: 'city', keys: { city: 1 } },
        ],
      },
    ],
  });
  try {
    const rand = rng(17);
    const t0 = performance.now();
    for (let b = 0; b < N; b += 1000) {
      const data = Array.from({ length: 1000 }, (_v, i) =>
        wire({
          _id: `p${b + i}`,
          city: `city_${String((b + i) % CITIES).padStart(2, '0')}`,
          n: b + i,
          location: { type: 'Point', coordinates: [100 + rand() * 22, 20 + rand() * 22] },
          at: new Date(Date.UTC(2024, 0, 1) + Math.floor(rand() * 365 * 86_400_000)),
        }),
      );
      const r = engine.handle({ action: 'database.insertDocument', collectionName: COLL, data });
      if (r.code) throw new Error(String(r.message));
    }
    console.log(`loaded ${N.toLocaleString()} documents in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const get =
      (query: unknown, limit = 20) =>
      () => {
        const r = engine.handle({
          action: 'database.getDocument',
          collectionName: COLL,
          queryType: 'WHERE',
          query: wire(query),
          limit,
        });
        if (r.code) throw new Error(String(r.message));
        return (r.data as { list: unknown[] }).list.length;
      };
    const aggregate = (stages: Array<Record<string, unknown>>) => () => {
      const r = engine.handle({
        action: 'database.aggregateDocuments',
        collectionName: COLL,
        stages: stages.map((s) => {
          const [k, v] = Object.entries(s)[0] as [string, unknown];
          return { stageKey: k, stageValue: wire(v) };
        }),
      });
      if (r.code) throw new Error(String(r.message));
      return (r.data as { list: unknown[] }).list.length;
    };
    const point = { type: 'Point', coordinates: HERE };
    const near = (extra: Record<string, unknown> = {}) => ({
      location: { $nearSphere: { $geometry: point, ...extra } },
    });
    const square = (lng: number, lat: number, d: number) => ({
      type: 'Polygon',
      coordinates: [
        [
          [lng, lat],
          [lng + d, lat],
          [lng + d, lat + d],
          [lng, lat + d],
          [lng, lat],
        ],
      ],
    });

    // The grid must find exactly the nearest 20 that measuring every document finds.
    const docs = engine.findDocs(COLL);
    const brute = () =>
      nearScan(
        docs,
        stageNear('location', { near: point, spherical: true }),
        (d) => d,
        () => true,
      ).slice(0, 20);
    const viaIndex = engine.handle({
      action: 'database.getDocument',
      collectionName: COLL,
      query: wire(near()),
      limit: 20,
    });
    const indexedIds = (viaIndex.data as { list: string[] }).list.map((t) => (JSON.parse(t) as { _id: string })._id);
    if (
      indexedIds.join() !==
      brute()
        .map((x) => x.item._id)
        .join()
    )
      throw new Error('geoNear through the grid differs from a full measurement');

    const cases: Array<[string, () => number, number]> = [
      ['where({ city }).limit(20) — baseline', get({ city: 'city_07' }), 200],
      ['where({ n }) — full scan, 1 match', get({ n: N - 1 }), 20],
      ['geoNear limit 20 (2dsphere grid)', get(near()), 200],
      ['geoNear maxDistance 5 km', get(near({ $maxDistance: 5000 }), 100), 200],
      ['geoNear minDistance 50 km limit 20', get(near({ $minDistance: 50_000 })), 100],
      ['geoNear limit 20, every doc measured', () => brute().length, 10],
      ['geoWithin 0.5° polygon', get({ location: { $geoWithin: { $geometry: square(116, 39.5, 0.5) } } }, 1000), 10],
      [
        'geoWithin centerSphere 20 km',
        get({ location: { $geoWithin: { $centerSphere: [HERE, 20 / 6378.1] } } }, 1000),
        10,
      ],
      [
        '$geoNear stage limit 20',
        aggregate([{ $geoNear: { near: point, distanceField: 'd', spherical: true, limit: 20 } }]),
        200,
      ],
      ['$group city: $sum, $avg', aggregate([{ $group: { _id: '$city', n: { $sum: 1 }, avg: { $avg: '$n' } } }]), 10],
      [
        '$project $week/$dateToString + $group',
        aggregate([
          { $project: { w: { $week: '$at' }, d: { $dateToString: { date: '$at', format: '%Y-%m' } } } },
          { $group: { _id: '$d', weeks: { $addToSet: '$w' } } },
        ]),
        5,
      ],
      [
        '$match + $sort + $limit 20',
        aggregate([{ $match: { city: 'city_07' } }, { $sort: { n: -1 } }, { $limit: 20 }]),
        20,
      ],
    ];
    const rows: GeoRow[] = [];
    let base = NaN;
    for (const [name, fn, runs] of cases) {
      const { ms, results } = median(fn, runs);
      if (Number.isNaN(base)) base = ms;
      rows.push({ name, medianMs: ms, ratio: ms / base, results });
    }
    console.log(`local cloud geo and aggregation on ${N.toLocaleString()} documents (engine in-process, same run)`);
    console.log(`${'case'.padEnd(42)} ${'results'.padStart(7)} ${'median ms'.padStart(10)}  ÷ baseline`);
    for (const r of rows)
      console.log(
        `${r.name.padEnd(42)} ${String(r.results).padStart(7)} ${r.medianMs.toFixed(3).padStart(10)}  ${r.ratio.toFixed(1)}×`,
      );
    return rows;
  } finally {
    engine.close();
  }
}

runWhenMain(__filename, run);

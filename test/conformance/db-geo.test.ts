/**
 * Geo values and queries through the SDKs' db.Geo classes and commands: what goes over the wire is
 * GeoJSON; what comes back is rebuilt into the SDK's classes by get() (not by aggregate()).
 * Distances are metres on MongoDB's sphere (radius 6378.1 km).
 */
import { ok } from '../../host/db/sdk-call';
import { failure, startDbCloud, type DbCloud } from './db-support';

let c: DbCloud;
const EARTH = 6_378_100;
const CITIES = {
  beijing: [116.397, 39.909],
  tianjin: [117.2, 39.13],
  shanghai: [121.474, 31.23],
  hangzhou: [120.155, 30.274],
  guangzhou: [113.264, 23.129],
  shenzhen: [114.058, 22.543],
} as const;

/** Great-circle metres on MongoDB's sphere, for the expected values. */
function metres(a: readonly number[], b: readonly number[]): number {
  const r = Math.PI / 180;
  const [l1, p1] = [(a[0] as number) * r, (a[1] as number) * r];
  const [l2, p2] = [(b[0] as number) * r, (b[1] as number) * r];
  const h = Math.sin((p2 - p1) / 2) ** 2 + Math.cos(p1) * Math.cos(p2) * Math.sin((l2 - l1) / 2) ** 2;
  return 2 * EARTH * Math.asin(Math.sqrt(h));
}

beforeAll(async () => {
  c = await startDbCloud();
  const Geo = c.wx.Geo;
  await c.wx.collection('places').add({
    data: Object.entries(CITIES).map(([city, [lng, lat]]) => ({
      _id: city,
      location: Geo.Point(lng, lat),
      open: city !== 'tianjin',
    })),
  });
  await c.wx.collection('places').add({ data: { _id: 'nowhere', open: true } });
});
afterAll(() => c.close());

const idsOf = (r: unknown) => ((r as { data: Array<{ _id: string }> }).data ?? []).map((d) => d._id);

test('Point, LineString, Polygon, MultiPoint, MultiLineString and MultiPolygon are stored as GeoJSON and read back as the SDK’s Geo classes', async () => {
  const G = c.wx.Geo;
  const p = (lng: number, lat: number) => G.Point(lng, lat);
  const square = (x: number, y: number) =>
    G.Polygon([G.LineString([p(x, y), p(x + 1, y), p(x + 1, y + 1), p(x, y + 1), p(x, y)])]);
  const values = {
    point: p(116.4, 39.9),
    line: G.LineString([p(116, 39), p(117, 40)]),
    polygon: square(116, 39),
    multiPoint: G.MultiPoint([p(116, 39), p(117, 40)]),
    multiLine: G.MultiLineString([G.LineString([p(116, 39), p(117, 40)]), G.LineString([p(118, 39), p(119, 40)])]),
    multiPolygon: G.MultiPolygon([square(116, 39), square(120, 30)]),
  };
  await c.wx.collection('shapes').add({ data: { _id: 'all', ...values } });
  // On the wire and at rest: plain GeoJSON.
  expect(c.engine.findDocs('shapes', { _id: 'all' })[0]).toMatchObject({
    point: { type: 'Point', coordinates: [116.4, 39.9] },
    line: {
      type: 'LineString',
      coordinates: [
        [116, 39],
        [117, 40],
      ],
    },
    multiPolygon: { type: 'MultiPolygon', coordinates: [expect.any(Array), expect.any(Array)] as unknown },
  });
  const back = (await ok(c.wx.collection('shapes').doc('all').get())).data as Record<string, unknown>;
  const nodeBack = (
    (await c.node.collection('shapes').doc('all').get()).data as Array<Record<string, unknown>>
  )[0] as Record<string, unknown>;
  for (const [k, v] of Object.entries(values)) {
    expect((back[k] as object).constructor.name).toBe((v as object).constructor.name);
    expect(back[k]).toEqual(v);
    expect((nodeBack[k] as object).constructor.name).toBe((v as object).constructor.name);
  }
});

test('geoNear returns the nearest first, within maxDistance and beyond minDistance', async () => {
  const _ = c.wx.command;
  const from = c.wx.Geo.Point(116.4, 39.9);
  const all = await c.wx
    .collection('places')
    .where({ location: _.geoNear({ geometry: from }) })
    .get();
  expect(idsOf(all)).toEqual(['beijing', 'tianjin', 'shanghai', 'hangzhou', 'guangzhou', 'shenzhen']);
  const near = await c.wx
    .collection('places')
    .where({ location: _.geoNear({ geometry: from, maxDistance: 200_000 }) })
    .get();
  expect(idsOf(near)).toEqual(['beijing', 'tianjin']);
  const ring = await c.wx
    .collection('places')
    .where({ location: _.geoNear({ geometry: from, minDistance: 1_000_000, maxDistance: 1_900_000 }), open: true })
    .get();
  expect(idsOf(ring)).toEqual(['shanghai', 'hangzhou', 'guangzhou']);
  // node-sdk sends the same $nearSphere; limit() takes the nearest.
  const two = await c.node
    .collection('places')
    .where({ location: c.node.command.geoNear({ geometry: new c.node.Geo.Point(121, 31) }) })
    .limit(2)
    .get();
  expect(idsOf(two)).toEqual(['shanghai', 'hangzhou']);
});

test('geoNear without a 2dsphere index fails as MongoDB does, and is refused outside a find', async () => {
  const _ = c.wx.command;
  await c.wx.collection('plain').add({ data: { _id: 'p1', location: c.wx.Geo.Point(116, 39) } });
  expect(
    await failure(
      c.wx
        .collection('plain')
        .where({ location: _.geoNear({ geometry: c.wx.Geo.Point(116, 39) }) })
        .get(),
    ),
  ).toMatchObject({
    errCode: -502001,
    errMsg: expect.stringContaining('unable to find index for $geoNear query') as unknown,
  });
  expect(
    await failure(
      c.wx
        .collection('places')
        .where({ location: _.geoNear({ geometry: c.wx.Geo.Point(116, 39) }) })
        .count(),
    ),
  ).toMatchObject({
    errMsg: expect.stringContaining('$geoNear, $near, and $nearSphere are not allowed in this context') as unknown,
  });
  expect(
    await failure(
      c.wx
        .collection('plain')
        .aggregate()
        .geoNear({ near: c.wx.Geo.Point(116, 39), distanceField: 'd', spherical: true })
        .end(),
    ),
  ).toMatchObject({
    errMsg: expect.stringContaining('$geoNear requires a 2d or 2dsphere index, but none were found') as unknown,
  });
});

test('geoWithin a polygon, a multipolygon and a centerSphere', async () => {
  const { Geo } = c.wx;
  const _ = c.wx.command;
  const p = (lng: number, lat: number) => Geo.Point(lng, lat);
  const north = Geo.Polygon([Geo.LineString([p(115, 38), p(119, 38), p(119, 41), p(115, 41), p(115, 38)])]);
  const south = Geo.Polygon([Geo.LineString([p(112, 22), p(115, 22), p(115, 24), p(112, 24), p(112, 22)])]);
  expect(
    idsOf(
      await c.wx
        .collection('places')
        .where({ location: _.geoWithin({ geometry: north }) })
        .get(),
    ),
  ).toEqual(['beijing', 'tianjin']);
  expect(
    idsOf(
      await c.wx
        .collection('places')
        .where({ location: _.geoWithin({ geometry: Geo.MultiPolygon([north, south]) }) })
        .get(),
    ),
  ).toEqual(['beijing', 'tianjin', 'guangzhou', 'shenzhen']);
  // centerSphere: [center, radius in radians]; 200 km around Shanghai reaches Hangzhou (~165 km).
  const cap = await c.wx
    .collection('places')
    .where({ location: _.geoWithin({ centerSphere: [p(...CITIES.shanghai), 200_000 / EARTH] } as never) })
    .get();
  expect(idsOf(cap)).toEqual(['shanghai', 'hangzhou']);
});

test('geoIntersects between points, lines and polygons', async () => {
  const { Geo } = c.wx;
  const _ = c.wx.command;
  const p = (lng: number, lat: number) => Geo.Point(lng, lat);
  await c.wx.collection('shapes').add({
    data: [
      { _id: 'road', geo: Geo.LineString([p(110, 30), p(112, 32)]) },
      { _id: 'park', geo: Geo.Polygon([Geo.LineString([p(111, 30), p(113, 30), p(113, 31), p(111, 31), p(111, 30)])]) },
      { _id: 'kiosk', geo: p(111.5, 30.5) },
      { _id: 'far', geo: p(100, 10) },
    ],
  });
  const crossing = Geo.LineString([p(110, 31), p(114, 31.5)]);
  const hits = await c.wx
    .collection('shapes')
    .where({ geo: _.geoIntersects({ geometry: crossing }) })
    .get();
  expect(idsOf(hits)).toEqual(['road']);
  const area = Geo.Polygon([
    Geo.LineString([p(111.2, 30.2), p(111.8, 30.2), p(111.8, 30.8), p(111.2, 30.8), p(111.2, 30.2)]),
  ]);
  expect(
    idsOf(
      await c.wx
        .collection('shapes')
        .where({ geo: _.geoIntersects({ geometry: area }) })
        .get(),
    ),
  ).toEqual(['park', 'kiosk']);
  const corner = Geo.Polygon([
    Geo.LineString([p(110.8, 30.8), p(111.2, 30.8), p(111.2, 31.2), p(110.8, 31.2), p(110.8, 30.8)]),
  ]);
  const touching = async (geometry: Parameters<typeof _.geoIntersects>[0]['geometry']) =>
    idsOf(
      await c.wx
        .collection('shapes')
        .where({ geo: _.geoIntersects({ geometry }) })
        .get(),
    );
  expect(await touching(corner)).toEqual(['road', 'park']);
  expect(await touching(p(111.5, 30.5))).toEqual(['park', 'kiosk']);
});

test('the geoNear aggregation stage adds distanceField in metres, nearest first, with query and limit', async () => {
  const _ = c.wx.command;
  const r = await c.wx
    .collection('places')
    .aggregate()
    .geoNear({
      near: c.wx.Geo.Point(...CITIES.beijing),
      distanceField: 'distanceM',
      spherical: true,
      query: { open: true },
      limit: 3,
      includeLocs: 'at',
    })
    .project({ _id: 1, distanceM: 1, at: 1 })
    .end();
  const list = (r as { list: Array<{ _id: string; distanceM: number; at: unknown }> }).list;
  expect(list.map((d) => d._id)).toEqual(['beijing', 'shanghai', 'hangzhou']);
  expect(list[0]?.distanceM).toBe(0);
  expect(list[1]?.distanceM).toBeCloseTo(metres(CITIES.beijing, CITIES.shanghai), 0);
  expect(list[1]?.at).toEqual({ type: 'Point', coordinates: [...CITIES.shanghai] });
  const km = await c.wx
    .collection('places')
    .aggregate()
    .geoNear({
      near: c.wx.Geo.Point(...CITIES.beijing),
      distanceField: 'km',
      spherical: true,
      distanceMultiplier: 0.001,
      maxDistance: 200_000,
      query: { _id: _.neq('beijing') },
    })
    .end();
  expect((km as { list: Array<{ _id: string; km: number }> }).list).toEqual([
    expect.objectContaining({
      _id: 'tianjin',
      km: expect.closeTo(metres(CITIES.beijing, CITIES.tianjin) / 1000, 3) as unknown,
    }),
  ]);
});

test('a value that is not GeoJSON cannot be written to a 2dsphere-indexed field', async () => {
  for (const location of [
    { type: 'Point', coordinates: [190, 10] },
    {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 1],
          [0, 1],
        ],
      ],
    },
    'beijing',
  ])
    expect(await failure(c.wx.collection('places').add({ data: { location } }))).toMatchObject({
      errCode: -502001,
      errMsg: expect.stringContaining("Can't extract geo keys") as unknown,
    });
  // The same value is fine where no 2dsphere index covers the field.
  await c.wx.collection('plain').add({ data: { location: 'beijing' } });
});

test('nearest stores: a GeoPoint per store, the nearest N with their distance in metres', async () => {
  // The product's query: stores in three cities, a visitor in Hangzhou's west lake area.
  const visitor = [120.14, 30.25] as const;
  const r = await c.wx
    .collection('places')
    .aggregate()
    .geoNear({
      near: c.wx.Geo.Point(...visitor),
      distanceField: 'distanceM',
      spherical: true,
      query: { _id: c.wx.command.in(['beijing', 'shanghai', 'hangzhou', 'guangzhou']) },
    })
    .limit(3)
    .end();
  const list = (r as { list: Array<{ _id: string; distanceM: number }> }).list;
  expect(list.map((d) => [d._id, Math.round(d.distanceM)])).toEqual(
    (['hangzhou', 'shanghai', 'guangzhou'] as const).map((city) => [city, Math.round(metres(visitor, CITIES[city]))]),
  );
});

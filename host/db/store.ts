/**
 * Durable storage (SQLite, WAL) under an in-memory cache of decoded documents.
 *
 * The host process is the database server, so holding every collection decoded in memory is
 * allowed (functions are what must hold no state); reads never touch SQLite. Writes go to SQLite
 * first, in one SQLite transaction per logical write, and reach the cache only once SQLite has
 * committed, so a failed write leaves both untouched.
 *
 * Natural order: each document carries `seq`, assigned once at insert; the cache's Map keeps
 * insertion order and an update replaces the value in place, so updates never move a document.
 *
 * Snapshots: every applied write gets a commit number (lsn). While transactions are open, the
 * version a write replaces is kept in `history`, so a transaction reads documents as of its start.
 */
import Database from 'better-sqlite3';
import { calculateObjectSize } from 'bson';
import type { CollectionSpec, IndexSpec } from '@core/db/schema';
import { decodeValue, encodeDoc } from './ejson';
import { collectionNotExist, duplicateKey, requestFailed } from './errors';
import { LIMITS } from './limits';
import { resolvePath } from './match';
import { idKey, isPlainObject, stableText, type Doc } from './values';

export interface Entry {
  readonly key: string;
  readonly doc: Doc;
  readonly seq: number;
  /** Version of this document, +1 per write (kept in SQLite). */
  readonly ver: number;
  /** Commit number of the write that produced this version (process-local). */
  readonly lsn: number;
  /** The canonical EJSON text (as stored), reused for replies without a projection. */
  readonly body: string;
  /** BSON size, for the result-size limit. */
  readonly bytes: number;
}

/** One document write: `after === null` deletes. */
export interface Change {
  coll: string;
  key: string;
  after: Doc | null;
}

/** `sparse` is read if a spec carries it (MongoDB: documents missing every key are not indexed). */
type UniqueSpec = IndexSpec & { sparse?: boolean };

class UniqueIndex {
  readonly owners = new Map<string, string>();
  private readonly paths: string[][];
  constructor(
    readonly name: string,
    readonly fields: string[],
    private readonly sparse: boolean,
  ) {
    this.paths = fields.map((f) => f.split('.'));
  }

  /** Every index key a document produces: arrays are multikey, missing is null. */
  keysOf(doc: Doc): string[] {
    const perField = this.paths.map((p) => {
      const vals: unknown[] = [];
      for (const v of resolvePath(doc, p)) {
        if (Array.isArray(v)) vals.push(...(v.length ? (v as unknown[]) : [undefined]));
        else vals.push(v);
      }
      return vals;
    });
    if (this.sparse && perField.every((vals) => vals.every((v) => v === undefined))) return [];
    let tuples: unknown[][] = [[]];
    for (const vals of perField) tuples = tuples.flatMap((t) => vals.map((v) => [...t, v]));
    return [...new Set(tuples.map((t) => stableText(t)))];
  }

  /** MongoDB's "dup key: { name: \"x\" }" rendering of the offending key. */
  describe(key: string): string {
    const values = this.fields.length === 1 ? key.slice(1, -1) : key;
    return `{ ${this.fields.join(', ')}: ${values} }`;
  }
}

class Collection {
  readonly docs = new Map<string, Entry>();
  readonly unique: UniqueIndex[];
  constructor(
    readonly name: string,
    indexes: readonly IndexSpec[],
  ) {
    const specs = indexes.filter((i) => i.unique) as UniqueSpec[];
    this.unique = [
      new UniqueIndex('_id_', ['_id'], false),
      ...specs.map((s) => new UniqueIndex(s.name, Object.keys(s.keys), Boolean(s.sparse))),
    ];
  }
}

interface HistoryItem {
  from: number;
  to: number;
  doc: Doc | null;
}

export class Store {
  private readonly sql: Database.Database;
  private readonly colls = new Map<string, Collection>();
  private readonly specs = new Map<string, readonly IndexSpec[]>();
  private readonly history = new Map<string, HistoryItem[]>();
  private readonly stmt: Record<'addColl' | 'insert' | 'update' | 'delete', Database.Statement>;
  private nextSeq = 1;
  lsn = 0;
  /** Set by the transaction manager: keep replaced versions while snapshots are open. */
  keepHistory = false;

  constructor(file: string, collections: readonly CollectionSpec[], synchronous: 'NORMAL' | 'FULL') {
    this.sql = new Database(file);
    this.sql.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a commit is in the OS once write() returns, so it survives the process
    // being killed (kill -9); FULL also survives power loss at an fsync per commit.
    this.sql.pragma(`synchronous = ${synchronous}`);
    this.sql.exec(`
      CREATE TABLE IF NOT EXISTS collections (name TEXT PRIMARY KEY);
      CREATE TABLE IF NOT EXISTS docs (
        coll TEXT NOT NULL, key TEXT NOT NULL, seq INTEGER NOT NULL, ver INTEGER NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (coll, key)) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS docs_natural ON docs (coll, seq);`);
    this.stmt = {
      addColl: this.sql.prepare('INSERT OR IGNORE INTO collections (name) VALUES (?)'),
      insert: this.sql.prepare('INSERT INTO docs (coll, key, seq, ver, body) VALUES (?, ?, ?, ?, ?)'),
      update: this.sql.prepare('UPDATE docs SET ver = ?, body = ? WHERE coll = ? AND key = ?'),
      delete: this.sql.prepare('DELETE FROM docs WHERE coll = ? AND key = ?'),
    };
    for (const c of collections) this.specs.set(c.name, c.indexes);
    this.sql.transaction(() => {
      for (const c of collections) this.stmt.addColl.run(c.name);
    })();
    this.load();
  }

  private load(): void {
    const names = this.sql.prepare('SELECT name FROM collections ORDER BY name').all() as Array<{ name: string }>;
    for (const { name } of names) this.colls.set(name, new Collection(name, this.specs.get(name) ?? []));
    const rows = this.sql
      .prepare('SELECT coll, key, seq, ver, body FROM docs ORDER BY seq')
      .iterate() as IterableIterator<{
      coll: string;
      key: string;
      seq: number;
      ver: number;
      body: string;
    }>;
    for (const r of rows) {
      const c = this.colls.get(r.coll);
      if (!c) continue;
      const doc = decodeValue(r.body, 0) as Doc;
      c.docs.set(r.key, {
        key: r.key,
        doc,
        seq: r.seq,
        ver: r.ver,
        lsn: 0,
        body: r.body,
        bytes: calculateObjectSize(doc),
      });
      for (const idx of c.unique) for (const k of idx.keysOf(doc)) idx.owners.set(k, r.key);
      this.nextSeq = Math.max(this.nextSeq, r.seq + 1);
    }
  }

  has(name: string): boolean {
    return this.colls.has(name);
  }

  names(): string[] {
    return [...this.colls.keys()].sort();
  }

  /** Returns false when the collection already existed. */
  addCollection(name: string): boolean {
    if (this.colls.has(name)) return false;
    this.stmt.addColl.run(name);
    this.colls.set(name, new Collection(name, this.specs.get(name) ?? []));
    return true;
  }

  private coll(name: string): Collection {
    const c = this.colls.get(name);
    if (!c) throw collectionNotExist(name);
    return c;
  }

  /** Documents in natural order. The returned objects are shared: never mutate them. */
  scan(name: string): IterableIterator<Entry> {
    return this.coll(name).docs.values();
  }

  get(name: string, id: unknown): Entry | undefined {
    return this.coll(name).docs.get(idKey(id));
  }

  getByKey(name: string, key: string): Entry | undefined {
    return this.coll(name).docs.get(key);
  }

  count(name: string): number {
    return this.coll(name).docs.size;
  }

  /** The document as of commit `lsn` (null: absent then). */
  readAt(name: string, key: string, lsn: number): Doc | null {
    const cur = this.coll(name).docs.get(key);
    if (cur && cur.lsn <= lsn) return cur.doc;
    const h = this.history.get(`${name}\u0000${key}`)?.find((x) => x.from <= lsn && lsn < x.to);
    return h ? h.doc : null;
  }

  /** Whether any commit after `lsn` wrote this document. */
  changedSince(name: string, key: string, lsn: number): boolean {
    const cur = this.coll(name).docs.get(key);
    if (cur && cur.lsn > lsn) return true;
    return (this.history.get(`${name}\u0000${key}`) ?? []).some((x) => x.to > lsn);
  }

  /** Drops versions no open snapshot can read. */
  pruneHistory(oldestSnapshot: number | undefined): void {
    if (oldestSnapshot === undefined) {
      this.history.clear();
      return;
    }
    for (const [k, items] of this.history) {
      const kept = items.filter((x) => x.to > oldestSnapshot);
      if (kept.length) this.history.set(k, kept);
      else this.history.delete(k);
    }
  }

  /**
   * Checks unique indexes and sizes for a set of writes as if applied in order, then applies them
   * in one SQLite transaction and updates the cache. All or nothing.
   */
  apply(changes: readonly Change[]): void {
    if (changes.length === 0) return;
    const encoded = this.validate(changes);
    const lsn = this.lsn + 1;
    const planned: Array<{ c: Collection; key: string; before: Entry | undefined; after: Entry | null }> = [];
    const pending = new Map<string, Entry | null>();
    for (const [i, ch] of changes.entries()) {
      const c = this.coll(ch.coll);
      const enc = encoded[i];
      const pk = `${ch.coll}\u0000${ch.key}`;
      const before = pending.has(pk) ? (pending.get(pk) ?? undefined) : c.docs.get(ch.key);
      const after: Entry | null =
        ch.after && enc
          ? {
              key: ch.key,
              doc: ch.after,
              seq: before?.seq ?? this.nextSeq++,
              ver: (before?.ver ?? 0) + 1,
              lsn,
              body: enc.body,
              bytes: enc.bytes,
            }
          : null;
      pending.set(pk, after);
      planned.push({ c, key: ch.key, before, after });
    }
    this.sql.transaction(() => {
      for (const p of planned) {
        if (p.after === null) {
          if (p.before) this.stmt.delete.run(p.c.name, p.key);
        } else if (p.before) this.stmt.update.run(p.after.ver, p.after.body, p.c.name, p.key);
        else this.stmt.insert.run(p.c.name, p.key, p.after.seq, p.after.ver, p.after.body);
      }
    })();
    this.lsn = lsn;
    for (const p of planned) {
      if (p.before) {
        for (const idx of p.c.unique)
          for (const k of idx.keysOf(p.before.doc)) if (idx.owners.get(k) === p.key) idx.owners.delete(k);
        if (this.keepHistory) {
          const hk = `${p.c.name}\u0000${p.key}`;
          const list = this.history.get(hk) ?? [];
          list.push({ from: p.before.lsn, to: lsn, doc: p.before.doc });
          this.history.set(hk, list);
        }
      }
      if (p.after) {
        p.c.docs.set(p.key, p.after);
        for (const idx of p.c.unique) for (const k of idx.keysOf(p.after.doc)) idx.owners.set(k, p.key);
      } else p.c.docs.delete(p.key);
    }
  }

  /**
   * A transaction's write against unique indexes: committed documents it has not rewritten, and its
   * own pending writes. (Commit checks again, against whatever committed meanwhile.)
   */
  checkUnique(
    coll: string,
    key: string,
    doc: Doc,
    pending: Iterable<{ coll: string; key: string; doc: Doc | null }>,
  ): void {
    const c = this.coll(coll);
    const mine = new Map<string, Doc | null>();
    for (const w of pending) if (w.coll === coll && w.key !== key) mine.set(w.key, w.doc);
    for (const idx of c.unique) {
      if (idx.name === '_id_') continue;
      for (const k of idx.keysOf(doc)) {
        const owner = idx.owners.get(k);
        if (owner && owner !== key && !mine.has(owner)) throw duplicateKey(coll, idx.name, idx.describe(k));
        for (const other of mine.values())
          if (other && idx.keysOf(other).includes(k)) throw duplicateKey(coll, idx.name, idx.describe(k));
      }
    }
  }

  /** Unique keys and document sizes; returns the encoded bodies (undefined for deletes). */
  private validate(changes: readonly Change[]): Array<{ body: string; bytes: number } | undefined> {
    const overlay = new Map<string, string | null>();
    const current = new Map<string, Doc | null>();
    return changes.map((ch) => {
      const c = this.coll(ch.coll);
      const pk = `${ch.coll}\u0000${ch.key}`;
      const before = current.has(pk) ? current.get(pk) : (c.docs.get(ch.key)?.doc ?? null);
      current.set(pk, ch.after);
      for (const idx of c.unique) {
        const ik = (k: string) => `${ch.coll}\u0000${idx.name}\u0000${k}`;
        if (before)
          for (const k of idx.keysOf(before))
            if ((overlay.has(ik(k)) ? overlay.get(ik(k)) : idx.owners.get(k)) === ch.key) overlay.set(ik(k), null);
        if (ch.after)
          for (const k of idx.keysOf(ch.after)) {
            const owner = overlay.has(ik(k)) ? overlay.get(ik(k)) : idx.owners.get(k);
            if (owner && owner !== ch.key) throw duplicateKey(ch.coll, idx.name, idx.describe(k));
            overlay.set(ik(k), ch.key);
          }
      }
      if (!ch.after) return undefined;
      const size = calculateObjectSize(ch.after);
      if (size > LIMITS.maxDocumentBytes)
        throw requestFailed(`document too large: ${size} bytes (limit ${LIMITS.maxDocumentBytes})`);
      return { body: encodeDoc(ch.after), bytes: size };
    });
  }

  integrityCheck(): string {
    return String(this.sql.pragma('integrity_check', { simple: true }));
  }

  /** Every collection and document, in a stable text form, for "nothing changed" assertions. */
  snapshot(): string {
    const out: string[] = [];
    for (const name of this.names()) {
      out.push(`# ${name}`);
      for (const e of this.coll(name).docs.values()) out.push(stableText(e.doc));
    }
    return out.join('\n');
  }

  close(): void {
    if (this.sql.open) this.sql.close();
  }
}

export function assertDoc(v: unknown, what: string): Doc {
  if (!isPlainObject(v)) throw requestFailed(`${what} must be an object`);
  return v;
}

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
import { calculateObjectSize } from 'bson';
import type { CollectionSpec, IndexSpec } from '@core/db/schema';
import { Collection, type Entry } from './collection';
import { decodeValue, encodeDoc } from './ejson';
import type { GeoIndex } from './geo-index';
import { collectionNotExist, duplicateKey, requestFailed } from './errors';
import { LIMITS } from './limits';
import { SqliteFile } from './sqlite-file';
import { idKey, stableText, type Doc } from './values';
import { VersionHistory } from './version-history';

/** One document write: `after === null` deletes. */
export interface Change {
  coll: string;
  key: string;
  after: Doc | null;
}

export class Store {
  private readonly file: SqliteFile;
  private readonly colls = new Map<string, Collection>();
  private readonly specs = new Map<string, readonly IndexSpec[]>();
  private readonly history = new VersionHistory();
  private nextSeq = 1;
  lsn = 0;
  /** Set by the transaction manager: keep replaced versions while snapshots are open. */
  keepHistory = false;

  constructor(file: string, collections: readonly CollectionSpec[], synchronous: 'NORMAL' | 'FULL') {
    this.file = new SqliteFile(file, synchronous);
    for (const c of collections) this.specs.set(c.name, c.indexes);
    this.file.addCollections(collections.map((c) => c.name));
    this.load();
  }

  private load(): void {
    for (const name of this.file.collectionNames())
      this.colls.set(name, new Collection(name, this.specs.get(name) ?? []));
    for (const r of this.file.rows()) {
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
      c.index(r.key, doc);
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
    this.file.addCollections([name]);
    this.colls.set(name, new Collection(name, this.specs.get(name) ?? []));
    return true;
  }

  /** The indexes declared for a collection (none for one created on the fly). */
  indexes(name: string): readonly IndexSpec[] {
    return this.specs.get(name) ?? [];
  }

  /** A collection's 2dsphere index on a field (undefined when it has none). */
  geoIndex(name: string, field: string): GeoIndex | undefined {
    return this.coll(name).geoIndexOn(field);
  }

  /** Every 2dsphere index of a collection. */
  geoIndexes(name: string): readonly GeoIndex[] {
    return this.coll(name).geo;
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
    return this.history.at(name, key, lsn)?.doc ?? null;
  }

  /**
   * Every document as of commit `lsn`, in natural order: current ones unchanged since, older
   * versions of those changed since, and those deleted since.
   */
  scanAt(name: string, lsn: number): Array<{ key: string; doc: Doc; seq: number }> {
    const out: Array<{ key: string; doc: Doc; seq: number }> = [];
    let replaced = false;
    for (const e of this.coll(name).docs.values()) {
      if (e.lsn <= lsn) out.push({ key: e.key, doc: e.doc, seq: e.seq });
      else {
        replaced = true;
        const v = this.history.at(name, e.key, lsn);
        if (v?.doc) out.push({ key: e.key, doc: v.doc, seq: v.seq });
      }
    }
    for (const key of this.history.keysOf(name)) {
      if (this.coll(name).docs.has(key)) continue;
      const v = this.history.at(name, key, lsn);
      if (v?.doc) {
        replaced = true;
        out.push({ key, doc: v.doc, seq: v.seq });
      }
    }
    return replaced ? out.sort((a, b) => a.seq - b.seq) : out;
  }

  /** Whether any commit after `lsn` wrote this document. */
  changedSince(name: string, key: string, lsn: number): boolean {
    const cur = this.coll(name).docs.get(key);
    if (cur && cur.lsn > lsn) return true;
    return this.history.replacedAfter(name, key, lsn);
  }

  /** Drops versions no open snapshot can read. */
  pruneHistory(oldestSnapshot: number | undefined): void {
    this.history.prune(oldestSnapshot);
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
    this.file.write(
      planned.map((p) => ({
        coll: p.c.name,
        key: p.key,
        exists: p.before !== undefined,
        row: p.after && { coll: p.c.name, key: p.key, seq: p.after.seq, ver: p.after.ver, body: p.after.body },
      })),
    );
    this.lsn = lsn;
    for (const p of planned) {
      if (p.before) {
        p.c.unindex(p.key, p.before.doc);
        if (this.keepHistory)
          this.history.record(p.c.name, p.key, {
            from: p.before.lsn,
            to: lsn,
            doc: p.before.doc,
            seq: p.before.seq,
          });
      }
      if (p.after) {
        p.c.docs.set(p.key, p.after);
        p.c.index(p.key, p.after.doc);
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
      for (const g of c.geo) g.check(ch.after);
      const size = calculateObjectSize(ch.after);
      if (size > LIMITS.maxDocumentBytes)
        throw requestFailed(`document too large: ${size} bytes (limit ${LIMITS.maxDocumentBytes})`);
      return { body: encodeDoc(ch.after), bytes: size };
    });
  }

  integrityCheck(): string {
    return this.file.integrityCheck();
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
    this.file.close();
  }
}

/**
 * The database file: SQLite in WAL mode with one row per document (collection, key, natural-order
 * seq, version, canonical EJSON body) and the list of collections. Every logical write is one
 * SQLite transaction.
 */
import Database from 'better-sqlite3';

export interface DocRow {
  coll: string;
  key: string;
  seq: number;
  ver: number;
  body: string;
}

/** One row write: `row` null deletes; `exists` says whether the row is there now. */
export interface RowWrite {
  coll: string;
  key: string;
  exists: boolean;
  row: DocRow | null;
}

export class SqliteFile {
  private readonly sql: Database.Database;
  private readonly stmt: Record<'addColl' | 'insert' | 'update' | 'delete', Database.Statement>;

  constructor(file: string, synchronous: 'NORMAL' | 'FULL') {
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
  }

  addCollections(names: readonly string[]): void {
    this.sql.transaction(() => {
      for (const name of names) this.stmt.addColl.run(name);
    })();
  }

  collectionNames(): string[] {
    return (this.sql.prepare('SELECT name FROM collections ORDER BY name').all() as Array<{ name: string }>).map(
      (r) => r.name,
    );
  }

  /** Every document row, in natural order. */
  rows(): IterableIterator<DocRow> {
    return this.sql
      .prepare('SELECT coll, key, seq, ver, body FROM docs ORDER BY seq')
      .iterate() as IterableIterator<DocRow>;
  }

  /** Applies the writes in one SQLite transaction: all or nothing. */
  write(writes: readonly RowWrite[]): void {
    this.sql.transaction(() => {
      for (const w of writes) {
        if (w.row === null) {
          if (w.exists) this.stmt.delete.run(w.coll, w.key);
        } else if (w.exists) this.stmt.update.run(w.row.ver, w.row.body, w.coll, w.key);
        else this.stmt.insert.run(w.coll, w.key, w.row.seq, w.row.ver, w.row.body);
      }
    })();
  }

  integrityCheck(): string {
    return String(this.sql.pragma('integrity_check', { simple: true }));
  }

  close(): void {
    if (this.sql.open) this.sql.close();
  }
}

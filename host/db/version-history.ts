/**
 * Replaced document versions, kept while transactions are open so each reads the database as of
 * its start (its snapshot's commit number). A version is readable by snapshots in [from, to).
 */
import type { Doc } from './values';

interface Version {
  from: number;
  to: number;
  /** null: the document was absent in that range. */
  doc: Doc | null;
  /** Its natural-order position, so a snapshot scan can place documents deleted since. */
  seq: number;
}

const keyOf = (coll: string, key: string) => `${coll}\u0000${key}`;

export class VersionHistory {
  private readonly versions = new Map<string, Version[]>();

  /** Keeps `doc`, current from commit `from` until the commit `to` that replaced it. */
  record(coll: string, key: string, version: Version): void {
    const k = keyOf(coll, key);
    const list = this.versions.get(k) ?? [];
    list.push(version);
    this.versions.set(k, list);
  }

  /** The version a snapshot at commit `lsn` reads, if one was replaced since. */
  at(coll: string, key: string, lsn: number): Version | undefined {
    return this.versions.get(keyOf(coll, key))?.find((x) => x.from <= lsn && lsn < x.to);
  }

  /** Keys of one collection with a replaced version kept (deleted documents among them). */
  *keysOf(coll: string): IterableIterator<string> {
    const prefix = `${coll}\u0000`;
    for (const k of this.versions.keys()) if (k.startsWith(prefix)) yield k.slice(prefix.length);
  }

  /** Whether a commit after `lsn` replaced a version of this document. */
  replacedAfter(coll: string, key: string, lsn: number): boolean {
    return (this.versions.get(keyOf(coll, key)) ?? []).some((x) => x.to > lsn);
  }

  /** Drops versions no open snapshot can read (all of them when none is open). */
  prune(oldestSnapshot: number | undefined): void {
    if (oldestSnapshot === undefined) {
      this.versions.clear();
      return;
    }
    for (const [k, items] of this.versions) {
      const kept = items.filter((x) => x.to > oldestSnapshot);
      if (kept.length) this.versions.set(k, kept);
      else this.versions.delete(k);
    }
  }
}

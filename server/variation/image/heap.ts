/**
 * V8's heap setting for a process that makes image variants (the content function's instances, and
 * the benches that measure them the same way).
 *
 * A variant's call allocates little in the JavaScript heap (≈ 120 KB) but holds megabytes outside it
 * (sharp's decoded images, typed arrays' backing stores), and with incremental marking on, V8 starts a
 * marking cycle every few variants on its limit heuristics and finalises it with a mark-compact of an
 * old generation that frees nothing (8.5 MB before and after): 28–32 mark-compacts per 200 variants,
 * 1.0–1.2 ms of main-thread pauses per variant plus the helpers' concurrent marking. With incremental
 * marking off, the same 200 variants see 1–2 mark-compacts (the external-memory collections that
 * free sharp's buffers still run, atomically) and 0.1–0.2 ms of pauses: 0.5–2.7 ms less CPU per
 * variant on average in four alternating pairs, and 0.47–0.48 → 0.33–0.40 CPU-s per guide's 9-image
 * variant in one content-function instance (docs/scale.md, "What the interleaving really billed to
 * the variant, and incremental marking"). Major collections become stop-the-world,
 * a few ms on a heap this small, which no action of the function notices.
 *
 * Set at run time because a function cannot choose its Node command line (CloudBase starts the
 * runtime; NODE_OPTIONS does not accept this flag). V8 reads the flag whenever it would start a
 * marking cycle, so setting it early, before any image work, is enough; `heap.test.ts` checks in a
 * child process that no marking cycle starts afterwards (and that one does without it).
 */
import v8 from 'node:v8';

let tuned = false;

export function tuneHeapForImages(): void {
  if (tuned) return;
  tuned = true;
  v8.setFlagsFromString('--no-incremental-marking');
}

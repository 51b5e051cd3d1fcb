import path from 'node:path';

/**
 * Runs a bench's `run()` when its file is the process's entry (`npx tsx bench/x.bench.ts`), not when
 * bench/index.ts imports it. Exits 1 on an error or when `passed` says the result failed, else 0
 * (a stopped local cloud may leave handles that would keep the process alive).
 */
export function runWhenMain<T>(
  filename: string,
  run: () => Promise<T>,
  passed: (result: T) => boolean = () => true,
): void {
  if (!process.argv[1] || path.resolve(process.argv[1]) !== filename) return;
  run().then(
    (result) => process.exit(passed(result) ? 0 : 1),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}

/**
 * The local cloud in its own process, the way `npm run host` runs it, driven by its parent over IPC:
 * it reports its URL when ready, fires timer triggers, samples its own memory and reports its
 * instances' counters on request, and stops on request. Forked by bench-cloud.ts with the host spec
 * in SIYU_BENCH_HOST.
 */
import { sampleMemory, startBenchHost, type HostSpec } from './cloud-host';

export type ChildRequest =
  | { id: number; type: 'fire'; fn: string; trigger: string }
  | { id: number; type: 'sample' }
  | { id: number; type: 'stats' }
  | { id: number; type: 'stop' };

export type ChildMessage =
  | { type: 'ready'; url: string }
  | { type: 'failed'; error: string }
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string };

function send(msg: ChildMessage): void {
  process.send?.(msg);
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.env.SIYU_BENCH_HOST ?? '') as HostSpec;
  const cloud = await startBenchHost(spec);
  process.on('message', (raw: ChildRequest) => {
    const answer = async (): Promise<unknown> => {
      switch (raw.type) {
        case 'fire':
          return cloud.timers.fire(raw.fn, raw.trigger);
        case 'sample':
          return sampleMemory(cloud);
        case 'stats':
          return cloud.runtime.stats();
        case 'stop':
          await cloud.stop();
          return null;
      }
    };
    answer().then(
      (result) => {
        send({ id: raw.id, ok: true, result });
        if (raw.type === 'stop') process.disconnect();
      },
      (err: unknown) => send({ id: raw.id, ok: false, error: (err as Error).message }),
    );
  });
  send({ type: 'ready', url: cloud.url });
}

main().catch((err: unknown) => {
  send({ type: 'failed', error: (err as Error).stack ?? String(err) });
  process.exit(1);
});

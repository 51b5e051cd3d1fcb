/** The messages between the local cloud and a function instance (child.ts), over Node's IPC channel. */
import type { EnvVars } from '../env-proxy';

/** How often an instance samples its resident memory while it runs an invocation. */
export const RSS_SAMPLE_MS = 50;

export type HostRequest =
  | {
      type: 'invoke';
      id: number;
      event: unknown;
      context: Record<string, unknown>;
      /** The invocation's own environment: identity, the wire endpoint, the function settings. */
      vars: EnvVars;
    }
  /** A spare process becomes an instance of the function in `file`. */
  | { type: 'load'; file: string; gatewayRoute: string };

export type ChildReply =
  /** A spare process has the SDK loaded and waits to be given a function. */
  | { type: 'spare' }
  | { type: 'ready'; rssMb: number }
  | { type: 'failed'; error: { name: string; message: string } }
  | {
      type: 'done';
      id: number;
      ok: boolean;
      /** The result as JSON text (what the platform hands a caller). */
      json?: string;
      error?: { name: string; message: string };
      /** Largest resident set seen while the invocation ran. */
      peakRssMb: number;
    };

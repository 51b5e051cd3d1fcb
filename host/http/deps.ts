/** What the HTTP routes are given: the services behind them and the logs. */
import type { AiGateway } from '../ai/ai-gateway';
import type { FunctionRuntime } from '../functions/runtime';
import type { OpenApiService } from '../openapi/openapi-service';
import type { StorageService } from '../storage/storage-service';
import type { StaticSite } from './static-files';

/** The database side as the server needs it (the DatabaseEngine satisfies it). */
export interface WireDatabase {
  handle(body: Record<string, unknown>): Record<string, unknown>;
}

export interface DevUser {
  openid: string;
  role: string;
  name: string;
  storeId?: string;
  storeName?: string;
}

/** A subscribe message as the H5 inbox shows it (the local cloud keeps every one sent). */
export interface InboxMessage {
  id: string;
  templateId: string;
  page: string | null;
  data: Record<string, { value: string }>;
  sentAt: number;
}

export interface ServerDeps {
  database: WireDatabase;
  storage: StorageService;
  openapi: OpenApiService;
  /** The CloudBase HTTP API gateway's AI routes (cloud.ai()). */
  ai: AiGateway;
  runtime: FunctionRuntime;
  site: StaticSite;
  devUsers: () => DevUser[];
  /** Subscribe messages sent to one openid, newest first (the H5-only inbox page). */
  inbox: (openid: string) => InboxMessage[];
  /** Largest body each route reads, in bytes. */
  bodyLimits: { bridge: number; upload: number; admin: number; files: number };
  /** Web origins besides its own that a browser may call from. */
  allowedOrigins: readonly string[];
  /** Request log (silenced by quiet). */
  log: (line: string) => void;
  /** Per-request log of the CloudBase wire (/admin): off unless SIYU_LOG_WIRE=1. */
  logWire: (line: string) => void;
  /** Faults of the local cloud itself: always shown, they are bugs to fix. */
  logError: (line: string) => void;
}

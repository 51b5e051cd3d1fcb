/**
 * The storage side of the CloudBase wire (`storage.*` actions on /admin) and the object-store
 * URLs the SDK uploads to and downloads from. Wire shapes read from @cloudbase/node-sdk 3.17.2
 * (dist/storage/index.js), which wx-server-sdk 4.0.2 uses for uploadFile / getTempFileURL /
 * downloadFile / deleteFile.
 */
import crypto from 'node:crypto';
import { StoragePathError, checkCloudPath, type FileStore } from './file-store';

export type WireReply = Record<string, unknown>;

/** An upload URL is good for this long, once (COS signs it for a few minutes). */
const UPLOAD_TOKEN_TTL_MS = 10 * 60_000;

interface UploadGrant {
  cloudPath: string;
  expiresAt: number;
}

const wireError = (code: string, message: string): WireReply => ({
  code,
  message,
  requestId: `local-${crypto.randomUUID()}`,
});

export class StorageService {
  readonly files: FileStore;
  private readonly baseUrl: () => string;
  private readonly filesPath: string;
  private readonly grants = new Map<string, UploadGrant>();

  /** `filesPath`: the URL path prefix objects are served under (ends with '/'). */
  constructor(files: FileStore, baseUrl: () => string, filesPath: string) {
    this.files = files;
    this.baseUrl = baseUrl;
    this.filesPath = filesPath;
  }

  /** The download URL of a stored object (unencoded, as the platform returns it; the SDK encodes). */
  urlOf(cloudPath: string): string {
    return `${this.baseUrl()}${this.filesPath}${checkCloudPath(cloudPath)}`;
  }

  readonly actions: Record<string, (body: Record<string, unknown>) => WireReply> = {
    'storage.getUploadMetadata': (body) => {
      let cloudPath: string;
      try {
        cloudPath = checkCloudPath(body.path);
      } catch (err) {
        return wireError('STORAGE_REQUEST_FAIL', (err as Error).message);
      }
      const token = crypto.randomBytes(16).toString('hex');
      const now = Date.now();
      for (const [t, g] of this.grants) if (g.expiresAt < now) this.grants.delete(t);
      this.grants.set(token, { cloudPath, expiresAt: now + UPLOAD_TOKEN_TTL_MS });
      return {
        requestId: `local-${crypto.randomUUID()}`,
        data: {
          url: this.urlOf(cloudPath),
          token,
          authorization: `local ${token}`,
          fileId: this.files.fileIdOf(cloudPath),
          cosFileId: `local-cos-${token.slice(0, 8)}`,
        },
      };
    },

    'storage.batchGetDownloadUrl': (body) => {
      const list = Array.isArray(body.file_list) ? (body.file_list as unknown[]) : null;
      if (!list) return wireError('INVALID_PARAM', 'file_list must be an array');
      const download_list = list.map((item) => {
        const fileID = item && typeof item === 'object' ? (item as { fileid?: unknown }).fileid : undefined;
        try {
          const cloudPath = this.files.cloudPathOf(fileID);
          if (this.files.stat(cloudPath)) return { fileID, tempFileURL: this.urlOf(cloudPath), code: 'SUCCESS' };
          return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST' };
        } catch (err) {
          if (err instanceof StoragePathError) return { fileID, tempFileURL: '', code: 'INVALID_PARAM' };
          throw err;
        }
      });
      return { requestId: `local-${crypto.randomUUID()}`, data: { download_list } };
    },

    'storage.batchDeleteFile': (body) => {
      const list = Array.isArray(body.fileid_list) ? (body.fileid_list as unknown[]) : null;
      if (!list) return wireError('INVALID_PARAM', 'fileid_list must be an array');
      const delete_list = list.map((fileID) => {
        try {
          return {
            fileID,
            code: this.files.remove(this.files.cloudPathOf(fileID)) ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST',
          };
        } catch (err) {
          if (err instanceof StoragePathError) return { fileID, code: 'INVALID_PARAM' };
          throw err;
        }
      });
      return { requestId: `local-${crypto.randomUUID()}`, data: { delete_list } };
    },
  };

  /**
   * A PUT to an upload URL. Needs the token from getUploadMetadata for that very path, as COS
   * needs its signature; returns the COS-style reply (empty body on success, XML error otherwise).
   */
  acceptUpload(cloudPath: string, token: string | undefined, bytes: Buffer): { status: number; body: string } {
    const grant = token ? this.grants.get(token) : undefined;
    if (!grant || grant.cloudPath !== cloudPath || grant.expiresAt < Date.now()) {
      return {
        status: 403,
        body: cosError('AccessDenied', 'Request has expired or the signature does not match', cloudPath),
      };
    }
    if (token) this.grants.delete(token);
    this.files.write(cloudPath, bytes);
    return { status: 200, body: '' };
  }

  /** Bridge upload (`POST /storage/upload?cloudPath=`): no token, local only. */
  upload(cloudPath: string, bytes: Buffer): string {
    return this.files.write(checkCloudPath(cloudPath), bytes);
  }
}

function cosError(code: string, message: string, resource: string): string {
  const esc = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const id = crypto.randomBytes(8).toString('hex');
  return `<?xml version='1.0' encoding='utf-8' ?>\n<Error><Code>${code}</Code><Message>${esc(message)}</Message><Resource>/${esc(resource)}</Resource><RequestId>${id}</RequestId><TraceId>${id}</TraceId></Error>`;
}

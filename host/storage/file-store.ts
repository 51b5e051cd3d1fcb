/**
 * Cloud storage on the local disk: objects under `<dataDir>/files/<cloudPath>`, named by fileIDs
 * shaped like CloudBase's (`cloud://<env>.<bucket>/<cloudPath>`).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import mime from 'mime-types';

export class StoragePathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoragePathError';
  }
}

/** COS caps an object key at 850 bytes. */
const MAX_KEY_BYTES = 850;

/**
 * Checks a cloudPath and returns it normalised. Refuses anything that could leave the storage
 * folder (`..`, absolute paths, backslashes) and characters that break a plain URL (`? # %`).
 */
export function checkCloudPath(cloudPath: unknown): string {
  if (typeof cloudPath !== 'string' || cloudPath === '') throw new StoragePathError('cloudPath 不能为空');
  if (Buffer.byteLength(cloudPath) > MAX_KEY_BYTES) throw new StoragePathError('cloudPath 过长');
  if (cloudPath.startsWith('/')) throw new StoragePathError('cloudPath 不能以 / 开头');
  if (/[\\?#%\u0000-\u001f]/.test(cloudPath)) throw new StoragePathError('cloudPath 含有不允许的字符');
  const segments = cloudPath.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) throw new StoragePathError('cloudPath 含有非法路径段');
  return cloudPath;
}

export interface StoredFile {
  cloudPath: string;
  absPath: string;
  size: number;
  contentType: string;
}

export class FileStore {
  readonly root: string;
  readonly envId: string;
  readonly bucket: string;

  constructor(root: string, envId: string) {
    this.root = path.resolve(root);
    this.envId = envId;
    // The platform's bucket names look like `<hex prefix>-<env>-<account>`; code must treat them as opaque.
    this.bucket = `${Buffer.from(envId.slice(0, 2)).toString('hex')}-${envId}-1300000000`;
    fs.mkdirSync(this.root, { recursive: true });
  }

  fileIdOf(cloudPath: string): string {
    return `cloud://${this.envId}.${this.bucket}/${checkCloudPath(cloudPath)}`;
  }

  /** The cloudPath inside a fileID; throws StoragePathError when it is not one of ours. */
  cloudPathOf(fileID: unknown): string {
    const m = typeof fileID === 'string' ? /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID) : null;
    if (!m?.[1]) throw new StoragePathError('fileID 格式不正确');
    return checkCloudPath(m[1]);
  }

  private absPath(cloudPath: string): string {
    const abs = path.resolve(this.root, checkCloudPath(cloudPath));
    // Belt and braces after the segment check: the resolved file must stay inside the root.
    if (!abs.startsWith(this.root + path.sep)) throw new StoragePathError('cloudPath 越界');
    return abs;
  }

  write(cloudPath: string, bytes: Buffer): string {
    const abs = this.absPath(cloudPath);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    // Write then rename, so a reader never sees half a file.
    const tmp = `${abs}.${crypto.randomBytes(6).toString('hex')}.part`;
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, abs);
    return this.fileIdOf(cloudPath);
  }

  stat(cloudPath: string): StoredFile | null {
    const abs = this.absPath(cloudPath);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      return null;
    }
    if (!st.isFile()) return null;
    return {
      cloudPath,
      absPath: abs,
      size: st.size,
      contentType: mime.contentType(path.extname(abs)) || 'application/octet-stream',
    };
  }

  read(cloudPath: string): Buffer | null {
    const file = this.stat(cloudPath);
    return file ? fs.readFileSync(file.absPath) : null;
  }

  remove(cloudPath: string): boolean {
    const file = this.stat(cloudPath);
    if (!file) return false;
    fs.unlinkSync(file.absPath);
    return true;
  }
}

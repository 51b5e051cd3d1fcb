/**
 * Cloud storage through wx-server-sdk, typed at the edge: the SDK's own typings are loose (`any`,
 * `Promise | void`), so each reply is checked here once. The platform takes at most 50 fileIDs per
 * call to getTempFileURL and deleteFile.
 */
import type { Cloud } from './kit/types';

const BATCH = 50;

export async function downloadFile(cloud: Cloud, fileID: string): Promise<Buffer> {
  const res = (await cloud.downloadFile({ fileID })) as { fileContent?: unknown };
  if (!Buffer.isBuffer(res.fileContent)) throw new Error(`downloadFile ${fileID}: no content`);
  return res.fileContent;
}

export async function uploadFile(cloud: Cloud, cloudPath: string, data: Buffer): Promise<string> {
  const res = (await cloud.uploadFile({ cloudPath, fileContent: data })) as { fileID?: unknown };
  if (typeof res.fileID !== 'string') throw new Error(`uploadFile ${cloudPath}: no fileID`);
  return res.fileID;
}

/** Temporary download URLs by fileID; a missing file maps to ''. */
export async function tempUrls(cloud: Cloud, fileIDs: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(fileIDs)];
  for (let i = 0; i < unique.length; i += BATCH) {
    const res = (await cloud.getTempFileURL({ fileList: unique.slice(i, i + BATCH) })) as
      { fileList?: unknown } | undefined;
    const list = Array.isArray(res?.fileList) ? (res.fileList as { fileID?: unknown; tempFileURL?: unknown }[]) : [];
    for (const item of list) {
      if (typeof item.fileID === 'string')
        out.set(item.fileID, typeof item.tempFileURL === 'string' ? item.tempFileURL : '');
    }
  }
  return out;
}

/** wx-server-sdk's status for a fileID that names no file. */
const FILE_MISSING = -503003;

/**
 * Deletes files; answers how many were there to delete. A file already gone counts as deleted
 * (a retried cleanup finds the files its first attempt removed); any other refusal throws.
 */
export async function deleteFiles(cloud: Cloud, fileIDs: readonly string[]): Promise<number> {
  let deleted = 0;
  const unique = [...new Set(fileIDs)];
  for (let i = 0; i < unique.length; i += BATCH) {
    const res = (await cloud.deleteFile({ fileList: unique.slice(i, i + BATCH) })) as { fileList?: unknown };
    const list = Array.isArray(res.fileList) ? (res.fileList as { fileID?: unknown; status?: unknown }[]) : [];
    for (const item of list) {
      if (item.status === 0) deleted++;
      else if (item.status !== FILE_MISSING)
        throw new Error(`deleteFile ${String(item.fileID)}: status ${String(item.status)}`);
    }
  }
  return deleted;
}

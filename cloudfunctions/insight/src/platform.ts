/** Storage and open-API calls through wx-server-sdk, typed at the edge. */
import type { Cloud } from '@server/kit/types';

/** Temporary download URLs by fileID; a missing file maps to ''. The platform takes 50 ids per call. */
export async function tempUrls(cloud: Cloud, fileIDs: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(fileIDs)];
  for (let i = 0; i < unique.length; i += 50) {
    const res = (await cloud.getTempFileURL({ fileList: unique.slice(i, i + 50) })) as
      { fileList?: unknown } | undefined;
    const list = Array.isArray(res?.fileList) ? (res.fileList as { fileID?: unknown; tempFileURL?: unknown }[]) : [];
    for (const item of list) {
      if (typeof item.fileID === 'string')
        out.set(item.fileID, typeof item.tempFileURL === 'string' ? item.tempFileURL : '');
    }
  }
  return out;
}

export async function uploadFile(cloud: Cloud, cloudPath: string, data: Buffer): Promise<string> {
  const res = (await cloud.uploadFile({ cloudPath, fileContent: data })) as { fileID?: unknown };
  if (typeof res.fileID !== 'string') throw new Error(`uploadFile ${cloudPath}: no fileID`);
  return res.fileID;
}

/** A mini-program code (wxacode.getUnlimited) as PNG bytes. */
export async function miniProgramCode(cloud: Cloud, page: string, scene: string): Promise<Buffer> {
  // The SDK types openapi as `any`; pin the one call used to its documented shape.
  const openapi = cloud.openapi as unknown as {
    wxacode: {
      getUnlimited(p: {
        page: string;
        scene: string;
        checkPath: boolean;
        width: number;
      }): Promise<{ buffer?: unknown; errCode?: unknown }>;
    };
  };
  const res = await openapi.wxacode.getUnlimited({ page, scene, checkPath: false, width: 430 });
  if (!Buffer.isBuffer(res.buffer)) throw new Error(`wxacode.getUnlimited: no image (errCode ${String(res.errCode)})`);
  return res.buffer;
}

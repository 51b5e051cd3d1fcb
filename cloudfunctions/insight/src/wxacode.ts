/** The wxacode open API through wx-server-sdk, typed at the edge (the SDK types openapi as `any`). */
import type { Cloud } from '@server/kit/types';

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

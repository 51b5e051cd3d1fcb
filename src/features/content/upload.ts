import { env } from '@/lib/env';
import { CloudError } from '@/lib/cloud/errors';
import { readDevOpenid } from '@/lib/cloud/dev-identity';

/**
 * H5: uploads a chosen image (a blob: URL from chooseImage) through the local cloud's
 * `/storage/upload`, reporting progress 0..1. The weapp build uses upload.weapp.ts instead.
 */
export async function uploadImage(
  filePath: string,
  cloudPath: string,
  onProgress: (ratio: number) => void,
): Promise<string> {
  let blob: Blob;
  try {
    blob = await (await fetch(filePath)).blob();
  } catch {
    throw new CloudError('INVALID_ARGUMENT', '读取图片失败，请重新选择');
  }
  return new Promise<string>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${env.cloudBase}/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`);
    const openid = readDevOpenid();
    if (openid) xhr.setRequestHeader('x-openid', openid);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new CloudError('NETWORK'));
    xhr.onload = () => {
      try {
        const reply = JSON.parse(xhr.responseText) as {
          ok: boolean;
          data?: { fileID?: string };
          error?: { message?: string };
        };
        if (reply.ok && reply.data?.fileID) {
          onProgress(1);
          resolve(reply.data.fileID);
        } else reject(new CloudError('INTERNAL', reply.error?.message ?? '图片上传失败'));
      } catch {
        reject(new CloudError('NETWORK'));
      }
    };
    xhr.send(blob);
  });
}

import Taro from '@tarojs/taro';
import { CloudError } from '@/lib/cloud/errors';

/** weapp: uploads a chosen image to cloud storage, reporting progress 0..1. */
export function uploadImage(filePath: string, cloudPath: string, onProgress: (ratio: number) => void): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const task = Taro.cloud.uploadFile({
      cloudPath,
      filePath,
      success: (res) => {
        onProgress(1);
        resolve(res.fileID);
      },
      fail: () => reject(new CloudError('NETWORK', '图片上传失败，请检查网络后重试')),
    });
    (
      task as unknown as { onProgressUpdate?: (cb: (p: { progress: number }) => void) => void } | undefined
    )?.onProgressUpdate?.((p) => onProgress(p.progress / 100));
  });
}

import Taro from '@tarojs/taro';
import { CloudError } from '@/lib/cloud/errors';

/** weapp: downloads an exported report to a temp path and opens it in WeChat's document viewer. */
export async function openExport(url: string, _name: string): Promise<void> {
  const res = await Taro.downloadFile({ url });
  if (res.statusCode !== 200) throw new CloudError('NETWORK', '报表下载失败，请稍后重试');
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true });
}

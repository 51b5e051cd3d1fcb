/**
 * The content function's typed edge to storage and content security through wx-server-sdk. The
 * SDK's own typings are loose (`any`, `Promise | void`); each reply is checked here once.
 */
import type { Cloud } from '@server/kit/types';
import type { SecurityVerdict } from '@core/contracts/content';

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
  // The platform takes at most 50 ids per call.
  for (let i = 0; i < unique.length; i += 50) {
    const batch = unique.slice(i, i + 50);
    const res = (await cloud.getTempFileURL({ fileList: batch })) as { fileList?: unknown } | undefined;
    const list = Array.isArray(res?.fileList) ? (res.fileList as { fileID?: unknown; tempFileURL?: unknown }[]) : [];
    for (const item of list) {
      if (typeof item.fileID === 'string')
        out.set(item.fileID, typeof item.tempFileURL === 'string' ? item.tempFileURL : '');
    }
  }
  return out;
}

/** WeChat's v2 labels, in the words an operator understands. */
const LABEL_REASONS: Record<number, string> = {
  10001: '疑似广告违规（如夸大、绝对化用语或引流内容）',
  20001: '疑似涉及时政内容',
  20002: '疑似色情内容',
  20003: '疑似辱骂内容',
  20006: '疑似违法犯罪内容',
  20008: '疑似欺诈内容',
  20012: '疑似低俗内容',
  21000: '疑似其他违规内容',
};

export class SecurityUnavailableError extends Error {
  override name = 'SecurityUnavailableError';
}

/**
 * security.msgSecCheck v2 (scene 4, social log: the closest to a Moments post). The operator's own
 * openid is required by v2. Only `pass` lets a post out; a keyword hit is named in the reason.
 */
export async function checkContent(
  cloud: Cloud,
  openid: string,
  content: string,
  now: number,
): Promise<SecurityVerdict> {
  let res: unknown;
  try {
    res = await (cloud.openapi as { security: { msgSecCheck(p: unknown): Promise<unknown> } }).security.msgSecCheck({
      openid,
      scene: 4,
      version: 2,
      content,
    });
  } catch (e) {
    throw new SecurityUnavailableError(`msgSecCheck failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  const body = res as {
    errCode?: unknown;
    errcode?: unknown;
    result?: { suggest?: unknown; label?: unknown };
    detail?: { keyword?: unknown; suggest?: unknown }[];
  };
  const code = body.errCode ?? body.errcode ?? 0;
  const suggest = body.result?.suggest;
  if (code !== 0 || (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky')) {
    throw new SecurityUnavailableError(`msgSecCheck answered ${JSON.stringify(body).slice(0, 200)}`);
  }
  const label = typeof body.result?.label === 'number' ? body.result.label : 100;
  if (suggest === 'pass') return { suggest, label, checkedAt: now };
  const keywords = (body.detail ?? [])
    .map((d) => d.keyword)
    .filter((k): k is string => typeof k === 'string' && k.length > 0);
  const what = LABEL_REASONS[label] ?? '疑似违规内容';
  const words = keywords.length ? `，涉及“${[...new Set(keywords)].slice(0, 5).join('”“')}”` : '';
  const verdictWord = suggest === 'risky' ? '未通过内容安全检测' : '需人工复核，暂不能发布';
  return { suggest, label, checkedAt: now, reason: `${verdictWord}：${what}${words}。请修改后再发布。` };
}

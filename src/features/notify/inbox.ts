import { env } from '@/lib/env';
import { CloudError } from '@/lib/cloud';
import { readDevOpenid } from '@/lib/cloud/dev-identity';

export interface InboxMessage {
  id: string;
  templateId: string;
  page: string | null;
  data: Record<string, { value: string }>;
  sentAt: number;
}

/**
 * H5 only: the subscribe messages the local cloud kept for the signed-in demo user (`GET /dev/inbox`),
 * newest first; stands in for WeChat's service notifications so the reminder flow can be walked.
 */
export async function fetchInbox(fetchImpl: typeof fetch = fetch): Promise<InboxMessage[]> {
  const openid = readDevOpenid();
  if (!openid) throw new CloudError('UNAUTHENTICATED', '请先在登录页选择一个身份');
  let body: unknown;
  try {
    const response = await fetchImpl(`${env.cloudBase}/dev/inbox`, { headers: { 'x-openid': openid } });
    body = await response.json();
  } catch {
    throw new CloudError('NETWORK', '本地云未响应，请确认已运行 npm start');
  }
  const reply = body as { ok?: boolean; data?: { messages?: InboxMessage[] }; error?: { message?: string } };
  if (reply.ok && Array.isArray(reply.data?.messages)) return reply.data.messages;
  throw new CloudError('INTERNAL', reply.error?.message);
}

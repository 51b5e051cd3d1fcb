import type { Role } from '@core/roles';
import { env } from '@/lib/env';
import { CloudError } from '@/lib/cloud';

export interface DevUser {
  openid: string;
  role: Role;
  name: string;
  storeName?: string;
}

/** The local cloud's list of demo users (`GET /dev/users`, local only). */
export async function fetchDevUsers(fetchImpl: typeof fetch = fetch): Promise<DevUser[]> {
  let response: Response;
  try {
    response = await fetchImpl(`${env.cloudBase}/dev/users`);
  } catch {
    throw new CloudError('NETWORK');
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new CloudError('NETWORK', '本地云未响应，请确认已运行 npm start');
  }
  const reply = body as { ok?: boolean; data?: { users?: DevUser[] }; error?: { message?: string } };
  if (reply.ok && Array.isArray(reply.data?.users)) return reply.data.users;
  throw new CloudError('INTERNAL', reply.error?.message);
}

const ROLE_ORDER: Role[] = ['hq', 'guide', 'customer', 'visitor'];

/** Groups users by role in the order the sign-in page lists them, keeping the server's order inside. */
export function groupByRole(users: DevUser[]): Array<{ role: Role; users: DevUser[] }> {
  return ROLE_ORDER.map((role) => ({ role, users: users.filter((u) => u.role === role) })).filter(
    (group) => group.users.length > 0,
  );
}

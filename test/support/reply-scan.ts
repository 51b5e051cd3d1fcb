/**
 * The rule every reply keeps: it names no other person's openid, unless the caller is HQ, or a
 * guide and the openid is one of their own customers. One exception the outside contract needs: a
 * member's own guide, as `guideOpenid` in account.whoami and account.registerMember. Openids are
 * found anywhere in a reply, also inside longer strings (an entry id `ref-join:<openid>`, a file
 * path), among the users the local database knows and the HQ openids.
 */

export interface KnownUser {
  _id: string;
  role: string;
  guideOpenid?: string;
}

export interface ScanContext {
  /** `function.action` of the call. */
  call: string;
  /** The caller's openid ('' or undefined: no openid). */
  caller: string | undefined;
  users: readonly KnownUser[];
  hq: readonly string[];
}

/** Actions whose `guideOpenid` field may name the calling member's own guide. */
const OWN_GUIDE_FIELD: ReadonlySet<string> = new Set(['account.whoami', 'account.registerMember']);
const ID_LIKE = /[A-Za-z0-9_-]{6,64}/g;

/** Every place in `reply` that names another person's openid where the rule forbids it. */
export function foreignOpenids(reply: unknown, ctx: ScanContext): string[] {
  const caller = ctx.caller ?? '';
  if (ctx.hq.includes(caller)) return [];
  const users = new Map(ctx.users.map((u) => [u._id, u]));
  const me = users.get(caller);
  const known = new Set([...users.keys(), ...ctx.hq]);
  const allowed = (id: string, key: string | undefined): boolean => {
    if (id === caller) return true;
    const user = users.get(id);
    if (me?.role === 'guide' && user?.role === 'customer' && user.guideOpenid === caller) return true;
    return OWN_GUIDE_FIELD.has(ctx.call) && key === 'guideOpenid' && me?.guideOpenid === id;
  };
  const out: string[] = [];
  const walk = (v: unknown, path: string, key: string | undefined, depth: number): void => {
    if (typeof v === 'string') {
      for (const id of new Set(v.match(ID_LIKE) ?? [])) {
        if (known.has(id) && !allowed(id, key)) {
          const role = ctx.hq.includes(id) ? 'hq' : (users.get(id)?.role ?? '?');
          out.push(`${path || '(reply)'}: ${role} ${id}`);
        }
      }
    } else if (depth < 20 && Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${path}[${i}]`, key, depth + 1));
    } else if (depth < 20 && typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k, k, depth + 1);
    }
  };
  walk(reply, '', undefined, 0);
  return out;
}

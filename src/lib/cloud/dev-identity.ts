/**
 * H5 only: who the browser acts as. The local cloud trusts the `x-openid` header (dev only), so the
 * sign-in page stores the chosen demo openid here and the H5 transport sends it.
 */
export const DEV_OPENID_KEY = 'siyu.devOpenid';

export function readDevOpenid(): string | null {
  try {
    return window.localStorage.getItem(DEV_OPENID_KEY);
  } catch {
    return null;
  }
}

export function writeDevOpenid(openid: string): void {
  window.localStorage.setItem(DEV_OPENID_KEY, openid);
}

export function clearDevOpenid(): void {
  window.localStorage.removeItem(DEV_OPENID_KEY);
}

/** A fresh visitor identity: the local cloud treats an unknown openid as a visitor. */
export function newVisitorOpenid(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return `o_visitor_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

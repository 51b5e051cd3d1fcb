import { CouponQr } from '@/features/mall/coupon-qr';

/** Where the invitation's QR leads in the H5 build: the join page with the code filled in. */
export function inviteLink(code: string): string {
  const path = `pages/join/index?invite=${code}`;
  if (typeof window === 'undefined') return path;
  return `${window.location.origin}${window.location.pathname}#/${path}`;
}

/**
 * H5: a plain QR of the join link (a browser has no mini-program code to scan). The weapp build
 * shows a mini-program code instead (invite-qr.weapp.tsx).
 */
export function InviteQr({ code }: { code: string }) {
  return <CouponQr code={inviteLink(code)} size={180} />;
}

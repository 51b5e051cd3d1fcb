import { Image } from '@tarojs/components';
import { Remote } from '@/components/remote';
import { callFunction } from '@/lib/cloud';
import { useRemote } from '@/lib/use-remote';

/**
 * weapp: the invitation as a mini-program code (insight.inviteCode, wxacode.getUnlimited) — WeChat's
 * scanner opens the join page with the code filled in, which a plain QR of a path would not do.
 */
export function InviteQr({ code }: { code: string }) {
  const qr = useRemote(() => callFunction('insight', 'inviteCode', { code }), [code]);
  return (
    <Remote state={qr} isEmpty={() => false} compact>
      {(made) => <Image src={made.url} style={{ width: '180px', height: '180px' }} mode="aspectFit" />}
    </Remote>
  );
}

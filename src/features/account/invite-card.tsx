import { Text, View } from '@tarojs/components';
import { CouponQr } from '@/features/mall/coupon-qr';

/** Where the invitation's QR leads: the join page with the code filled in. */
export function inviteLink(code: string): string {
  const path = `pages/join/index?invite=${code}`;
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return path;
  return `${window.location.origin}${window.location.pathname}#/${path}`;
}

const formatExpiry = (ms: number) => {
  const d = new Date(ms);
  return `${d.getMonth() + 1}月${d.getDate()}日 ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

/** A guide invitation to read aloud or scan: the code, its QR, and until when it works. */
export function InviteCard({ code, expiresAt, storeName }: { code: string; expiresAt: number; storeName: string }) {
  return (
    <View className="card store-guides__invite" data-testid="invite-card">
      <Text>{`邀请导购加入「${storeName}」`}</Text>
      <Text className="store-guides__code" data-testid="invite-code">
        {code}
      </Text>
      <CouponQr code={inviteLink(code)} size={180} />
      <Text className="store-guides__note">
        {`有效期至 ${formatExpiry(expiresAt)}，仅可使用一次。导购扫码或在加入页选择“我是导购”并输入邀请码。`}
      </Text>
    </View>
  );
}

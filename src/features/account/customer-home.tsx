import { View } from '@tarojs/components';
import { Cell } from '@/components/nutui/cell';
import { CellGroup } from '@/components/nutui/cellgroup';
import { ShortcutGrid } from '@/components/shortcut-grid';
import { useBrand, useBrandTitle } from '@/features/brand';
import { HomeFrame } from './home-frame';
// After the frame: its shared stylesheets (the state views) must come before the share buttons' in
// every page, or the weapp build cannot order the common stylesheet.
import { InviteSection } from '@/features/insight/invite-section';

/** A member's home: their membership, their guide, the way into points, the mall and coupons, and inviting friends. */
export function CustomerHome() {
  const brand = useBrand();
  useBrandTitle((b) => `${b.shortName}会员`);
  return (
    <HomeFrame role="customer" subtitle={() => `${brand.name}会员`}>
      {(member) => (
        <>
          <View className="section-title">我的专属服务</View>
          <View className="card">
            <CellGroup divider>
              <Cell
                title="专属导购"
                extra={member.guideName ?? (member.guideOpenid ? '已为你分配专属导购' : '暂未绑定导购')}
              />
              <Cell title="所属门店" extra={member.storeName ?? '到店消费后自动关联'} />
              {brand.servicePhone ? <Cell title="客服电话" extra={brand.servicePhone} /> : null}
            </CellGroup>
          </View>
          <View className="section-title">会员权益</View>
          <ShortcutGrid
            items={[
              { title: `我的${brand.pointsName}`, desc: '余额与明细', url: '/pages/points/index' },
              { title: `${brand.pointsName}商城`, desc: '兑换优惠券和礼品', url: '/pages/mall/index' },
              { title: '我的券', desc: '到店出示二维码', url: '/pages/coupons/index' },
              { title: `${brand.pointsName}规则`, desc: '完整公示', url: '/pages/points/rules/index' },
            ]}
          />
          <InviteSection />
        </>
      )}
    </HomeFrame>
  );
}

/**
 * The privacy guide's declarations: every privacy-relevant platform API the app calls, named and
 * explained the way the mini-program admin console's 用户隐私保护指引 form asks (设置 → 服务内容声明
 * → 用户隐私保护指引). docs/privacy.md carries the same table for whoever fills in the form, and
 * the in-app guide page (src/privacy/guide) shows it to users.
 *
 * declarations.test.ts scans src/ for every API in PRIVACY_APIS: one used without a declaration,
 * or declared but no longer used, fails the test, so this file and the code cannot drift apart.
 */

/**
 * Privacy-relevant APIs, by the item of the admin console form they belong to (WeChat's list of
 * 涉及用户隐私的接口). A button open-type that reads user data counts as its API.
 */
export const PRIVACY_APIS = {
  getUserProfile: '用户信息（微信昵称、头像）',
  getUserInfo: '用户信息（微信昵称、头像）',
  chooseAvatar: '用户信息（微信昵称、头像）',
  getPhoneNumber: '手机号',
  getRealtimePhoneNumber: '手机号',
  getLocation: '位置信息',
  getFuzzyLocation: '位置信息',
  chooseLocation: '位置信息',
  startLocationUpdate: '位置信息',
  chooseAddress: '收货地址',
  chooseInvoice: '发票信息',
  chooseInvoiceTitle: '发票信息',
  getWeRunData: '微信运动步数',
  chooseImage: '选中的照片或视频信息',
  chooseMedia: '选中的照片或视频信息',
  chooseVideo: '选中的照片或视频信息',
  chooseMessageFile: '选中的文件',
  saveImageToPhotosAlbum: '相册（仅写入）权限',
  saveVideoToPhotosAlbum: '相册（仅写入）权限',
  scanCode: '摄像头',
  createCameraContext: '摄像头',
  getRecorderManager: '麦克风',
  startRecord: '麦克风',
  setClipboardData: '剪切板',
  getClipboardData: '剪切板',
  addPhoneContact: '通讯录（仅写入）权限',
  openBluetoothAdapter: '蓝牙',
} as const;
export type PrivacyApi = keyof typeof PRIVACY_APIS;

export interface PrivacyDeclaration {
  api: PrivacyApi;
  /** The form's item: what is collected or used. */
  item: (typeof PRIVACY_APIS)[PrivacyApi];
  /** The form's purpose, completing “为了……，开发者将在获取你的明示同意后……”. */
  purpose: string;
  /** Who meets it, in the user's words. */
  who: string;
  /** Source files that call it, for the reviewer. */
  where: readonly string[];
}

export const DECLARATIONS: readonly PrivacyDeclaration[] = [
  {
    api: 'setClipboardData',
    item: '剪切板',
    purpose:
      '为了把导购的专属朋友圈文案和跟进话术复制到剪切板，方便导购粘贴发布或发给顾客，开发者将在获取你的明示同意后，写入你的剪切板',
    who: '门店导购（今日素材 → 一键复制；今日跟进 → 复制话术；话术库 → 复制）',
    where: [
      'src/features/content/save-kit.ts',
      'src/features/worklist/scripts-screen.tsx',
      'src/features/worklist/worklist-screen.tsx',
    ],
  },
  {
    api: 'saveImageToPhotosAlbum',
    item: '相册（仅写入）权限',
    purpose:
      '为了把导购的专属配图、分享海报和会员的邀请海报保存到手机相册，方便发布朋友圈或发给好友，开发者将在获取你的明示同意后，使用你的相册（仅写入）权限',
    who: '门店导购（今日素材 → 保存配图、生成海报；我的数据 → 邀请海报）；会员（会员首页 → 邀请好友 → 生成海报）',
    where: ['src/features/content/save-kit.ts'],
  },
  {
    api: 'scanCode',
    item: '摄像头',
    purpose:
      '为了扫描会员出示的优惠券二维码完成到店核销、扫描会员码发放消费积分，开发者将在获取你的明示同意后，使用你的摄像头',
    who: '门店导购（扫码核销、扫会员码发放积分）',
    where: ['src/components/scan-button/index.tsx'],
  },
  {
    api: 'chooseImage',
    item: '选中的照片或视频信息',
    purpose: '为了上传总部发布素材所用的配图和品牌标志，开发者将在获取你的明示同意后，收集你选中的照片',
    who: '总部运营（素材编辑 → 添加配图；品牌设置 → 上传品牌标志）',
    where: ['src/features/content/image-slots.tsx', 'src/features/brand/brand-screen.tsx'],
  },
  {
    api: 'getLocation',
    item: '位置信息',
    purpose:
      '为了在你加入会员时推荐离你最近的三家门店，开发者将在获取你的明示同意后，获取你的位置信息（仅用于当次计算距离，不保存）',
    who: '访客（加入会员 → 附近门店；拒绝后可改为选择城市）',
    where: ['src/features/account/nearest-stores.tsx'],
  },
  {
    api: 'chooseLocation',
    item: '位置信息',
    purpose: '为了在地图上标注门店的位置，方便为顾客推荐附近门店，开发者将在获取你的明示同意后，使用你选择的位置信息',
    who: '总部运营（门店编辑 → 在地图上选择）',
    where: ['src/features/account/location-field.tsx'],
  },
];

/**
 * What the app stores about people, per role (not API-driven, so listed here for the guide page and
 * docs/privacy.md): the openid WeChat gives every caller, what they type, what they do.
 */
export const STORED_DATA: readonly { role: string; data: string; kept: string }[] = [
  {
    role: '会员',
    data: '微信分配的用户标识（openid）、你填写的称呼、同意协议的版本与时间、服务你的导购与门店、邀请你的人、积分明细、兑换的券、打开分享页面的记录与阅读时长、由阅读内容得出的兴趣标签',
    kept: '在你成为会员期间保存；你可以在“我的 → 注销并删除我的数据”随时删除',
  },
  {
    role: '访客',
    data: '未同意前：只统计打开分享页面的次数与阅读时长，不保存你的微信标识（openid），不生成兴趣标签；在阅读页点“同意”后：你的微信标识、同意记录、之后的浏览记录与阅读时长、由阅读内容得出的兴趣标签',
    kept: '用于向分享人的导购统计浏览，不含姓名等资料；同意后可在阅读页点“清除我的浏览记录”随时清除；加入会员即视为同意',
  },
  {
    role: '门店导购',
    data: '微信分配的用户标识（openid）、你填写的称呼、所属门店、素材的复制/保存记录、核销记录',
    kept: '在职期间保存；离职后账号停用，历史记录保留供门店对账',
  },
  {
    role: '总部运营',
    data: '微信分配的用户标识（openid）、发布与调整记录（积分调整、规则修改的操作人）',
    kept: '作为操作记录保存',
  },
];

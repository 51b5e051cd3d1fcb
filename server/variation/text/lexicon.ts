/**
 * Curated synonym lexicon for retail / Moments copy. No usable Chinese synonym package exists on the
 * registry (the one with a list has wrong pairs such as 欣然/怅然), so this is written by hand.
 *
 * Rules for an entry:
 * - members of `words` are interchangeable in retail copy in both directions; when only one direction
 *   is safe (a gendered address to a neutral one), use `from` → `to`;
 * - a swap happens only at jieba word boundaries, outside protected spans;
 * - `notBefore` / `notAfter` / `before` guard readings that would change meaning
 *   (特别的礼物 is "special", not "very"; 只要 is "only" before a price, "as long as" elsewhere);
 * - no digit and no absolute word (最, 第一, ...) anywhere in the lexicon; tests enforce both.
 */

export interface LexEntry {
  /** Interchangeable words (symmetric). */
  words?: readonly string[];
  /** One-way: any of `from` may become any of `to`. */
  from?: readonly string[];
  to?: readonly string[];
  /** The text right after the word must not match (anchored at the start). */
  notBefore?: RegExp;
  /** The text right before the word must not match (anchored at the end). */
  notAfter?: RegExp;
  /** The text right after the word must match (anchored at the start). */
  before?: RegExp;
}

const END = /^(?:[，。！？、；：,.!?;:～~\s]|$)/u;
const DE = /^[的地得]/;

export const LEXICON: readonly LexEntry[] = [
  // ---- addressing the audience ----
  { words: ['姐妹们', '集美们', '姐妹们呀'] },
  { from: ['姐妹们', '集美们'], to: ['宝子们', '亲们'] },
  { words: ['宝子们', '亲们', '宝宝们'], notAfter: /[妈爸]$/ },
  { words: ['宝妈们', '妈妈们', '宝妈们呀'] },
  { words: ['大家', '各位', '朋友们', '小伙伴们'], notBefore: /^[伙庭]/ },
  { words: ['老顾客', '老客户', '老朋友', '回头客'] },
  { words: ['新顾客', '新朋友', '新客人'] },
  { words: ['会员朋友们', '会员们', '各位会员'] },
  { words: ['顾客', '客人'], notAfter: /[老新回头]$/ },
  { words: ['亲爱的', '亲爱哒'], before: /^[们，！～\s]/u },
  // ---- degree and emphasis ----
  { words: ['非常', '十分', '特别', '超级'], notBefore: /^(?:[的地得]|[，。！？、～~\s]|$)/u },
  { words: ['真的', '真心', '实在'], notAfter: /[是不]$/, notBefore: END },
  { words: ['超好', '超赞', '超棒'] },
  { words: ['很多', '不少', '好多'] },
  { words: ['太划算了', '太值了', '太超值了'] },
  { words: ['划算', '实惠', '超值'], notBefore: DE },
  { words: ['性价比超高', '性价比很高', '性价比特别高'] },
  { words: ['好看', '漂亮'], notBefore: DE },
  { words: ['超好看', '特好看', '巨好看'] },
  { words: ['颜值高', '颜值在线', '颜值超高'] },
  { words: ['好用', '好使', '实用'], notBefore: DE },
  { words: ['超好用', '特好用', '巨好用'] },
  // ---- urgency ----
  { words: ['立即', '马上', '立刻'] },
  { words: ['赶紧', '抓紧', '赶快', '抓紧时间'] },
  { words: ['快来', '速来', '赶紧来'] },
  { words: ['数量有限', '库存有限', '数量不多'] },
  { words: ['名额有限', '名额不多', '位置有限'] },
  { words: ['先到先得', '先抢先得', '手慢无'] },
  { words: ['售完即止', '卖完即止', '售完为止'] },
  { words: ['不要错过', '别错过', '千万别错过', '不容错过'] },
  { words: ['抓紧啦', '冲鸭', '冲呀'] },
  { words: ['即将', '马上就要'] },
  { words: ['限时', '限期'], notBefore: /^[间]/ },
  // ---- buying and offers ----
  { words: ['购买', '下单', '入手'], notBefore: DE },
  { words: ['推荐', '安利', '种草'], notBefore: /^[语人]/ },
  { words: ['赠送', '附赠', '加赠'] },
  { words: ['再送', '还送', '加送', '另送'] },
  { words: ['福利', '好礼'], notAfter: /[社]$/ },
  { words: ['特价', '优惠价', '活动价'] },
  { words: ['活动价格', '活动价'] },
  { words: ['会员价', '会员专享价'] },
  { words: ['原价', '日常价', '平时价'] },
  { words: ['专享', '尊享'] },
  { words: ['只要', '仅需', '只需'], before: /^\s?[¥￥$\d]/u },
  { words: ['仅限', '只限'] },
  { words: ['每人限购', '每位限购'] },
  { words: ['折上折', '折上再折'] },
  { words: ['优惠多多', '优惠满满', '福利满满'] },
  { words: ['买到就是赚到', '买到就赚到'] },
  { words: ['必入', '必买', '闭眼入'] },
  { words: ['回购率', '复购率'] },
  { words: ['囤货', '囤一波'], notBefore: DE },
  { words: ['上新', '上架'] },
  { from: ['到货'], to: ['到店'] },
  { words: ['新款', '新品'] },
  { words: ['全场', '全店'] },
  { words: ['参与', '参加'] },
  { words: ['赢取', '赢得'] },
  { words: ['包邮', '免运费'] },
  { words: ['送货上门', '配送到家', '送到家'] },
  { words: ['专柜', '柜台'] },
  // ---- contact and service ----
  { words: ['私信', '私聊', '私戳'], before: /^我/ },
  { words: ['私信我', '私聊我', '私戳我', '找我'] },
  { words: ['问我', '找我'], notAfter: /[来去]$/ },
  { words: ['咨询', '了解'], before: /^(?:的|一下|详情|更多|[，。！～\s]|$)/u },
  { words: ['跟我说', '告诉我', '和我说'] },
  { words: ['帮你', '替你'] },
  { words: ['帮你们', '替你们'] },
  { words: ['提前', '事先'] },
  { words: ['有任何问题', '有什么问题', '有问题'] },
  { words: ['感兴趣', '有兴趣'] },
  { words: ['需要', '想要'], before: /^[的预送帮到留囤试]/ },
  { words: ['记得', '别忘了'] },
  { words: ['欢迎', '欢迎大家'], before: /^[来到]/ },
  { words: ['随时', '随时都可以'], before: /^[问找联咨私]/ },
  { words: ['放心', '安心'] },
  { words: ['营业时间', '营业时段'] },
  { words: ['门店地址', '店铺地址', '门店位置'] },
  { words: ['联系电话', '电话'], before: /^[：:]/ },
  { words: ['详情', '详细信息'], before: /^[戳见请看：:]/ },
  // ---- time words (not dates: dates and weekdays are protected) ----
  { words: ['今天', '今日'] },
  { words: ['本周', '这周'] },
  { words: ['本周末', '这周末'] },
  { words: ['这个月', '本月'] },
  { words: ['每天', '每日'] },
  { words: ['现在', '目前', '眼下'], notBefore: /^[的]/ },
  { words: ['每次', '每回'] },
  { words: ['晚上', '晚间'], before: /^[\d，]/ },
  // ---- product talk (only claims-neutral pairs; efficacy words are never swapped) ----
  { words: ['舒适', '舒服'] },
  { words: ['轻薄', '轻盈'] },
  { words: ['百搭', '好搭'] },
  { words: ['超好搭', '超百搭', '特别好搭'] },
  { words: ['显气质', '有气质', '很有气质'] },
  { words: ['刚刚好', '正合适', '刚好'] },
  { words: ['一整套', '全套', '一整身'], notAfter: /[一]$/ },
  { words: ['肌肤', '皮肤'] },
  { words: ['检测', '测试'], notAfter: /[质]$/ },
  { words: ['熬夜党', '夜猫子', '熬夜人'] },
  { words: ['救星', '福音'] },
  { words: ['通勤', '上班'] },
  { words: ['出游', '出行', '出去玩'] },
  // "Try on" may become "try", never the other way: 来店里试一试 is said of tea as much as of a coat.
  { from: ['试穿'], to: ['试一试'], notBefore: DE },
  { words: ['试一试', '试一下'], notBefore: DE },
  { words: ['试用', '试试'], notBefore: /^[装品期]/ },
  { words: ['家里', '家中'] },
  { words: ['宝宝', '小宝贝'], notAfter: /[小]$/, notBefore: /^[们]/ },
  { words: ['一起', '一块儿'], notBefore: /^[的]/ },
  { words: ['小样', '试用装'] },
  { words: ['礼盒', '礼包'], notAfter: /[大]$/ },
  { words: ['好物', '好东西'] },
  { words: ['口碑', '好评'], notBefore: DE },
  { words: ['人气', '热门'], notBefore: /^[王值]/ },
  { words: ['颜色', '色系'], notBefore: /^[的]/ },
  { words: ['面料', '料子'] },
  { words: ['新鲜', '鲜'], before: /^[的到直]/ },
  { words: ['超新鲜', '特别新鲜'] },
  { words: ['旁边', '附近'], notBefore: DE },
  { words: ['饮品', '饮料'] },
  { words: ['报名', '预约报名'], notBefore: /^[表费]/ },
  { words: ['早上', '上午'], notBefore: /^好/ },
  { words: ['直接取', '直接拿', '直接领取'] },
  { words: ['不用排队', '无需排队', '免排队'] },
  { words: ['点单链接', '下单链接'] },
  { words: ['开业', '开张'], notBefore: /^[典]/ },
  { words: ['新店', '新门店'] },
  { words: ['手作', '手工'] },
  { words: ['体验课', '体验活动'] },
  { words: ['朋友', '顾客'], notBefore: /^[们圈]/, notAfter: /[老新男女小好]$/ },
  { words: ['就在', '就位于'], before: /^[\u4e00-\u9fff]/u },
  { words: ['拉花', '咖啡拉花'], notAfter: /[啡]$/ },
  { words: ['工作日', '周中'] },
  { words: ['年中大促', '年中促销', '年中大促销'] },
  { words: ['说拜拜', '说再见'] },
  { words: ['全码有货', '各个尺码都有货', '尺码齐全'] },
  { words: ['有货', '现货'], notAfter: /[码]$/ },
  { words: ['产品', '单品'], notBefore: /^[线质]/ },
  { words: ['都会来囤', '都会来囤货'] },
  { words: ['还能', '还可以'] },
  { words: ['只有', '仅有', '只'], before: /^[\d]/ },
  { words: ['留好货', '留好', '预留好'] },
  { words: ['预留', '留货'], before: /^的/ },
  { words: ['我们', '咱们'], notBefore: /^[的]/ },
  { words: ['任意消费', '消费任意金额'] },
  { words: ['可参与', '就能参与', '即可参与'] },
  { words: ['再享', '还享', '还能享'] },
  { words: ['特别高', '非常高', '很高'] },
  // ---- conversational glue and sentence openers ----
  { words: ['以上', '上述'], before: /^[价活商产优福内]/ },
  // Only as a clause opener (另外，…): 新会员还有 10 元券 is "still has", which 此外 would garble.
  { words: ['另外', '此外', '还有'], before: /^[，、]/u, notAfter: /[\p{Script=Han}\p{L}\p{N}]$/u },
  { words: ['而且', '并且'] },
  { words: ['所以', '因此'] },
  { words: ['或者', '或是'] },
  { words: ['直接', '可以直接'], before: /^[私找来到联问]/ },
  { words: ['看过来', '看这里', '注意啦'] },
  { words: ['来啦', '来了', '到啦'] },
  { words: ['好消息', '喜讯'] },
  { words: ['划重点', '敲黑板'] },
  { words: ['分享', '分享一下'], before: /^[给：:～\s]/u },
  { words: ['喜欢', '中意', '心水'], notBefore: /^[的上]/ },
  { words: ['喜欢的', '中意的', '心水的'] },
  { words: ['心动', '动心'] },
  { words: ['不用', '无需', '不需要'], before: /^[担排抢等]/ },
  { words: ['一定', '务必'], before: /^要/ },
  { words: ['哦', '噢'], before: END },
  { words: ['呀', '哟'], before: END, notAfter: /[哎哎]$/ },
  { words: ['啦', '喔'], before: END, notAfter: /[来到]$/ },
];

export interface CompiledLexicon {
  /** Every source word → the entries that may rewrite it. */
  bySource: Map<string, { alternatives: readonly string[]; entry: LexEntry }[]>;
  maxWordLength: number;
}

export function compileLexicon(entries: readonly LexEntry[] = LEXICON): CompiledLexicon {
  const bySource = new Map<string, { alternatives: readonly string[]; entry: LexEntry }[]>();
  const add = (word: string, alternatives: readonly string[], entry: LexEntry): void => {
    const alts = alternatives.filter((a) => a !== word);
    if (alts.length === 0) return;
    const list = bySource.get(word) ?? [];
    list.push({ alternatives: alts, entry });
    bySource.set(word, list);
  };
  let maxWordLength = 1;
  for (const entry of entries) {
    for (const w of entry.words ?? []) add(w, entry.words ?? [], entry);
    for (const w of entry.from ?? []) add(w, entry.to ?? [], entry);
    for (const w of [...(entry.words ?? []), ...(entry.from ?? [])]) maxWordLength = Math.max(maxWordLength, w.length);
  }
  return { bySource, maxWordLength };
}

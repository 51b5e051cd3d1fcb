/** ¥128.00: how an amount in fen reads in a message or a journal note. */
export function formatYuan(fen: number): string {
  return `¥${(fen / 100).toFixed(2)}`;
}

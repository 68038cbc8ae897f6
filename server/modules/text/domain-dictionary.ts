/**
 * Words of grassroots governance that jieba's general dictionary splits wrongly. Each is kept
 * whole by segmentation; extend it here, not at call sites.
 */
export const domainWords: readonly string[] = [
  '托育', '接诉即办', '民呼我为', '网格员', '网格化', '主题教育', '回头看', '当场解决', '退单', '签收', '派单',
  '包案', '积案', '未诉先办', '每月一题', '一类问题', '检视整改', '问题清单', '权责清单', '督导组', '巡回督导',
  '物业费', '物业公司', '业主委员会', '业委会', '农民工', '欠薪', '讨薪', '社保', '医保', '养老金', '养老院',
  '幼儿园', '义务教育', '学区房', '棚户区', '棚改', '拆迁', '安置房', '回迁房', '不动产证', '房产证', '公积金',
  '低保', '五保户', '残疾人', '退役军人', '城管', '渣土车', '噪音扰民', '油烟扰民', '搅拌站', '垃圾站',
  '公交线路', '停车位', '电动车', '充电桩', '网约车', '出租车', '套路贷', '非法集资', '传销', '营业执照',
  '车贷', '住改商', '群租房', '旧城改造', '普惠性', '飙车党', '捆绑销售',
];

/** The dictionary lines jieba loads: word, a high frequency so it wins, and a noun tag. */
export function domainDictionaryText(): string {
  return domainWords.map((w) => `${w} 100000 n`).join('\n') + '\n';
}

/**
 * English wording of the shortfalls `scoreReply` names in Chinese, for callers who read en-US.
 * A wording not listed here (a new one in score-reply.ts) is passed through in Chinese rather
 * than dropped; the product test notices it.
 */
const fixed: Record<string, string> = {
  '答复无实质内容（仅有问候、致谢或套话）': 'The reply has no substance (only greetings, thanks or set phrases)',
  答复内容过短: 'The reply is too short',
  '仅告知已转办，未答复办理结果': 'It only says the matter was passed on, not what came of it',
  未回应留言反映的具体问题: 'It does not answer the specific problem raised',
  未提及留言所涉地点或对象: 'It does not mention the place or subject of the message',
  未说明处理措施或结果: 'It does not say what was done or the result',
  未说明责任单位: 'It does not name who is responsible',
  未说明办理时限: 'It does not say by when',
  '办理时限表述模糊（如“尽快”“近期”）': 'The time frame is vague ("as soon as possible", "soon")',
  未引用政策或法规依据: 'It cites no policy or regulation',
  未提供联系方式: 'It gives no contact',
  '答复时间早于留言时间（数据有误）': 'The reply is dated before the message (the data is wrong)',
};

/** The English wording of one shortfall named by `scoreReply`. */
export function replyMissingInEnglish(zh: string): string {
  const late = /^答复超过(\d+)个工作日（用时(\d+)个工作日）$/.exec(zh);
  if (late) return `Replied after more than ${late[1]} working days (took ${late[2]})`;
  return fixed[zh] ?? zh;
}

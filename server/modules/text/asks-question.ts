/**
 * Cues that a title asks a question rather than reports a problem: a consultation (咨询, 请问),
 * a question about whether or how a rule applies (能否, 可以…吗, 是否, 如何), or about when
 * something will happen (何时, 什么时候). A general list of how questions are put in Chinese,
 * not words of any particular policy.
 */
const QUESTION_CUES = /咨询|请问|问问|询问|能否|可否|能不能|是否|可以.*吗|能.*吗|何时|什么时候|多久|如何|怎么|怎样|哪些|多少|吗[？?]?$|[？?]$/;

/** Whether a title is put as a question (a consultation about a policy, a date, a rule). */
export function asksQuestion(title: string): boolean {
  return QUESTION_CUES.test(title.trim());
}

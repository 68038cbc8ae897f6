import { AppError } from '../../core/errors.ts';
import type { Lang } from '../../core/messages.ts';

/** The states of a matter in the closed loop (see README.md). */
export const matterStatuses = ['received', 'dispatched', 'in_progress', 'replied', 'closed', 'reviewed', 'merged'] as const;
export type MatterStatus = (typeof matterStatuses)[number];

/** Everything that can happen to a matter; each is one command and one event. */
export const matterActions = [
  'dispatch',
  'return',
  'accept',
  'resolve_on_spot',
  'reply',
  'rate_satisfied',
  'rate_unsatisfied',
  'close_unmeetable',
  'close_unrated',
  'review_ok',
  'review_relapsed',
  'merge',
  'reassign',
  'escalate',
  'claim',
  'assign_leader',
  'add_contact',
  'add_measure',
  'update_measure',
  'delete_measure',
  'request_extension',
  'decide_extension',
] as const;
export type MatterAction = (typeof matterActions)[number];

/**
 * THE workflow: for each state, the actions allowed in it and the state each leads to. Anything
 * not listed is refused with INVALID_STATE. Chinese terms: 退单 return, 签收 accept, 当场解决
 * resolve on the spot, 返工 rework after an unsatisfied rating, 回头看 review, 改派 reassign,
 * 合并 merge, 上报 escalate, 认领 claim, 领导包案 assign_leader, 催办 add_contact, 措施 measures,
 * 延期 extension. Actions that lead back to the same state change the matter without moving it
 * (a measure, a contact, an escalation); some have a further condition checked in policy.ts
 * (e.g. close_unmeetable from in_progress only after a reopen).
 */
export const transitions: Record<MatterStatus, Partial<Record<MatterAction, MatterStatus>>> = {
  received: { dispatch: 'dispatched', resolve_on_spot: 'replied', merge: 'merged', assign_leader: 'received', add_contact: 'received' },
  dispatched: {
    accept: 'in_progress',
    return: 'received',
    reassign: 'dispatched',
    merge: 'merged',
    escalate: 'dispatched',
    claim: 'in_progress',
    assign_leader: 'dispatched',
    add_contact: 'dispatched',
    request_extension: 'dispatched',
    decide_extension: 'dispatched',
  },
  in_progress: {
    reply: 'replied',
    return: 'received',
    reassign: 'dispatched',
    close_unmeetable: 'closed',
    escalate: 'in_progress',
    claim: 'in_progress',
    assign_leader: 'in_progress',
    add_contact: 'in_progress',
    add_measure: 'in_progress',
    update_measure: 'in_progress',
    delete_measure: 'in_progress',
    request_extension: 'in_progress',
    decide_extension: 'in_progress',
  },
  replied: {
    rate_satisfied: 'closed',
    rate_unsatisfied: 'in_progress',
    close_unmeetable: 'closed',
    close_unrated: 'closed',
    assign_leader: 'replied',
    add_contact: 'replied',
    decide_extension: 'replied',
  },
  closed: { review_ok: 'reviewed', review_relapsed: 'in_progress' },
  reviewed: {},
  merged: {},
};

/** How people call each state, for messages. */
export const statusLabels: Record<MatterStatus, Record<Lang, string>> = {
  received: { 'zh-CN': '已受理', 'en-US': 'received' },
  dispatched: { 'zh-CN': '已派单', 'en-US': 'dispatched' },
  in_progress: { 'zh-CN': '办理中', 'en-US': 'in progress' },
  replied: { 'zh-CN': '已答复', 'en-US': 'replied' },
  closed: { 'zh-CN': '已办结', 'en-US': 'closed' },
  reviewed: { 'zh-CN': '已回头看', 'en-US': 'reviewed' },
  merged: { 'zh-CN': '已合并', 'en-US': 'merged' },
};

/** How people call each action, for messages. */
export const actionLabels: Record<MatterAction, Record<Lang, string>> = {
  dispatch: { 'zh-CN': '派单', 'en-US': 'dispatch' },
  return: { 'zh-CN': '退单', 'en-US': 'return' },
  accept: { 'zh-CN': '签收', 'en-US': 'accept' },
  resolve_on_spot: { 'zh-CN': '当场解决', 'en-US': 'resolve on the spot' },
  reply: { 'zh-CN': '答复', 'en-US': 'reply' },
  rate_satisfied: { 'zh-CN': '评价满意', 'en-US': 'rate satisfied' },
  rate_unsatisfied: { 'zh-CN': '评价不满意', 'en-US': 'rate unsatisfied' },
  close_unmeetable: { 'zh-CN': '诉求无法满足办结', 'en-US': 'close as unmeetable' },
  close_unrated: { 'zh-CN': '未评价办结', 'en-US': 'close unrated' },
  review_ok: { 'zh-CN': '回头看通过', 'en-US': 'review as holding' },
  review_relapsed: { 'zh-CN': '回头看反弹', 'en-US': 'review as relapsed' },
  merge: { 'zh-CN': '合并', 'en-US': 'merge' },
  reassign: { 'zh-CN': '改派', 'en-US': 'reassign' },
  escalate: { 'zh-CN': '上报', 'en-US': 'escalate' },
  claim: { 'zh-CN': '认领', 'en-US': 'claim' },
  assign_leader: { 'zh-CN': '领导包案', 'en-US': 'assign an owning leader' },
  add_contact: { 'zh-CN': '催办', 'en-US': 'record a repeat contact' },
  add_measure: { 'zh-CN': '添加措施', 'en-US': 'add a measure' },
  update_measure: { 'zh-CN': '更新措施', 'en-US': 'update a measure' },
  delete_measure: { 'zh-CN': '删除措施', 'en-US': 'delete a measure' },
  request_extension: { 'zh-CN': '申请延期', 'en-US': 'request an extension' },
  decide_extension: { 'zh-CN': '审批延期', 'en-US': 'decide on an extension' },
};

/** The state an action leads to from `state`, or null when the workflow does not allow it. */
export function nextStatus(state: MatterStatus, action: MatterAction): MatterStatus | null {
  return transitions[state][action] ?? null;
}

/** The state an action leads to; throws 409 INVALID_STATE naming the state and action when refused. */
export function assertTransition(state: MatterStatus, action: MatterAction): MatterStatus {
  const next = nextStatus(state, action);
  if (!next) {
    throw new AppError(409, 'INVALID_STATE', {
      status: state,
      action,
      statusZh: statusLabels[state]['zh-CN'],
      statusEn: statusLabels[state]['en-US'],
      actionZh: actionLabels[action]['zh-CN'],
      actionEn: actionLabels[action]['en-US'],
    });
  }
  return next;
}

/** The actions allowed from a state (sent with a matter so the UI shows only those buttons). */
export function allowedActions(state: MatterStatus): MatterAction[] {
  return matterActions.filter((a) => transitions[state][a] !== undefined);
}

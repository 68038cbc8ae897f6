import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.ts';
import { messageFor } from '../../core/messages.ts';
import { assertTransition, matterActions, matterStatuses, type MatterAction, type MatterStatus } from './state-machine.ts';

// The expected workflow written out again, independently of the table under test: every pair not
// listed here must be refused.
const allowed: Record<string, MatterStatus> = {
  'received dispatch': 'dispatched',
  'received resolve_on_spot': 'replied',
  'received merge': 'merged',
  'received assign_leader': 'received',
  'received add_contact': 'received',
  'dispatched accept': 'in_progress',
  'dispatched return': 'received',
  'dispatched reassign': 'dispatched',
  'dispatched merge': 'merged',
  'dispatched escalate': 'dispatched',
  'dispatched claim': 'in_progress',
  'dispatched assign_leader': 'dispatched',
  'dispatched add_contact': 'dispatched',
  'dispatched request_extension': 'dispatched',
  'dispatched decide_extension': 'dispatched',
  'in_progress reply': 'replied',
  'in_progress return': 'received',
  'in_progress reassign': 'dispatched',
  'in_progress close_unmeetable': 'closed',
  'in_progress escalate': 'in_progress',
  'in_progress claim': 'in_progress',
  'in_progress assign_leader': 'in_progress',
  'in_progress add_contact': 'in_progress',
  'in_progress add_measure': 'in_progress',
  'in_progress update_measure': 'in_progress',
  'in_progress delete_measure': 'in_progress',
  'in_progress request_extension': 'in_progress',
  'in_progress decide_extension': 'in_progress',
  'replied rate_satisfied': 'closed',
  'replied rate_unsatisfied': 'in_progress',
  'replied close_unmeetable': 'closed',
  'replied close_unrated': 'closed',
  'replied assign_leader': 'replied',
  'replied add_contact': 'replied',
  'replied decide_extension': 'replied',
  'closed review_ok': 'reviewed',
  'closed review_relapsed': 'in_progress',
};

describe('matter state machine', () => {
  for (const state of matterStatuses) {
    for (const action of matterActions) {
      const target = allowed[`${state} ${action}`];
      it(`${state} × ${action} → ${target ?? 'INVALID_STATE'}`, () => {
        if (target) expect(assertTransition(state, action)).toBe(target);
        else {
          let err: unknown;
          try {
            assertTransition(state as MatterStatus, action as MatterAction);
          } catch (e) {
            err = e;
          }
          expect(err).toBeInstanceOf(AppError);
          expect((err as AppError).status).toBe(409);
          expect((err as AppError).code).toBe('INVALID_STATE');
        }
      });
    }
  }

  it('lists every action once and labels every state and action', () => {
    expect(new Set(matterActions).size).toBe(matterActions.length);
    expect(Object.keys(allowed).every((k) => matterStatuses.includes(k.split(' ')[0] as MatterStatus) && matterActions.includes(k.split(' ')[1] as MatterAction))).toBe(true);
  });

  it('names the state and the action in both languages', () => {
    try {
      assertTransition('closed', 'accept');
    } catch (e) {
      const err = e as AppError;
      expect(messageFor(err.code, 'zh-CN', err.params)).toBe('事项当前为“已办结”状态，不能“签收”。');
      expect(messageFor(err.code, 'en-US', err.params)).toBe('A matter that is closed cannot be given the action "accept".');
      return;
    }
    throw new Error('not refused');
  });
});

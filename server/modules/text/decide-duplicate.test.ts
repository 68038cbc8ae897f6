import { describe, expect, it } from 'vitest';
import { decideDuplicate, defaultDuplicateThresholds, type DuplicateThresholds } from './decide-duplicate.ts';
import type { DuplicateSignals } from './duplicate-signals.ts';

/** Signals of a pair that shares nothing but `score`; each test adds what it is about. */
function signals(over: Partial<DuplicateSignals>): DuplicateSignals {
  return {
    score: 0,
    titleScore: 0,
    sameUser: false,
    accountPosts: null,
    sharedPlaces: [],
    issueScore: 0,
    sharedTitleWords: [],
    placeConflict: false,
    yearConflict: false,
    bothQuestions: false,
    daysApart: 1,
    copied: 0,
    spans: { title: { a: [], b: [], covered: 0 }, detail: { a: [], b: [], covered: 0 } },
    ...over,
  };
}

const t: DuplicateThresholds = { ...defaultDuplicateThresholds, score: 0.5, samePlaceScore: 0.2, samePlaceLaterScore: 0.3, samePlaceRecentDays: 30, sharedNameScore: 0.4, sameUserScore: 0.15, sameUserMaxPosts: 50 };

describe('decideDuplicate', () => {
  it('asks less of two posts about one place written within the burst window than of posts months apart', () => {
    const place = { sharedPlaces: ['丽发新城'], issueScore: 0.2, score: 0.25 };
    expect(decideDuplicate(signals({ ...place, daysApart: 10 }), t)).toEqual({ isDuplicate: true, reason: 'same-place' });
    expect(decideDuplicate(signals({ ...place, daysApart: 90 }), t)).toEqual({ isDuplicate: false, reason: 'not-similar' });
    // A missing time gives no evidence of a burst.
    expect(decideDuplicate(signals({ ...place, daysApart: null }), t).isDuplicate).toBe(false);
    expect(decideDuplicate(signals({ ...place, score: 0.32, daysApart: 90 }), t)).toEqual({ isDuplicate: true, reason: 'same-place' });
  });

  it('does not take the same place with another problem as one matter', () => {
    expect(decideDuplicate(signals({ sharedPlaces: ['阳光花园'], issueScore: 0.05, score: 0.3, daysApart: 0 }), t)).toEqual({ isDuplicate: false, reason: 'not-similar' });
  });

  it('takes a shared rare title word (a company or platform name) with a moderate score as one matter', () => {
    expect(decideDuplicate(signals({ sharedTitleWords: ['车贷'], score: 0.45 }), t)).toEqual({ isDuplicate: true, reason: 'same-name' });
    expect(decideDuplicate(signals({ sharedTitleWords: ['车贷'], score: 0.35 }), t).isDuplicate).toBe(false);
    expect(decideDuplicate(signals({ score: 0.45 }), t).isDuplicate).toBe(false);
  });

  it('never lets a place conflict through on a shared name or place alone', () => {
    expect(decideDuplicate(signals({ sharedTitleWords: ['车贷'], sharedPlaces: ['丽发新城'], issueScore: 0.3, placeConflict: true, score: 0.45 }), t)).toEqual({ isDuplicate: false, reason: 'different-place' });
  });

  it('counts the same account only for an account that posts little', () => {
    expect(decideDuplicate(signals({ sameUser: true, accountPosts: 3, score: 0.2 }), t)).toEqual({ isDuplicate: true, reason: 'same-user' });
    expect(decideDuplicate(signals({ sameUser: true, accountPosts: 92, score: 0.2 }), t).isDuplicate).toBe(false);
  });

  it('takes two questions from different accounts as one matter only when they are near-copies', () => {
    // Two people each asking whether their own case qualifies for one subsidy share its words, not a matter.
    expect(decideDuplicate(signals({ bothQuestions: true, sharedTitleWords: ['补贴'], score: 0.72 }), t)).toEqual({ isDuplicate: false, reason: 'separate-questions' });
    expect(decideDuplicate(signals({ bothQuestions: true, score: 0.9 }), t)).toEqual({ isDuplicate: true, reason: 'similar-text' });
    // The same account asking again, or two questions about one named place, are judged as before.
    expect(decideDuplicate(signals({ bothQuestions: true, sameUser: true, accountPosts: 2, score: 0.3 }), t)).toEqual({ isDuplicate: true, reason: 'same-user' });
    expect(decideDuplicate(signals({ bothQuestions: true, sharedPlaces: ['凉塘路'], issueScore: 0.3, score: 0.3 }), t)).toEqual({ isDuplicate: true, reason: 'same-place' });
    // A question and a report are not both questions: the usual cut-offs apply.
    expect(decideDuplicate(signals({ sharedTitleWords: ['补贴'], score: 0.45 }), t)).toEqual({ isDuplicate: true, reason: 'same-name' });
  });

  it('keeps apart titles of different people naming different years', () => {
    expect(decideDuplicate(signals({ yearConflict: true, sharedTitleWords: ['燃油'], score: 0.6 }), t)).toEqual({ isDuplicate: false, reason: 'different-year' });
    expect(decideDuplicate(signals({ yearConflict: true, sameUser: true, accountPosts: 3, score: 0.6 }), t)).toEqual({ isDuplicate: true, reason: 'similar-text' });
  });
});

import { describe, expect, it } from 'vitest';
import { asksQuestion } from './asks-question.ts';

describe('asksQuestion', () => {
  it('recognises consultations and questions about a rule or a date', () => {
    expect(asksQuestion('咨询退休人员医保报销比例')).toBe(true);
    expect(asksQuestion('外地户口的孩子能在本市上小学吗')).toBe(true);
    expect(asksQuestion('新建公园何时开放？')).toBe(true);
  });

  it('does not take a report of a problem for a question', () => {
    expect(asksQuestion('某小区楼下烧烤店油烟扰民')).toBe(false);
    expect(asksQuestion('某公司拖欠农民工工资')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { titleYears } from './title-years.ts';

describe('titleYears', () => {
  it('reads the years a title names, once each', () => {
    expect(titleYears('2018年度供暖费和2018年的补助')).toEqual(['2018']);
    expect(titleYears('三年没发的补贴')).toEqual([]);
  });
});

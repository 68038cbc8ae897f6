/** Years a title names (2017年, 2018年度), as four-digit strings. */
export function titleYears(title: string): string[] {
  return [...new Set(title.match(/(?:19|20)\d\d(?=年)/g) ?? [])];
}

import type { Lang } from '../../../core/messages.ts';

// Notes in brackets and spaces do not change a value: "县（区）" is "县".
const valueKey = (v: string) =>
  v
    .replace(/[（(【[].*?[）)】\]]/g, '')
    .replace(/\s/g, '')
    .toLowerCase();

/** Looks a cell up among labels and codes; undefined when it is neither. */
export function pickChoice<T extends string>(value: string, labels: Record<T, string[]>): T | undefined {
  const v = valueKey(value);
  for (const [code, names] of Object.entries(labels) as [T, string[]][]) if (valueKey(code) === v || names.some((n) => valueKey(n) === v)) return code;
  return undefined;
}

/** The values to suggest for a choice column in a language. */
export function allowedChoices(labels: Record<string, string[]>, lang: Lang): string {
  return lang === 'zh-CN' ? Object.values(labels).map((n) => n[0]).join('、') : Object.keys(labels).join(', ');
}

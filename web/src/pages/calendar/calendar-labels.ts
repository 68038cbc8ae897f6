import type { DeclaredDay } from '../../api/types.ts';

/** A declared day's name in the UI language: the package's English name in English, else the Chinese one. */
export function dayName(day: DeclaredDay, language: string): string | null {
  if (language === 'en-US' && day.nameEn) return day.nameEn;
  return day.name ?? day.nameEn;
}

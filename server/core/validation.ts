import { safeParse, type $ZodIssue } from 'zod/v4/core';
import { z } from 'zod';
import type { FastifySchemaCompiler } from 'fastify';
import { errorMessages, formatMessage, type ErrorCode, type Lang } from './messages.ts';

const zhLocale = z.locales.zhCN().localeError as (issue: unknown) => string | { message: string } | undefined;
const enLocale = z.locales.en().localeError as (issue: unknown) => string | { message: string } | undefined;

/** One validation problem, keeping zod's raw issue so it can be worded in either language. */
export interface ValidationProblem {
  keyword: string;
  instancePath: string;
  message: string;
  params: { issue: $ZodIssue };
}

/** Fastify validator compiler for zod schemas that keeps raw issues for localised messages. */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = safeParse(schema, data);
    if (!result.success) {
      const problems: ValidationProblem[] = result.error.issues.map((issue) => ({
        keyword: issue.code,
        instancePath: `/${issue.path.join('/')}`,
        message: issue.message,
        params: { issue },
      }));
      return { error: problems as unknown as Error };
    }
    return { value: result.data };
  };

/** Words one zod issue in the given language; app-specific refinements carry `params.code`. */
export function localiseIssue(issue: $ZodIssue, lang: Lang): string {
  // A schema names an app message either as `params.code` (refinements) or as an `@CODE` error.
  const custom = (issue as { params?: { code?: string } }).params?.code ?? (issue.message.startsWith('@') ? issue.message.slice(1) : undefined);
  if (custom && custom in errorMessages) return formatMessage(errorMessages[custom as ErrorCode][lang], (issue as { params?: Record<string, unknown> }).params);
  const out = (lang === 'zh-CN' ? zhLocale : enLocale)({ ...issue, input: (issue as { input?: unknown }).input });
  if (typeof out === 'string') return out;
  return out?.message ?? issue.message;
}

/** Field name of an issue: its dotted path, or `_` for the whole body; unknown keys name themselves. */
export function fieldOfIssue(issue: $ZodIssue, context: string | undefined): string[] {
  const base = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => (base ? `${base}.${k}` : k));
  if (base) return [base];
  return [context && context !== 'body' ? context : '_'];
}

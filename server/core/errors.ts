import type { ErrorCode } from './messages.ts';

/** A problem in one cell of an uploaded table: its row as the user sees it, the column and a message. */
export interface RowError {
  row: number;
  field: string;
  message: string;
}

/** A refusal a person can understand: an HTTP status, a coded message and optional field messages. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly params: Record<string, unknown> = {},
    /** Field path → message, already localised or as a code to localise. */
    readonly fields: Record<string, { code: ErrorCode; params?: Record<string, unknown> } | string> = {},
    /** Problems of individual rows of an uploaded file, already localised. */
    readonly errors: readonly RowError[] = [],
  ) {
    super(code);
  }
}

/** 404 for records that do not exist or lie outside the caller's scope (never a hint which). */
export const notFound = () => new AppError(404, 'NOT_FOUND');
/** 403 for an action the caller's roles do not allow on a record in scope. */
export const forbidden = () => new AppError(403, 'FORBIDDEN');
/** 400 with a single field in error. */
export const invalidField = (field: string, code: ErrorCode, params?: Record<string, unknown>) =>
  new AppError(400, 'VALIDATION_FAILED', {}, { [field]: { code, params } });

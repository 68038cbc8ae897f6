import { AppError, type RowError } from '../../../core/errors.ts';
import { messageFor, type ErrorCode, type Lang } from '../../../core/messages.ts';

/** Most row errors one answer carries; the message still counts them all. */
export const MAX_REPORTED_ROW_ERRORS = 1000;

/** Collects the problems of every row, so one upload reports them all instead of the first. */
export class RowErrors {
  private readonly list: RowError[] = [];
  private total = 0;

  constructor(private readonly lang: Lang) {}

  /** Records a localised problem of one cell. */
  add(row: number, field: string, code: ErrorCode, params?: Record<string, unknown>): void {
    this.total++;
    if (this.list.length < MAX_REPORTED_ROW_ERRORS) this.list.push({ row, field, message: messageFor(code, this.lang, params) });
  }

  /** Throws 400 IMPORT_FAILED with the collected problems, in row order, when there are any. */
  throwIfAny(): void {
    if (this.total === 0) return;
    const errors = [...this.list].sort((a, b) => a.row - b.row);
    throw new AppError(400, 'IMPORT_FAILED', { count: this.total }, {}, errors);
  }
}

import type { FormInstance } from 'antd';
import { ApiError } from '../api/client.ts';

type NamePath = (string | number)[];

function toNamePath(field: string): NamePath {
  return field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Puts the server's field messages on the matching form fields. Returns the messages that have
 * no field in this form (body-level `_`, or fields the form does not show) so the caller can
 * show them elsewhere.
 */
export function applyFieldErrors(form: FormInstance, err: unknown, aliases: Record<string, string> = {}): string[] {
  if (!(err instanceof ApiError)) return [];
  const known = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  const leftovers: string[] = [];
  const fields: { name: NamePath; errors: string[] }[] = [];
  for (const [raw, message] of Object.entries(err.fields)) {
    const name = toNamePath(aliases[raw] ?? raw);
    if (known.has(JSON.stringify(name))) fields.push({ name, errors: [message] });
    else leftovers.push(message);
  }
  if (fields.length) form.setFields(fields);
  return leftovers;
}

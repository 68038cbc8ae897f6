import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type RowError } from './errors.ts';
import { messageFor, pickLang, type ErrorCode, type Lang } from './messages.ts';
import { fieldOfIssue, localiseIssue, type ValidationProblem } from './validation.ts';

/** The JSON body of every error answer. */
export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string>; errors?: RowError[] };
}

function body(code: ErrorCode, lang: Lang, params?: Record<string, unknown>, fields?: Record<string, string>, errors?: readonly RowError[]): ErrorBody {
  return {
    error: {
      code,
      message: messageFor(code, lang, params),
      ...(fields && Object.keys(fields).length ? { fields } : {}),
      ...(errors?.length ? { errors: [...errors] } : {}),
    },
  };
}

/** Maps any thrown error to a status and a localised `{"error":{code,message,fields}}` body. */
export function errorToResponse(err: FastifyError | AppError | Error, lang: Lang, contentType = ''): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(err.fields)) fields[k] = typeof v === 'string' ? v : messageFor(v.code, lang, v.params);
    return { status: err.status, body: body(err.code, lang, err.params, fields, err.errors) };
  }
  const fe = err as FastifyError & { validation?: ValidationProblem[]; validationContext?: string };
  if (fe.validation) {
    const fields: Record<string, string> = {};
    for (const p of fe.validation) {
      const issue = p.params?.issue;
      if (!issue) {
        fields[p.instancePath || '_'] = p.message ?? 'invalid';
        continue;
      }
      for (const f of fieldOfIssue(issue, fe.validationContext)) fields[f] ??= localiseIssue(issue, lang);
    }
    return { status: 400, body: body('VALIDATION_FAILED', lang, {}, fields) };
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: body('BODY_TOO_LARGE', lang, { limit: '1 MB' }) };
    case 'FST_REQ_FILE_TOO_LARGE':
      return { status: 413, body: body('BODY_TOO_LARGE', lang, { limit: '10 MB' }) };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, body: body('UNSUPPORTED_MEDIA_TYPE', lang, { type: contentType.split(';')[0] || '—' }) };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, body: body('MALFORMED_JSON', lang) };
    case 'FST_ERR_RATE_LIMIT_EXCEEDED':
      return { status: 429, body: body('RATE_LIMITED', lang) };
  }
  if (err instanceof SyntaxError || (fe.statusCode === 400 && /JSON/i.test(fe.message))) return { status: 400, body: body('MALFORMED_JSON', lang) };
  if (fe.statusCode === 429) return { status: 429, body: body('RATE_LIMITED', lang) };
  if (fe.statusCode === 415) return { status: 415, body: body('UNSUPPORTED_MEDIA_TYPE', lang, { type: contentType.split(';')[0] || '—' }) };
  if (fe.statusCode === 406 || fe.statusCode === 413) return { status: fe.statusCode, body: body('BODY_TOO_LARGE', lang, { limit: '1 MB' }) };
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return { status: fe.statusCode, body: body('VALIDATION_FAILED', lang, {}, { _: fe.message }) };
  return { status: 500, body: body('INTERNAL', lang) };
}

/** Fastify error handler: logs server faults, answers every error in the caller's language. */
export function handleError(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const lang = req.lang ?? pickLang(req.headers['accept-language']);
  const { status, body: b } = errorToResponse(err, lang, req.headers['content-type']);
  if (status >= 500) req.log.error({ err }, 'request failed');
  return reply.status(status).send(b);
}

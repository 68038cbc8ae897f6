import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodType } from 'zod';
import { AppError } from '../../core/errors.ts';
import type { Lang } from '../../core/messages.ts';
import { fieldOfIssue, localiseIssue } from '../../core/validation.ts';

/** One file of a multipart request, read into memory. */
export interface UploadedPart {
  fieldName: string;
  fileName: string;
  data: Buffer;
}

/** The text fields and files of a multipart request. */
export interface UploadedForm {
  fields: Record<string, unknown>;
  files: UploadedPart[];
}

/** Limits of one upload route, and the refusals it words itself. */
export interface UploadLimits {
  fileSize: number;
  maxFiles: number;
  fileFields: readonly string[];
  textFields: readonly string[];
  tooLarge: (fileName: string) => AppError;
  tooMany: () => AppError;
}

/** 400 UPLOAD_BAD_FORM naming the fields the route expects. */
const badForm = (limits: UploadLimits) => new AppError(400, 'UPLOAD_BAD_FORM', { fields: [...limits.textFields, ...limits.fileFields].join(', ') });

/**
 * Reads a multipart request whole (files are few and bounded: maxFiles × fileSize), so the
 * command can check everything before it writes anything. Limits are raised or lowered for this
 * request only; the plugin's own errors become worded 4xx answers.
 */
export async function readUpload(req: FastifyRequest, limits: UploadLimits): Promise<UploadedForm> {
  if (!req.isMultipart()) throw badForm(limits);
  const form: UploadedForm = { fields: {}, files: [] };
  try {
    // One more file than allowed reaches us, so "too many" is our worded refusal, not the parser's.
    const parts = req.parts({ limits: { fileSize: limits.fileSize, files: limits.maxFiles + 1, fields: limits.textFields.length + 5, parts: limits.maxFiles + limits.textFields.length + 10 } });
    for await (const part of parts) {
      if (part.type === 'file') {
        if (!limits.fileFields.includes(part.fieldname)) throw badForm(limits);
        // A form posted with no file chosen sends an empty part without a name: nothing was meant.
        if (!part.filename) {
          await part.toBuffer();
          continue;
        }
        if (form.files.length >= limits.maxFiles) throw limits.tooMany();
        form.files.push({ fieldName: part.fieldname, fileName: part.filename, data: await part.toBuffer() });
      } else {
        if (!limits.textFields.includes(part.fieldname)) throw badForm(limits);
        form.fields[part.fieldname] = part.value;
      }
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    const err = e as { code?: string; part?: { filename?: string } };
    if (err.code === 'FST_REQ_FILE_TOO_LARGE') throw limits.tooLarge(err.part?.filename ?? '');
    if (err.code === 'FST_FILES_LIMIT') throw limits.tooMany();
    // Anything else the parser says (cut-off body, missing boundary, bad JSON field) is the client's fault.
    throw badForm(limits);
  }
  return form;
}

/** sha256 (hex) of file content. */
export function sha256Of(data: Uint8Array): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/**
 * Validates a value that did not pass through the route's schema (a JSON field of a multipart
 * form) and answers like the route's own validation would: 400 with worded field messages.
 */
export function parseWith<T>(schema: ZodType<T>, value: unknown, lang: Lang): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    for (const f of fieldOfIssue(issue as never, 'body')) fields[f] ??= localiseIssue(issue as never, lang);
  }
  throw new AppError(400, 'VALIDATION_FAILED', {}, fields);
}

/** Content-Disposition of a download: inline for what browsers show safely, with the UTF-8 name. */
export function contentDisposition(fileName: string, inline: boolean): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Sends a stored file with headers that stop browsers from guessing its type. */
export function sendFile(reply: FastifyReply, file: { fileName: string; contentType: string; data: Uint8Array }) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', contentDisposition(file.fileName, file.contentType.startsWith('image/') || file.contentType === 'application/pdf'))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(file.data));
}

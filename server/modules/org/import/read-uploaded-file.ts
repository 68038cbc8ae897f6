import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../core/errors.ts';
import type { UploadedFile } from './read-table.ts';

/** The uploaded file of a multipart request (field `file`), or 400 IMPORT_NO_FILE; used by every import route. */
export async function readUploadedFile(req: FastifyRequest): Promise<UploadedFile> {
  if (!req.isMultipart()) throw new AppError(400, 'IMPORT_NO_FILE');
  try {
    const part = await req.file();
    if (!part) throw new AppError(400, 'IMPORT_NO_FILE');
    // Over the upload limit this throws FST_REQ_FILE_TOO_LARGE (413), as the plugin is registered with throwFileSizeLimit.
    const data = await part.toBuffer();
    return { filename: part.filename ?? '', data };
  } catch (e) {
    // The multipart parser reports a cut-off body or a missing boundary as a plain Error: the client's fault, not ours.
    if (e instanceof AppError || (e as { statusCode?: number }).statusCode) throw e;
    throw new AppError(400, 'IMPORT_BAD_UPLOAD');
  }
}

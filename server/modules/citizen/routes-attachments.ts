import { z } from 'zod';
import type { App, ModuleDeps } from '../../core/module.ts';
import { ctxOf } from '../../core/request-context.ts';
import { requireAbility } from '../../core/guards.ts';
import { AppError } from '../../core/errors.ts';
import { ZMatterIdParams } from '../matters/schema.ts';
import { loadMatter } from '../matters/queries/load-matter.ts';
import { cleanFileName, detectAttachmentType } from './file-types.ts';
import { parseWith, readUpload, sendFile, sha256Of } from './http-files.ts';
import { addAttachment, assertMayAttach } from './commands/add-attachment.ts';
import { getAttachment } from './queries/get-attachment.ts';
import { listAttachments } from './queries/list-attachments.ts';
import { ATTACHMENT_MAX_BYTES, ZAttachment, ZAttachmentList, ZAttachmentParams } from './schema.ts';

/** The text fields of a staff upload, as multipart sends them (strings). */
const ZAttachmentFields = z.strictObject({
  visibleToCitizen: z
    .enum(['true', 'false', '1', '0', 'on'])
    .transform((v) => v === 'true' || v === '1' || v === 'on')
    .default(false),
  measureId: z.uuid().optional(),
});

/** Staff routes for the files of a matter: upload, list, download (scoped like the matter: 404 outside). */
export function registerAttachmentRoutes(app: App, { database, config, keys }: ModuleDeps): void {
  const db = database.db;

  app.post(
    '/matters/:id/attachments',
    {
      schema: {
        tags: ['matters'],
        summary: 'Attach a file to a matter (multipart field "file"; optional fields visibleToCitizen, measureId)',
        description: 'Images (JPEG, PNG, WebP, HEIC, GIF), PDF and Office/WPS documents, judged by content; ≤ 20 MB. Needs matter.handle on the responsible unit or matter.intake on the intake unit. A timeline event "attach" and an audit row.',
        consumes: ['multipart/form-data'],
        'x-file-description': 'one file ≤ 20 MB: an image (JPEG, PNG, WebP, HEIC, GIF), PDF or Office/WPS document, judged by content; optional fields visibleToCitizen (true/false) and measureId',
        params: ZMatterIdParams,
        response: { 201: ZAttachment },
      },
    },
    async (req, reply) => {
      const actor = requireAbility(req, 'matter.read');
      const ctx = ctxOf(req, db, config, keys);
      // Scope and role first, so an upload to a matter one cannot touch is refused unread.
      assertMayAttach(actor, await loadMatter(db, actor, req.params.id));
      const form = await readUpload(req, {
        fileSize: ATTACHMENT_MAX_BYTES,
        maxFiles: 1,
        fileFields: ['file'],
        textFields: ['visibleToCitizen', 'measureId'],
        tooLarge: (name) => new AppError(413, 'ATTACHMENT_TOO_LARGE', { name, limit: '20 MB' }),
        tooMany: () => new AppError(400, 'UPLOAD_BAD_FORM', { fields: 'file, visibleToCitizen, measureId' }),
      });
      const fields = parseWith(ZAttachmentFields, form.fields, ctx.lang);
      const [file] = form.files;
      if (!file) throw new AppError(400, 'ATTACHMENT_NO_FILE');
      const type = file.data.length ? detectAttachmentType(file.data, file.fileName) : null;
      if (!type) throw new AppError(400, 'ATTACHMENT_TYPE', { name: file.fileName });
      const stored = { fileName: cleanFileName(file.fileName, type, 'attachment'), contentType: type.contentType, data: file.data, size: file.data.length, sha256: sha256Of(file.data) };
      return reply.status(201).send(await addAttachment(ctx, req.params.id, stored, fields));
    },
  );

  app.get(
    '/matters/:id/attachments',
    { schema: { tags: ['matters'], summary: 'The files of a matter (without content)', params: ZMatterIdParams, response: { 200: ZAttachmentList } } },
    async (req) => {
      requireAbility(req, 'matter.read');
      return listAttachments(ctxOf(req, db, config, keys), req.params.id);
    },
  );

  app.get(
    '/matters/:id/attachments/:attId',
    {
      schema: {
        tags: ['matters'],
        summary: 'Download one file of a matter (images and PDF inline, others as attachment)',
        params: ZAttachmentParams,
        response: { 200: z.unknown().describe('The file, with its Content-Type') },
      },
    },
    async (req, reply) => {
      requireAbility(req, 'matter.read');
      return sendFile(reply, await getAttachment(ctxOf(req, db, config, keys), req.params.id, req.params.attId));
    },
  );
}

import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { max } from 'drizzle-orm';
import type { App, ModuleDeps } from '../../core/module.ts';
import { AppError } from '../../core/errors.ts';
import { errorToResponse } from '../../core/http-errors.ts';
import { messageFor, pickLang } from '../../core/messages.ts';
import { ctxOf } from '../../core/request-context.ts';
import { categories } from '../categories/tables.ts';
import { ZJurisdictionQuery, ZResourceParams, ZServiceRequestsQuery } from './schema.ts';
import { toXml, type SparkValue } from './spark-xml.ts';
import { findService, listServices } from './queries/list-services.ts';
import { findRequestByToken, getServiceRequest, listServiceRequests } from './queries/list-service-requests.ts';
import { resolveApiKey } from './queries/resolve-api-key.ts';
import { createServiceRequest } from './commands/create-service-request.ts';

/** Where GeoReport v2 is served. */
export const GEOREPORT_PREFIX = '/open311/v2';
/** The specification token of discovery documents. */
const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

type Format = 'xml' | 'json';

/** The format a resource is asked in: `.json` → JSON; `.xml` or no extension → XML (the spec's required format). */
export function formatOfUrl(url: string): Format {
  return url.split('?')[0].endsWith('.json') ? 'json' : 'xml';
}

/** A path segment such as `001.json` → the id and the format. */
export function splitFormat(file: string): { id: string; format: Format } {
  const m = /^(.*)\.(xml|json)$/.exec(file);
  return m ? { id: m[1], format: m[2] as Format } : { id: file, format: 'xml' };
}

function send(reply: FastifyReply, format: Format, root: string, value: SparkValue, status = 200) {
  reply.status(status);
  if (format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(value));
  return reply.type('text/xml; charset=utf-8').send(toXml(root, value));
}

/**
 * Any error as the spec's error list (`<errors><error><code/><description/></error></errors>` or
 * `[{code, description}]`), in the caller's language. HTTP status: 403 for the api_key, 404 for
 * what does not exist, 429 when rate-limited, 400 for anything else the client can fix, 500 for
 * a fault of ours (logged).
 */
function sendError(err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply) {
  const lang = req.lang ?? pickLang(req.headers['accept-language']);
  const { status, body } = errorToResponse(err, lang, req.headers['content-type']);
  const fields = Object.entries(body.error.fields ?? {}).map(([k, v]) => `${k}: ${v}`);
  const code = status === 403 || status === 404 || status === 429 ? status : status >= 500 ? 500 : 400;
  if (code === 500) req.log.error({ err }, 'open311 request failed');
  const description = [body.error.message, ...fields].join(' ');
  return send(reply, formatOfUrl(req.url), 'errors', [{ code, description }], code);
}

/** Formats as each resource is registered: without extension (XML), `.xml` and `.json`. */
const extensions = ['', '.xml', '.json'] as const;

/**
 * Open311 GeoReport v2 at /open311/v2 (http://wiki.open311.org/GeoReport_v2): discovery, services,
 * service definitions, requests (GET and POST), a request, tokens; XML by default, JSON with
 * `.json`. Public: no session; POST needs an api_key (JICENG_OPEN311_KEYS or issued by an admin).
 * Registered in a scope of its own, so it answers errors in the spec's format, parses the
 * form-encoded posts the spec prescribes, and the /api session hook never sees it.
 */
export async function registerGeoReportRoutes(app: App, { database, config, keys }: ModuleDeps, envKeyHashes: readonly string[]): Promise<void> {
  const db = database.db;
  await app.register(
    async (scope) => {
      const o = scope.withTypeProvider<ZodTypeProvider>();
      o.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      });
      o.setErrorHandler(sendError);
      o.setNotFoundHandler((req, reply) => sendError(new AppError(404, 'ROUTE_NOT_FOUND', { method: req.method, url: req.url.split('?')[0] }), req, reply));
      const tags = ['open311'];

      for (const ext of extensions) {
        const format: Format = ext === '.json' ? 'json' : 'xml';
        o.get(`/discovery${ext}`, { schema: { tags, summary: `GeoReport v2 service discovery${ext ? ` (${format.toUpperCase()})` : ' (XML)'}`, querystring: ZJurisdictionQuery } }, async (req, reply) => {
          const [{ at }] = await db.select({ at: max(categories.updatedAt) }).from(categories);
          const changeset = (at ?? new Date(0)).toISOString().slice(0, 16).replace('T', ' ');
          return send(reply, format, 'discovery', {
            changeset,
            contact: messageFor('OPEN311_CONTACT', req.lang),
            key_service: messageFor('OPEN311_KEY_SERVICE', req.lang),
            endpoints: [{ specification: SPECIFICATION, url: `${req.protocol}://${req.host}${GEOREPORT_PREFIX}`, changeset, type: 'production', formats: ['text/xml', 'application/json'] }],
          });
        });
        o.get(`/services${ext}`, { schema: { tags, summary: 'GeoReport v2 service list: each active category is a service', querystring: ZJurisdictionQuery } }, async (_req, reply) =>
          send(reply, format, 'services', await listServices(db)),
        );
        o.get(`/requests${ext}`, { schema: { tags, summary: 'GeoReport v2 service requests (publicly submitted matters): filters service_request_id, service_code, start_date, end_date, status', querystring: ZServiceRequestsQuery } }, async (req, reply) =>
          send(reply, format, 'service_requests', await listServiceRequests(db, req.query)),
        );
        o.post(
          `/requests${ext}`,
          {
            config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
            schema: {
              tags,
              summary: 'GeoReport v2 POST service request (form-encoded or JSON): api_key, service_code, lat+long | address_string | address_id, description, first_name, last_name, phone, media_url …',
              consumes: ['application/x-www-form-urlencoded', 'application/json'],
            },
          },
          async (req, reply) => {
            const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
            const query = req.query as Record<string, unknown>;
            const key = typeof body.api_key === 'string' ? body.api_key : typeof query.api_key === 'string' ? query.api_key : undefined;
            const grant = await resolveApiKey(db, key, envKeyHashes);
            if (!grant) throw new AppError(403, 'OPEN311_API_KEY');
            const answer = await createServiceRequest({ ...ctxOf(req, db, config, keys), actor: null, channel: 'open311' }, grant, body);
            return send(reply, format, 'service_requests', answer);
          },
        );
      }

      o.get('/services/:file', { schema: { tags, summary: 'GeoReport v2 service definition ({service_code}.xml|.json); no attributes: metadata is false', params: ZResourceParams, querystring: ZJurisdictionQuery } }, async (req, reply) => {
        const { id, format } = splitFormat(req.params.file);
        const service = await findService(db, id);
        if (!service) throw new AppError(404, 'OPEN311_SERVICE_NOT_FOUND', { code: id });
        return send(reply, format, 'service_definition', { service_code: service.row.code, attributes: [] });
      });
      o.get('/requests/:file', { schema: { tags, summary: 'GeoReport v2 one service request ({service_request_id}.xml|.json)', params: ZResourceParams, querystring: ZJurisdictionQuery } }, async (req, reply) => {
        const { id, format } = splitFormat(req.params.file);
        return send(reply, format, 'service_requests', [await getServiceRequest(db, id)]);
      });
      o.get('/tokens/:file', { schema: { tags, summary: 'GeoReport v2 service_request_id from a token ({token}.xml|.json)', params: ZResourceParams, querystring: ZJurisdictionQuery } }, async (req, reply) => {
        const { id, format } = splitFormat(req.params.file);
        return send(reply, format, 'service_requests', [await findRequestByToken(db, id)]);
      });
    },
    { prefix: GEOREPORT_PREFIX },
  );
}

import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { OpenAPIHono, RouteConfig } from '@hono/zod-openapi';
import type { Env, MiddlewareHandler } from 'hono';
import { Hono } from 'hono/quick';
import type { BlankEnv } from 'hono/types';
import { mergePath } from 'hono/utils/url';
import * as z from 'zod';
import type { Role } from '../../shared/api/auth';
import { ApiError } from '../../shared/api/common';
import { HttpError } from './http-error';
import { requireRole } from './middleware/auth';
import { jsonBody, parseWith } from './validate';

/**
 * How every koe route is defined (docs/DESIGN.md §6): once, with
 * {@link defineRoute} (@hono/zod-openapi's `RouteConfig`) and
 * `app.openapi(route, handler)` on a {@link KoeApi}. The one definition gives
 * the validation, the handler's types (`c.req.valid('json' | 'query' |
 * 'param')`, typed exactly as @hono/zod-openapi types them) and the route's
 * entry in `/api/openapi.json` and `/api/docs`.
 *
 * KoeApi validates with koe's own rules rather than @hono/zod-validator's, so
 * the answers stay those of DESIGN §6: 415 for a body that is not JSON (or
 * not CSV where CSV is wanted), 400 `malformed_json`, 400 `invalid_request`
 * naming the first problems (describeIssues) and refusing keys such as
 * `__proto__`. Path parameters are checked one by one, query strings as one
 * object of first values (`c.req.query()`).
 *
 * It is @hono/zod-openapi's OpenAPIHono without that package's runtime: the
 * package imports zod's whole `z` namespace (every locale, 350 KB more in each
 * Lambda bundle). The registry and generator are the same
 * @asteasolutions/zod-to-openapi that OpenAPIHono uses, and sub-apps mounted
 * with `route()` bring their routes into the parent's document as there.
 */
export class KoeApi<E extends Env = BlankEnv> extends Hono<E> {
  readonly openAPIRegistry = new OpenAPIRegistry();

  /** Registers the route's handler behind its checks, and the route in the document. */
  openapi = ((config: RouteConfig, handler: MiddlewareHandler) => {
    const { middleware, hide, ...route } = config;
    if (!hide) this.openAPIRegistry.registerPath(route);
    const before = middleware === undefined ? [] : Array.isArray(middleware) ? middleware : [middleware];
    const path = route.path.replaceAll(/\/{(.+?)}/g, '/:$1');
    this.on([route.method], [path], ...before, ...validatorsOf(route), handler);
    return this;
  }) as unknown as OpenAPIHono<E>['openapi'];

  constructor() {
    super();
    const mount = this.route.bind(this);
    this.route = ((path: string, app: Hono<Env>) => {
      mount(path, app as never);
      if (!(app instanceof KoeApi)) return this;
      const prefix = path.replaceAll(/:([^/]+)/g, '{$1}');
      for (const def of (app as KoeApi<Env>).openAPIRegistry.definitions) {
        if (def.type === 'route') {
          this.openAPIRegistry.registerPath({ ...def.route, path: mergePath(prefix, def.route.path) });
        } else if (def.type === 'component') {
          this.openAPIRegistry.registerComponent(def.componentType, def.name, def.component as never);
        }
      }
      return this;
    }) as unknown as this['route'];
  }

  /** The OpenAPI 3.1 document of every route registered here or mounted with `route()`. */
  getOpenAPI31Document(config: Parameters<OpenApiGeneratorV31['generateDocument']>[0]) {
    return new OpenApiGeneratorV31(this.openAPIRegistry.definitions).generateDocument(config);
  }
}

function validatorsOf(route: RouteConfig): MiddlewareHandler[] {
  const out: MiddlewareHandler[] = [];
  const params = route.request?.params;
  if (params instanceof z.ZodObject) {
    const shape = Object.entries(params.shape as Record<string, z.ZodType>);
    out.push(async (c, next) => {
      const value: Record<string, unknown> = {};
      for (const [name, schema] of shape) value[name] = parseWith(schema, c.req.param(name));
      c.req.addValidatedData('param', value);
      await next();
    });
  }
  const query = route.request?.query;
  if (query) {
    out.push(async (c, next) => {
      c.req.addValidatedData('query', parseWith(query as z.ZodType, c.req.query()) as object);
      await next();
    });
  }
  const body = route.request?.body;
  const media = body?.content['application/json'];
  const json = media && 'schema' in media ? media.schema : undefined;
  if (json instanceof z.ZodType) {
    const required = body?.required !== false;
    out.push(async (c, next) => {
      // An optional body may be left out altogether (no length, no type): `undefined`.
      const absent = (c.req.header('content-length') ?? '0') === '0' && !c.req.header('content-type');
      const value = !required && absent ? undefined : await jsonBody(c, json);
      c.req.addValidatedData('json', value as object);
      await next();
    });
  } else if (body && Object.keys(body.content).length > 0) {
    // A body that is not JSON (a roster file): only the media types the route names.
    const types = Object.keys(body.content).map((t) => t.toLowerCase());
    out.push(async (c, next) => {
      const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (!types.includes(type)) {
        throw new HttpError(415, 'unsupported_media_type', `send the body as ${types.join(' or ')}`);
      }
      await next();
    });
  }
  return out;
}

/** Who may call a route: anyone, anyone signed in, or the signed-in holders of these roles. */
export type Access = 'public' | 'signed-in' | readonly Role[];

/** The session (cookie or Bearer) that every non-public route needs. */
export const SECURITY = [{ cookie: [] }, { bearer: [] }];

/**
 * A route config (@hono/zod-openapi's `createRoute` input) with koe's access
 * rule: the roles are checked (403) before any input, and the document lists
 * them (`x-koe-access`) with the session as the operation's security, and the
 * errors every such route may answer (401, 403, and for a JSON body 400, 413,
 * 415).
 */
export function defineRoute<const R extends RouteConfig>(
  config: R & { access: Access },
): Omit<R, 'responses'> & { responses: { [status: number]: { description: string } } } & {
  middleware: MiddlewareHandler[];
} {
  const { access, ...route } = config;
  const own = route.middleware === undefined ? [] : [route.middleware].flat();
  const roles = typeof access === 'string' ? [] : [requireRole(...access)];
  const standard: Record<number, string> = {};
  if (route.request?.body?.content['application/json']) Object.assign(standard, BODY_ERRORS);
  if (access !== 'public') standard[401] = 'not signed in, or the session has ended';
  const refusals = [
    ...(typeof access === 'string' ? [] : [`only for: ${access.join(', ')} (forbidden)`]),
    ...(access !== 'public' && route.method !== 'get'
      ? ['a cookie session without the CSRF header (csrf)']
      : []),
  ];
  if (refusals.length) standard[403] = refusals.join('; ');
  return {
    ...route,
    responses: { ...errors(standard), ...route.responses },
    middleware: [...own, ...roles],
    ...(access === 'public' ? {} : { security: SECURITY }),
    'x-koe-access': typeof access === 'string' ? access : [...access],
  } as RouteConfig as never;
}

/** A JSON request body checked against `schema` (optional: it may be left out). */
export function jsonRequest<S extends z.ZodType>(schema: S, options: { optional?: boolean } = {}) {
  return {
    required: !options.optional,
    content: { 'application/json': { schema } },
  };
}

/** A response with a JSON body, documented from the zod schema the API's clients share. */
export function ok(schema: z.ZodType, description = 'OK') {
  // Converted when the document is first built, not when a function starts.
  let json: Record<string, unknown> | undefined;
  const media = {
    get schema() {
      json ??= z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
      delete json.$schema;
      return json;
    },
  };
  return { description, content: { 'application/json': media } };
}

let errorSchema: Record<string, unknown> | undefined;
/** DESIGN §6's error body, converted when the document is first built. */
const errorMedia = {
  get schema() {
    errorSchema ??= z.toJSONSchema(ApiError, { io: 'output' }) as Record<string, unknown>;
    delete errorSchema.$schema;
    return errorSchema;
  },
};

/** Error responses: status → when, each with DESIGN §6's `{error:{code,message}}` body. */
export function errors(map: Record<number, string>) {
  return Object.fromEntries(
    Object.entries(map).map(([status, description]) => [
      status,
      { description, content: { 'application/json': errorMedia } },
    ]),
  );
}

/** The errors every checked JSON body may get. */
export const BODY_ERRORS = {
  400: 'the body is not valid JSON or fails the schema (invalid_request)',
  413: 'the body is too large',
  415: 'not Content-Type: application/json',
};

/** A path parameter koe issues (campaign ids, post ids …): any text; unknown ones get 404. */
export const IdParam = z.object({ id: z.string() });

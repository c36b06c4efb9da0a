import * as z from 'zod';
import { AuditMonth } from '../../shared/api/audit';
import { RetentionPlan, RetentionSetting, RetentionSettingInput } from '../../shared/api/retention';
import {
  LoginRequest,
  LoginResponse,
  PasswordReset,
  UserCreate,
  UserList,
  UserRoleChange,
  UserSummary,
} from '../../shared/api/auth';
import {
  Campaign,
  CampaignCreate,
  CampaignStatusResponse,
  CampaignUpdate,
  InvitationRequest,
  InvitationsResponse,
  Participation,
} from '../../shared/api/campaign';
import { ApiError } from '../../shared/api/common';
import {
  DeliveryRequest,
  DeliveryResult,
  FeedbackDeliveryRequest,
  ReminderResult,
  SlipsResponse,
} from '../../shared/api/delivery';
import {
  FeedbackCode,
  FeedbackCodesRequest,
  FeedbackKeyRequest,
  FeedbackKeyResponse,
} from '../../shared/api/feedback';
import { RosterImportResult, Unit, UnitCreate, UnitReorder, UnitUpdate } from '../../shared/api/organisation';
import {
  CodeLookup,
  CodeLookupRequest,
  MoveBoxContent,
  MoveBoxCreated,
  MoveBoxPut,
  MoveBoxTake,
  PublicCampaign,
  PublicKeyList,
  PublicCampaignRequest,
  ResponseReceipt,
  ResponseStatus,
  ResponseStatusRequest,
  ResponseSubmit,
  TokenRequest,
  TokenResponse,
} from '../../shared/api/public';
import { CampaignResults, Indicators, TargetSet } from '../../shared/api/results';

type Schema = z.ZodType;
interface Operation {
  summary: string;
  auth?: boolean;
  body?: Schema | 'csv';
  responses: Record<number, Schema | string>;
  query?: Record<string, string>;
}

const json = (s: Schema) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });
const jsonOut = (s: Schema) => z.toJSONSchema(s, { io: 'output', unrepresentable: 'any' });

const ops: Record<string, Record<string, Operation>> = {
  '/api/health': { get: { summary: 'Liveness', responses: { 200: z.object({ ok: z.literal(true) }) } } },
  '/api/auth/login': {
    post: {
      summary: 'Sign in (also sets the session and CSRF cookies)',
      body: LoginRequest,
      responses: { 200: LoginResponse, 401: 'wrong e-mail or password', 429: 'locked' },
    },
  },
  '/api/auth/logout': {
    post: {
      summary: 'Sign out: ends this session server-side and clears the cookies',
      responses: { 204: 'signed out' },
    },
  },
  '/api/auth/users': {
    get: { summary: 'List accounts (admin)', auth: true, responses: { 200: UserList } },
    post: {
      summary: 'Create an account (admin; audited)',
      auth: true,
      body: UserCreate,
      responses: { 201: z.object({ user: z.unknown() }), 409: 'an account with this e-mail exists' },
    },
  },
  '/api/auth/users/{email}/role': {
    put: {
      summary: 'Change an account’s role (admin; ends its sessions; audited)',
      auth: true,
      body: UserRoleChange,
      responses: { 200: z.object({ user: UserSummary }), 409: 'your own account, or the last admin' },
    },
  },
  '/api/auth/users/{email}/disable': {
    post: {
      summary: 'Disable an account (admin; ends its sessions; audited)',
      auth: true,
      responses: { 200: z.object({ user: UserSummary }), 409: 'your own account, or the last admin' },
    },
  },
  '/api/auth/users/{email}/enable': {
    post: {
      summary: 'Enable an account (admin; audited)',
      auth: true,
      responses: { 200: z.object({ user: UserSummary }) },
    },
  },
  '/api/auth/users/{email}/password': {
    post: {
      summary: 'Reset an account’s password (admin; ends its sessions; audited)',
      auth: true,
      body: PasswordReset,
      responses: { 200: z.object({ user: UserSummary }) },
    },
  },
  '/api/auth/users/{email}': {
    delete: {
      summary: 'Delete an account (admin; audited)',
      auth: true,
      responses: { 204: 'deleted', 409: 'your own account, or the last admin' },
    },
  },
  '/api/audit': {
    get: {
      summary: 'One month of the audit log, ?month=yyyy-mm (auditor)',
      auth: true,
      responses: { 200: AuditMonth },
    },
  },
  '/api/settings/retention': {
    get: {
      summary: 'The retention setting: years after which raw answers and posts go, null = forever (admin)',
      auth: true,
      responses: { 200: RetentionSetting },
    },
    put: {
      summary: 'Set the retention period, 1–100 years or null (admin; audited)',
      auth: true,
      body: RetentionSettingInput,
      responses: { 200: RetentionSetting },
    },
  },
  '/api/settings/retention/preview': {
    get: {
      summary: 'Dry run: campaigns and fiscal years retention would delete today, counts only (admin)',
      auth: true,
      responses: { 200: RetentionPlan },
    },
  },
  '/api/units': {
    get: { summary: 'List units', auth: true, responses: { 200: z.array(Unit) } },
    post: {
      summary: 'Create a unit (admin)',
      auth: true,
      body: UnitCreate,
      responses: { 201: Unit, 409: 'exists' },
    },
  },
  '/api/units/order': {
    put: {
      summary: 'Set the display order of siblings (admin): the listed units get orders 1, 2, 3 …',
      auth: true,
      body: UnitReorder,
      responses: { 200: z.array(Unit), 400: 'unknown unit, or units of different parents' },
    },
  },
  '/api/units/{code}': {
    patch: {
      summary: 'Change a unit’s name or display order (admin; order null clears it)',
      auth: true,
      body: UnitUpdate,
      responses: { 200: Unit, 404: 'no such unit' },
    },
  },
  '/api/staff/import': {
    post: {
      summary: 'Import the roster CSV (UTF-8 or Shift_JIS); all lines are checked first; ?dryRun=1 previews',
      auth: true,
      body: 'csv',
      query: { dryRun: 'preview only' },
      responses: { 200: RosterImportResult, 422: 'bad lines; nothing imported' },
    },
  },
  '/api/templates': {
    get: { summary: 'List survey templates', auth: true, responses: { 200: z.array(z.unknown()) } },
  },
  '/api/campaigns': {
    get: { summary: 'List campaigns', auth: true, responses: { 200: z.array(Campaign) } },
    post: {
      summary: 'Create a campaign (admin)',
      auth: true,
      body: CampaignCreate,
      responses: { 201: Campaign },
    },
  },
  '/api/campaigns/{id}': {
    get: { summary: 'Get a campaign', auth: true, responses: { 200: Campaign, 404: 'not found' } },
    patch: {
      summary: 'Edit a draft campaign (admin)',
      auth: true,
      body: CampaignUpdate,
      responses: { 200: Campaign, 409: 'not a draft' },
    },
  },
  '/api/campaigns/{id}/open': {
    post: {
      summary: 'Open a draft (admin)',
      auth: true,
      responses: { 200: CampaignStatusResponse, 409: 'wrong status' },
    },
  },
  '/api/campaigns/{id}/close': {
    post: {
      summary: 'Close an open campaign (admin)',
      auth: true,
      responses: { 200: CampaignStatusResponse, 409: 'wrong status' },
    },
  },
  '/api/campaigns/{id}/invitations': {
    post: {
      summary: 'Every invitation with its code (custodian; audited)',
      auth: true,
      body: InvitationRequest.unwrap(),
      responses: { 200: InvitationsResponse },
    },
  },
  '/api/campaigns/{id}/invitations.csv': {
    get: { summary: 'Invitations as CSV (custodian; audited)', auth: true, responses: { 200: 'text/csv' } },
  },
  '/api/campaigns/{id}/invitations/deliver': {
    post: {
      summary:
        'E-mail each invited person (or staffNos again) their invitation; counts only (custodian; audited)',
      auth: true,
      body: DeliveryRequest.unwrap(),
      responses: { 200: DeliveryResult, 502: 'some e-mails failed', 503: 'no mail service' },
    },
  },
  '/api/campaigns/{id}/reminders': {
    post: {
      summary:
        'E-mail a reminder (link, code, deadline) to each invited person who has not sent answers yet; counts only, once per Japan-time day (custodian; audited)',
      auth: true,
      responses: {
        200: ReminderResult,
        409: 'campaign not open, or its deadline has passed',
        429: 'reminders already sent today (Retry-After)',
        502: 'some e-mails failed',
        503: 'no mail service',
      },
    },
  },
  '/api/campaigns/{id}/invitations/slips': {
    post: {
      summary: 'Slips to print: staff without e-mail, or a reprint for staffNos (custodian; audited)',
      auth: true,
      body: DeliveryRequest.unwrap(),
      responses: { 200: SlipsResponse },
    },
  },
  '/api/feedback/codes': {
    post: {
      summary: 'Every feedback code of the year (custodian; audited)',
      auth: true,
      body: FeedbackCodesRequest,
      responses: { 200: z.strictObject({ codes: z.array(FeedbackCode) }) },
    },
  },
  '/api/feedback/codes/deliver': {
    post: {
      summary: 'E-mail each person (or staffNos again) their feedback code; counts only (custodian; audited)',
      auth: true,
      body: FeedbackDeliveryRequest,
      responses: { 200: DeliveryResult, 502: 'some e-mails failed', 503: 'no mail service' },
    },
  },
  '/api/feedback/codes/slips': {
    post: {
      summary: 'Feedback-code slips: staff without e-mail, or a reprint for staffNos (custodian; audited)',
      auth: true,
      body: FeedbackDeliveryRequest,
      responses: { 200: SlipsResponse },
    },
  },
  '/api/campaigns/{id}/participation': {
    get: { summary: 'Live participation', auth: true, responses: { 200: Participation } },
  },
  '/api/campaigns/{id}/results': {
    get: {
      summary: 'Results with disclosure control; 409 while open',
      auth: true,
      responses: { 200: CampaignResults, 409: 'open or pending' },
    },
  },
  '/api/indicators': {
    get: {
      summary:
        'Favourable share by pillar, construct and fiscal year; each change with raw p and Benjamini–Hochberg q; pillar summaries',
      auth: true,
      query: {
        from: 'first fiscal year (default: four before the current one)',
        to: 'last fiscal year (default: the current fiscal year, April–March)',
      },
      responses: { 200: Indicators },
    },
  },
  '/api/targets': {
    get: { summary: 'Targets', auth: true, responses: { 200: z.array(TargetSet) } },
    put: { summary: 'Set a target (admin)', auth: true, body: TargetSet, responses: { 200: TargetSet } },
  },
  '/api/public/campaigns/{id}': {
    post: {
      summary: 'The survey and unit key for an invitation code (the code in the body, never in the URL)',
      body: PublicCampaignRequest,
      responses: { 200: PublicCampaign, 404: 'unknown code', 409: 'not open' },
    },
  },
  '/api/public/invitations/lookup': {
    post: {
      summary:
        'The open survey an invitation code belongs to: id, title and dates only (the code in the body, never in the URL; the GET form answers 405). An unknown code and one whose survey is not open get the same 404',
      body: CodeLookupRequest,
      responses: { 200: CodeLookup, 400: 'not a code', 404: 'unknown code', 405: 'the GET form' },
    },
  },
  '/api/public/campaigns/{id}/keys': {
    get: {
      summary:
        'The published key groups of an opened campaign (units, invited count, key fingerprint); no sign-in',
      responses: { 200: PublicKeyList, 404: 'no such survey', 409: 'not open yet' },
    },
  },
  '/api/public/feedback/key': {
    post: {
      summary: "The unit key a feedback code's batch is signed with (the code in the body, never in the URL)",
      body: FeedbackKeyRequest,
      responses: { 200: FeedbackKeyResponse, 404: 'unknown code' },
    },
  },
  '/api/public/moves': {
    post: {
      summary:
        "Leave a moving box: a draft, sent survey or feedback tokens sealed by the browser for another of the person's devices (ciphertext in whole blocks, named by a hash of a transfer code the server never sees); kept 24 hours at most",
      body: MoveBoxPut,
      responses: { 201: MoveBoxCreated, 400: 'not a box of whole blocks', 409: 'a box with this id exists' },
    },
  },
  '/api/public/moves/take': {
    post: {
      summary: 'Take a moving box out, once (the id in the body)',
      body: MoveBoxTake,
      responses: { 200: MoveBoxContent, 404: 'no such box: taken or expired' },
    },
  },
  '/api/public/tokens': {
    post: {
      summary: 'Blind-sign a token (RFC 9474) for an invitation, once',
      body: TokenRequest,
      responses: { 200: TokenResponse, 404: 'unknown code', 409: 'used with another message, or not open' },
    },
  },
  '/api/public/responses': {
    post: {
      summary:
        'Submit answers with a signed token; the same token replaces. 202: held until the next shuffled batch is written; 200: these answers are already stored',
      body: ResponseSubmit,
      responses: {
        202: ResponseReceipt,
        200: ResponseReceipt,
        400: 'invalid answers',
        401: 'bad signature',
        409: 'not open',
      },
    },
  },
  '/api/public/responses/status': {
    post: {
      summary:
        "Whether a token's answers are pending (held for the next batch), stored, or unknown (send them again)",
      body: ResponseStatusRequest,
      responses: { 200: ResponseStatus, 400: 'invalid request', 404: 'no such survey' },
    },
  },
};

let cached: unknown;

/** The OpenAPI 3.1 document, generated from the same zod schemas the routes use. */
export function openApiDocument(): unknown {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, methods] of Object.entries(ops)) {
    paths[path] = {};
    for (const [method, op] of Object.entries(methods)) {
      const params = [
        ...(path.includes('{id}')
          ? [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]
          : []),
        ...Object.entries(op.query ?? {}).map(([name, description]) => ({
          name,
          in: 'query',
          description,
          schema: { type: 'string' },
        })),
      ];
      paths[path]![method] = {
        summary: op.summary,
        ...(op.auth ? { security: [{ bearer: [] }, { cookie: [] }] } : {}),
        ...(params.length ? { parameters: params } : {}),
        ...(op.body
          ? {
              requestBody: {
                required: true,
                content:
                  op.body === 'csv'
                    ? { 'text/csv': { schema: { type: 'string' } } }
                    : { 'application/json': { schema: json(op.body) } },
              },
            }
          : {}),
        responses: Object.fromEntries(
          Object.entries(op.responses).map(([status, r]) => [
            status,
            typeof r === 'string'
              ? { description: r, content: { 'application/json': { schema: jsonOut(ApiError) } } }
              : { description: 'OK', content: { 'application/json': { schema: jsonOut(r) } } },
          ]),
        ),
      };
    }
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'koe API',
      version: '1',
      description:
        '声 koe: anonymous staff surveys. Errors are {"error":{"code","message"}}; binary values are base64url without padding.',
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'koe_session' },
      },
    },
    paths,
  };
  return cached;
}

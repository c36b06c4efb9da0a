import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fault-injecting HTTP proxy on 127.0.0.1 in front of a DynamoDB-compatible
 * endpoint (the embedded engine). Each request is matched against the armed
 * faults by its operation (`X-Amz-Target`, e.g. `PutItem`) and its JSON body
 * (table name, key…); a matching fault answers in place of the store, or
 * after it (`after: true`: the write happened, the acknowledgement is lost).
 */

export type FaultKind =
  | 'throttle' // 400 ThrottlingException
  | 'provisioned' // 400 ProvisionedThroughputExceededException
  | 'internal' // 500 InternalServerError
  | 'unavailable' // 503 ServiceUnavailable
  | 'reset' // the connection is destroyed without an answer
  | { delayMs: number }; // forwarded, answered late

export interface FaultRule {
  /** Operation name without the service prefix: GetItem, PutItem, UpdateItem, Query, BatchWriteItem… */
  op?: string;
  /** Every string must occur in the request body (e.g. a table name, a key prefix). */
  contains?: string[];
  /** Any further test on the request body. */
  where?: (body: string) => boolean;
  kind: FaultKind;
  /** How many matching requests to hit; Infinity until cleared. */
  times: number;
  /** Forward first, then fault: models a write that happened but whose answer was lost. */
  after?: boolean;
}

export interface FaultProxy {
  endpoint: string;
  /** Arms a fault; returns a handle that counts hits. */
  arm(rule: FaultRule): { readonly hits: number };
  clear(): void;
  /** Operations seen since the last reset, for assertions on what was attempted. */
  readonly seen: string[];
  close(): Promise<void>;
}

const ERROR_TYPES = {
  throttle: [400, 'ThrottlingException', 'Rate of requests exceeds the allowed throughput.'],
  provisioned: [
    400,
    'ProvisionedThroughputExceededException',
    'The level of configured provisioned throughput for the table was exceeded.',
  ],
  internal: [500, 'InternalServerError', 'Internal server error'],
  unavailable: [503, 'ServiceUnavailable', 'Service unavailable'],
} as const;

function awsError(res: http.ServerResponse, kind: keyof typeof ERROR_TYPES): void {
  const [status, type, message] = ERROR_TYPES[kind];
  const body = JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message });
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'x-amzn-requestid': `fault-${Math.random().toString(36).slice(2)}`,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const rules: Array<FaultRule & { hits: number }> = [];
  const seen: string[] = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

  const pick = (op: string, body: string) => {
    for (const rule of rules) {
      if (rule.hits >= rule.times) continue;
      if (rule.op && rule.op !== op) continue;
      if (rule.contains && !rule.contains.every((s) => body.includes(s))) continue;
      if (rule.where && !rule.where(body)) continue;
      rule.hits++;
      return rule;
    }
    return undefined;
  };

  const forward = (
    req: http.IncomingMessage,
    body: Buffer,
    done: (status: number, headers: http.IncomingHttpHeaders, payload: Buffer) => void,
    fail: (err: Error) => void,
  ) => {
    const out = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
        agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(res.statusCode ?? 502, res.headers, Buffer.concat(chunks)));
        res.on('error', fail);
      },
    );
    out.on('error', fail);
    out.end(body);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const op =
        String(req.headers['x-amz-target'] ?? '')
          .split('.')
          .pop() ?? '';
      seen.push(op);
      const rule = pick(op, body.toString('utf8'));
      const reply = (status: number, headers: http.IncomingHttpHeaders, payload: Buffer) => {
        res.writeHead(status, headers);
        res.end(payload);
      };
      const broken = () => res.destroy();
      const fault = () => {
        const kind = rule!.kind;
        if (kind === 'reset') res.socket?.destroy();
        else if (typeof kind === 'object') throw new Error('a delay is not a fault answer');
        else awsError(res, kind);
      };
      if (!rule) return forward(req, body, reply, broken);
      if (typeof rule.kind === 'object') {
        const { delayMs } = rule.kind;
        return void setTimeout(() => forward(req, body, reply, broken), delayMs);
      }
      if (rule.after) return forward(req, body, () => fault(), broken);
      fault();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    arm(rule) {
      const armed = { ...rule, hits: 0 };
      rules.push(armed);
      return {
        get hits() {
          return armed.hits;
        },
      };
    },
    clear() {
      rules.length = 0;
    },
    seen,
    async close() {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

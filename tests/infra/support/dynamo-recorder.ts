import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One DynamoDB call as IAM sees it: the action, the table (or index), the partition keys touched. */
export interface DynamoCall {
  action: string;
  table: string;
  index?: string;
  leadingKeys: string[];
  /** The attributes a GetItem asked for (ProjectionExpression); absent when it read the whole item. */
  attributes?: string[];
}

type Attr = { S?: string };
type Item = Record<string, Attr>;

function partitionKeys(items: Item[], attribute = 'pk'): string[] {
  return [...new Set(items.map((i) => i[attribute]?.S).filter((v): v is string => v !== undefined))];
}

/** What a DynamoDB JSON request touches (the operations the store uses). */
export function describeCall(operation: string, body: Record<string, any>): DynamoCall[] {
  const action = `dynamodb:${operation}`;
  switch (operation) {
    case 'GetItem': {
      const names = (body.ExpressionAttributeNames ?? {}) as Record<string, string>;
      const projection = body.ProjectionExpression as string | undefined;
      return [
        {
          action,
          table: body.TableName,
          leadingKeys: partitionKeys([body.Key]),
          ...(projection
            ? { attributes: projection.split(',').map((a) => names[a.trim()] ?? a.trim()) }
            : {}),
        },
      ];
    }
    case 'DeleteItem':
    case 'UpdateItem':
      return [{ action, table: body.TableName, leadingKeys: partitionKeys([body.Key]) }];
    case 'PutItem':
      return [{ action, table: body.TableName, leadingKeys: partitionKeys([body.Item]) }];
    case 'Query': {
      const index = body.IndexName as string | undefined;
      const names = (body.ExpressionAttributeNames ?? {}) as Record<string, string>;
      const clause = /([#\w]+)\s*=\s*(:\w+)/.exec(body.KeyConditionExpression as string);
      if (!clause) throw new Error(`unreadable key condition: ${body.KeyConditionExpression}`);
      const attribute = names[clause[1]!] ?? clause[1]!;
      const value = (body.ExpressionAttributeValues[clause[2]!] as Attr).S!;
      if (attribute !== (index ? `${index}pk` : 'pk')) throw new Error(`unexpected key ${attribute}`);
      return [{ action, table: body.TableName, ...(index ? { index } : {}), leadingKeys: [value] }];
    }
    case 'BatchGetItem':
      return Object.entries(body.RequestItems as Record<string, { Keys: Item[] }>).map(([table, r]) => ({
        action,
        table,
        leadingKeys: partitionKeys(r.Keys),
      }));
    case 'BatchWriteItem':
      return Object.entries(
        body.RequestItems as Record<
          string,
          Array<{ PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } }>
        >,
      ).map(([table, requests]) => ({
        action,
        table,
        leadingKeys: partitionKeys(requests.map((r) => r.PutRequest?.Item ?? r.DeleteRequest!.Key)),
      }));
    default:
      return [{ action, table: body.TableName ?? '*', leadingKeys: [] }];
  }
}

export interface DynamoRecorder {
  endpoint: string;
  calls: DynamoCall[];
  close(): Promise<void>;
}

/**
 * A pass-through proxy in front of a DynamoDB-compatible endpoint that notes
 * every call, so a test can check each call a function makes against the
 * IAM policy that function gets on AWS.
 */
export async function startDynamoRecorder(target: string): Promise<DynamoRecorder> {
  const calls: DynamoCall[] = [];
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? 'unknown';
      calls.push(...describeCall(operation, JSON.parse(body.toString('utf8') || '{}')));
      const forward = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 500, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', (err) => res.destroy(err));
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import { Agent, type AgentOptions } from 'node:http';
import { connect, type Socket } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { StoreConfig } from './config';

/**
 * The document client of the local runtime when the embedded engine listens
 * on a Unix socket (issue 13, finding 10). Local only: the Lambda bundles
 * never import it (they take the SDK, and its HTTP handler, from the runtime).
 */

/**
 * Connections to the store at once; more requests wait for one. Unbounded, a burst of store calls
 * (opening invitations for 1,500 units updates every unit's count at once) opened a connection each
 * and overflowed the socket's listen backlog: `connect EAGAIN` (issue 18's scale bench). The SDK's
 * own HTTP agent on AWS has 50.
 */
export const STORE_SOCKETS = 50;

/** An HTTP agent whose every connection goes to one Unix socket, whatever the URL's host. */
export class UnixSocketAgent extends Agent {
  constructor(
    readonly socketPath: string,
    options: AgentOptions = {},
  ) {
    super({ keepAlive: true, maxSockets: STORE_SOCKETS, ...options });
  }

  override createConnection(): Socket {
    return connect(this.socketPath);
  }
}

/** Requests are signed for `config.endpoint` (http://localhost) and travel through the socket. */
export function createSocketDocumentClient(
  config: StoreConfig & { socketPath: string },
): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: config.region,
    maxAttempts: 4,
    endpoint: config.endpoint ?? 'http://localhost',
    // Local engines accept any credentials; never read the machine's.
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler: new NodeHttpHandler({ httpAgent: new UnixSocketAgent(config.socketPath) }),
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
}

/** The document client for a configuration: through the socket when it names one. */
export function localDocumentClient(config: StoreConfig): DynamoDBDocumentClient | undefined {
  return config.socketPath
    ? createSocketDocumentClient({ ...config, socketPath: config.socketPath })
    : undefined;
}

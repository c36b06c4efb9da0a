import { Agent, type AgentOptions } from 'node:http';
import { connect, type Socket } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { StoreConfig } from './config';

/** An HTTP agent whose every connection goes to one Unix socket, whatever the URL's host. */
export class UnixSocketAgent extends Agent {
  constructor(
    readonly socketPath: string,
    options: AgentOptions = {},
  ) {
    super({ keepAlive: true, ...options });
  }

  override createConnection(): Socket {
    return connect(this.socketPath);
  }
}

/** One document client per store configuration, shared by every repository. */
export function createDocumentClient(config: StoreConfig): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: config.region,
    maxAttempts: 4,
    ...(config.endpoint
      ? {
          endpoint: config.endpoint,
          // Local engines accept any credentials; never read the machine's.
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
    // The embedded engine on a Unix socket: the URL (http://localhost) is only what requests are signed for.
    ...(config.socketPath
      ? { requestHandler: new NodeHttpHandler({ httpAgent: new UnixSocketAgent(config.socketPath) }) }
      : {}),
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
}

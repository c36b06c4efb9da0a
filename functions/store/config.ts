/** Where the store lives: table names from configuration, and an optional endpoint. */
export interface StoreConfig {
  /** A DynamoDB-compatible endpoint (the embedded engine, DynamoDB Local); AWS when absent. */
  endpoint?: string;
  /** A Unix socket every request goes through (the embedded engine); `endpoint` is then `http://localhost`. */
  socketPath?: string;
  region: string;
  tables: { directory: string; surveys: string; responses: string; feedback: string };
}

/** The table names for a prefix: `koe-directory`, `koe-surveys`, … */
export function tablesFor(prefix: string): StoreConfig['tables'] {
  return {
    directory: `${prefix}-directory`,
    surveys: `${prefix}-surveys`,
    responses: `${prefix}-responses`,
    feedback: `${prefix}-feedback`,
  };
}

export function storeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const prefix = env.KOE_TABLE_PREFIX ?? 'koe';
  return {
    ...(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {}),
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'ap-northeast-1',
    tables: {
      directory: env.TABLE_DIRECTORY ?? tablesFor(prefix).directory,
      surveys: env.TABLE_SURVEYS ?? tablesFor(prefix).surveys,
      responses: env.TABLE_RESPONSES ?? tablesFor(prefix).responses,
      feedback: env.TABLE_FEEDBACK ?? tablesFor(prefix).feedback,
    },
  };
}

import type { Data, TableKey } from './data';

const VARIABLE: Record<TableKey, string> = {
  directory: 'TABLE_DIRECTORY',
  surveys: 'TABLE_SURVEYS',
  responses: 'TABLE_RESPONSES',
  feedback: 'TABLE_FEEDBACK',
};

/** The table names a function is told (functions/lambda/aws-deps.ts): only those it may use. */
export function tableEnvironment(data: Data, tables: TableKey[]): Record<string, string> {
  return Object.fromEntries(tables.map((t) => [VARIABLE[t], data.tables[t].tableName]));
}

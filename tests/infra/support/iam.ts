/**
 * A small IAM policy evaluator for the statements koe's stack writes: exact
 * or wildcard actions, resources as CloudFormation references, and the two
 * condition forms the stack uses. Anything else makes it throw, so a test
 * can never pass because the evaluator did not understand a policy.
 */

export interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface Request {
  action: string;
  /** A resource in the form `resourceName` produces. */
  resource: string;
  /** Partition keys the request touches (DynamoDB). */
  leadingKeys?: string[];
  /** The KMS encryption context. */
  context?: Record<string, string>;
  /** The attributes a DynamoDB read asked for; undefined: the whole item (Select ALL_ATTRIBUTES). */
  attributes?: string[];
}

const list = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

/** IAM's `*` and `?` wildcards. */
export function globMatch(pattern: string, value: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 's').test(value);
}

/**
 * A resource of a synthesized template as a comparable string: a table's
 * `Fn::GetAtt [Id, Arn]` is `Id`, its index `Id/index/gsi1`, a `Ref` is its id.
 */
export function resourceName(resource: unknown): string {
  if (typeof resource === 'string') return resource;
  const r = resource as Record<string, unknown>;
  if (r['Fn::GetAtt']) return (r['Fn::GetAtt'] as string[])[0]!;
  if (r.Ref) return r.Ref as string;
  if (r['Fn::Join']) {
    const [sep, parts] = r['Fn::Join'] as [string, unknown[]];
    return parts.map(resourceName).join(sep);
  }
  throw new Error(`unsupported resource form: ${JSON.stringify(resource)}`);
}

function conditionHolds(condition: Statement['Condition'], request: Request): boolean {
  for (const [operator, entries] of Object.entries(condition ?? {})) {
    for (const [key, patterns] of Object.entries(entries)) {
      const allowed = list(patterns);
      if (operator === 'ForAllValues:StringLike' && key === 'dynamodb:LeadingKeys') {
        const keys = request.leadingKeys ?? [];
        if (!keys.every((k) => allowed.some((p) => globMatch(p, k)))) return false;
      } else if (operator === 'ForAnyValue:StringLike' && key === 'dynamodb:LeadingKeys') {
        const keys = request.leadingKeys ?? [];
        if (!keys.some((k) => allowed.some((p) => globMatch(p, k)))) return false;
      } else if (operator === 'ForAllValues:StringEquals' && key === 'dynamodb:Attributes') {
        // A read of the whole item names no attributes: IAM then needs Select, checked below.
        if (!request.attributes?.every((a) => allowed.includes(a))) return false;
      } else if (operator === 'StringEquals' && key === 'dynamodb:Select') {
        const select = request.attributes ? 'SPECIFIC_ATTRIBUTES' : 'ALL_ATTRIBUTES';
        if (!allowed.includes(select)) return false;
      } else if (operator === 'StringLike' && key.startsWith('kms:EncryptionContext:')) {
        const value = request.context?.[key.slice('kms:EncryptionContext:'.length)];
        if (value === undefined || !allowed.some((p) => globMatch(p, value))) return false;
      } else {
        throw new Error(`the test evaluator does not know ${operator} on ${key}`);
      }
    }
  }
  return true;
}

function applies(statement: Statement, request: Request): boolean {
  const actions = list(statement.Action);
  if (!actions.some((a) => globMatch(a, request.action))) return false;
  const resources = list(statement.Resource).map(resourceName);
  if (!resources.some((r) => globMatch(r, request.resource))) return false;
  return conditionHolds(statement.Condition, request);
}

/** Allowed when some Allow statement applies and no Deny statement does. */
export function isAllowed(statements: Statement[], request: Request): boolean {
  if (statements.some((s) => s.Effect === 'Deny' && applies(s, request))) return false;
  return statements.some((s) => s.Effect === 'Allow' && applies(s, request));
}

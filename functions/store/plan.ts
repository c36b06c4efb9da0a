import { PutCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Template } from '../../shared/instruments/schema';
import type { Plan } from '../../shared/plan';
import { queryAll } from './batch';
import type { StoreContext } from './context';

/**
 * The plan, in the surveys table: the HR development plan as loaded, the
 * survey templates, and the targets HR set per construct and fiscal year.
 * Key shapes: KEYS.md.
 */

export interface TargetRecord {
  constructId: string;
  fiscalYear: number;
  favourable: number;
}

export function planStore(ctx: StoreContext) {
  const { doc } = ctx;
  const TableName = ctx.config.tables.surveys;

  return {
    async putPlan(plan: Plan): Promise<void> {
      await doc.send(new PutCommand({ TableName, Item: { pk: 'PLAN', sk: 'CURRENT', plan } }));
    },

    async getPlan(): Promise<Plan | undefined> {
      const out = await doc.send(
        new GetCommand({ TableName, Key: { pk: 'PLAN', sk: 'CURRENT' }, ConsistentRead: true }),
      );
      return out.Item?.plan;
    },

    async putTemplate(template: Template): Promise<void> {
      await doc.send(new PutCommand({ TableName, Item: { pk: 'TEMPLATE', sk: template.id, template } }));
    },

    async listTemplates(): Promise<Template[]> {
      const items = await queryAll(doc, {
        TableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'TEMPLATE' },
        ConsistentRead: true,
      });
      return items.map((i) => i.template as Template);
    },

    async getTemplate(id: string): Promise<Template | undefined> {
      const out = await doc.send(
        new GetCommand({ TableName, Key: { pk: 'TEMPLATE', sk: id }, ConsistentRead: true }),
      );
      return out.Item?.template;
    },

    async putTarget(target: TargetRecord): Promise<void> {
      await doc.send(
        new PutCommand({
          TableName,
          Item: { pk: 'TARGET', sk: `${target.fiscalYear}#${target.constructId}`, target },
        }),
      );
    },

    async listTargets(): Promise<TargetRecord[]> {
      const items = await queryAll(doc, {
        TableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'TARGET' },
        ConsistentRead: true,
      });
      return items.map((i) => i.target as TargetRecord);
    },
  };
}

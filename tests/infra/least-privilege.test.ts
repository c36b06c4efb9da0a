import type { CfnResource } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LambdaName } from '../../infra/bundling';
import { feedbackKeyContext, feedbackSecretContext } from '../../functions/services/feedback';
import { isAllowed, type Request, type Statement } from './support/iam';
import { removeTemporaryDirs, type Synthesized, statementsOfRole, synthesize } from './support/synth';

/**
 * DESIGN §3, A6 on the synthesized template (issue 13, finding 9): only the
 * public function may unwrap unit signing keys (campaign `c…/<unit>`,
 * feedback `feedback/<fy>/<group>`); the admin function unwraps only code
 * secrets for delivery; admin, results and scheduler carry an explicit deny
 * of unit keys; only the results function reads the responses table.
 */

let dev: Synthesized;
let prod: Synthesized;
const NAMES: LambdaName[] = ['public', 'admin', 'results', 'scheduler'];
// The fifth, `report`, only renders: checked on its own below.
const HR_SIDE: LambdaName[] = ['admin', 'results', 'scheduler'];

beforeAll(() => {
  dev = synthesize({ stage: 'dev' });
  prod = synthesize({ stage: 'prod' });
}, 120_000);
afterAll(removeTemporaryDirs);

const UNIT_KEYS = [
  'c0123456789abcdef/HR',
  'c0123456789abcdef/invite',
  'c0123456789abcdef/codes',
  feedbackKeyContext(2026, 'HR'),
  feedbackKeyContext(2026, '*'),
];
const CODE_SECRETS = ['c0123456789abcdef#invite', feedbackSecretContext(2026)];

for (const stage of ['dev', 'prod'] as const) {
  describe(`A6 in ${stage}`, () => {
    const s = () => (stage === 'dev' ? dev : prod);
    const statements = (name: LambdaName): Statement[] => statementsOfRole(s().json, s().ids.roles[name]);
    const key = () => s().stack.getLogicalId(s().stack.keys.wrappingKey.node.defaultChild as CfnResource);
    const can = (name: LambdaName, request: Request) => isAllowed(statements(name), request);
    const decrypt = (name: LambdaName, koe: string) =>
      can(name, { action: 'kms:Decrypt', resource: key(), context: { koe } });

    it('only the public function unwraps unit signing keys, campaign and feedback', () => {
      for (const context of UNIT_KEYS) {
        expect(decrypt('public', context), context).toBe(true);
        for (const name of HR_SIDE) expect(decrypt(name, context), `${name} ${context}`).toBe(false);
      }
    });

    it('admin, results and scheduler carry an explicit deny of unit-key contexts', () => {
      for (const name of HR_SIDE) {
        const denies = statements(name).filter(
          (st) => st.Effect === 'Deny' && [st.Action].flat().includes('kms:Decrypt'),
        );
        expect(denies, name).toHaveLength(1);
        const patterns = [denies[0]!.Condition!.StringLike!['kms:EncryptionContext:koe']].flat();
        expect(patterns.sort()).toEqual(['c*/*', 'feedback/*/*']);
        // The deny wins even over an allow of everything added later.
        const widened: Statement[] = [
          ...statements(name),
          { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' },
        ];
        for (const context of UNIT_KEYS)
          expect(
            isAllowed(widened, { action: 'kms:Decrypt', resource: key(), context: { koe: context } }),
          ).toBe(false);
      }
    });

    it('the admin function unwraps only code secrets (for delivery), and its decrypt statement is split from encrypt', () => {
      for (const context of CODE_SECRETS) expect(decrypt('admin', context), context).toBe(true);
      expect(decrypt('admin', 'anything-else')).toBe(false);
      expect(can('admin', { action: 'kms:Decrypt', resource: key() })).toBe(false);
      const allowsDecrypt = statements('admin').filter(
        (st) => st.Effect === 'Allow' && [st.Action].flat().includes('kms:Decrypt'),
      );
      expect(allowsDecrypt).toHaveLength(1);
      expect([allowsDecrypt[0]!.Action].flat()).toEqual(['kms:Decrypt']);
      // It still wraps what it makes (code secrets, feedback group keys).
      for (const context of [...CODE_SECRETS, feedbackKeyContext(2026, 'HR')])
        expect(can('admin', { action: 'kms:Encrypt', resource: key(), context: { koe: context } })).toBe(
          true,
        );
    });

    it('the public function never unwraps a code secret; results and scheduler unwrap nothing', () => {
      for (const context of CODE_SECRETS) {
        expect(decrypt('public', context), context).toBe(false);
        expect(decrypt('results', context)).toBe(false);
        expect(decrypt('scheduler', context)).toBe(false);
      }
    });

    it('only the results function reads the responses table; HR’s admin function has no path to it', () => {
      const responses = s().ids.tables.responses;
      for (const action of ['Query', 'GetItem', 'Scan', 'BatchGetItem']) {
        for (const name of NAMES) {
          expect(
            can(name, { action: `dynamodb:${action}`, resource: responses, leadingKeys: ['R#c1#0'] }),
            `${name} ${action}`,
          ).toBe(name === 'results' && action === 'Query');
        }
      }
      for (const st of statements('admin')) expect(JSON.stringify(st)).not.toContain(responses);
      for (const st of statements('scheduler')) expect(JSON.stringify(st)).not.toContain(responses);
    });

    it('feedback: the public function marks codes redeemed; HR reads count snapshots, never the marks', () => {
      const feedback = s().ids.tables.feedback;
      const directory = s().ids.tables.directory;
      expect(
        can('public', { action: 'dynamodb:UpdateItem', resource: feedback, leadingKeys: ['REDEEMED#2026'] }),
      ).toBe(true);
      expect(
        can('public', { action: 'dynamodb:UpdateItem', resource: directory, leadingKeys: ['FINV#x'] }),
      ).toBe(false);
      for (const action of ['GetItem', 'Query']) {
        expect(
          can('admin', { action: `dynamodb:${action}`, resource: feedback, leadingKeys: ['REDEEMED#2026'] }),
        ).toBe(false);
        expect(
          can('admin', { action: `dynamodb:${action}`, resource: feedback, leadingKeys: ['FCOUNT#2026'] }),
        ).toBe(true);
      }
      expect(
        can('admin', { action: 'dynamodb:PutItem', resource: feedback, leadingKeys: ['FCOUNT#2026'] }),
      ).toBe(true);
    });

    it('action plans: the public function lists approved actions only; HR writes actions and progress', () => {
      const surveys = s().ids.tables.surveys;
      const published = { resource: surveys, leadingKeys: ['PUBACTION#2024'] };
      const actions = { resource: surveys, leadingKeys: ['ACTION#2024'] };
      expect(can('public', { action: 'dynamodb:Query', ...published })).toBe(true);
      // Drafts (and who drafted them) are not the public function's to read, nor any action to write.
      for (const action of ['Query', 'GetItem', 'PutItem', 'DeleteItem']) {
        expect(can('public', { action: `dynamodb:${action}`, ...actions }), action).toBe(false);
        expect(
          can('public', { action: `dynamodb:${action}`, resource: surveys, leadingKeys: ['PROGRESS'] }),
          action,
        ).toBe(false);
      }
      for (const action of ['PutItem', 'DeleteItem']) {
        expect(can('public', { action: `dynamodb:${action}`, ...published }), action).toBe(false);
        expect(can('admin', { action: `dynamodb:${action}`, ...actions }), action).toBe(true);
        expect(can('admin', { action: `dynamodb:${action}`, ...published }), action).toBe(true);
      }
      expect(can('admin', { action: 'dynamodb:PutItem', resource: surveys, leadingKeys: ['PROGRESS'] })).toBe(
        true,
      );
      // The results function has no business with them.
      expect(can('results', { action: 'dynamodb:PutItem', ...actions })).toBe(false);
    });

    it('feedback board: the public function lists the published-only projection, never the posts; HR keeps it in step', () => {
      const feedback = s().ids.tables.feedback;
      const board = { resource: feedback, leadingKeys: ['BOARD#2026'] };
      const posts = { resource: feedback, leadingKeys: ['POSTS#2026'] };
      expect(can('public', { action: 'dynamodb:Query', ...board })).toBe(true);
      // Listing or scanning posts (notes, triage, unpublished ones) is not allowed to it.
      for (const action of ['Query', 'Scan', 'BatchGetItem']) {
        expect(can('public', { action: `dynamodb:${action}`, ...posts }), action).toBe(false);
      }
      expect(
        can('public', { action: 'dynamodb:Scan', resource: feedback, leadingKeys: ['BOARD#2026'] }),
      ).toBe(false);
      // It never writes the board: only HR's function publishes, and retention removes.
      for (const action of ['PutItem', 'DeleteItem', 'UpdateItem', 'BatchWriteItem']) {
        expect(can('public', { action: `dynamodb:${action}`, ...board }), action).toBe(false);
      }
      for (const action of ['PutItem', 'DeleteItem', 'Query']) {
        expect(can('admin', { action: `dynamodb:${action}`, ...board }), action).toBe(true);
      }
      expect(can('results', { action: 'dynamodb:BatchWriteItem', ...board })).toBe(true);
      expect(can('scheduler', { action: 'dynamodb:Query', ...board })).toBe(false);
    });

    it('retention: only the results function deletes raw answers and posts; it keeps the marks and cannot change the audit log', () => {
      const { responses, feedback, surveys, directory } = s().ids.tables;
      for (const action of ['DeleteItem', 'BatchWriteItem']) {
        for (const name of NAMES) {
          expect(
            can(name, { action: `dynamodb:${action}`, resource: responses, leadingKeys: ['R#c1#0'] }),
            `${name} ${action} R#`,
            // The public function writes answers in batches; BatchWriteItem cannot be limited to puts.
          ).toBe(name === 'results' || (name === 'public' && action === 'BatchWriteItem'));
        }
        expect(
          can('results', { action: `dynamodb:${action}`, resource: feedback, leadingKeys: ['POSTS#2023'] }),
        ).toBe(true);
        // Spent-token and redeemed-code marks stay: they keep a token or code from being used again.
        for (const pk of ['SPENT#2023', 'REDEEMED#2023', 'MOVE'])
          expect(
            can('results', { action: `dynamodb:${action}`, resource: feedback, leadingKeys: [pk] }),
            pk,
          ).toBe(false);
        expect(
          can('results', {
            action: `dynamodb:${action}`,
            resource: directory,
            leadingKeys: ['AUDIT#2026-06'],
          }),
        ).toBe(false);
      }
      expect(
        can('results', { action: 'dynamodb:PutItem', resource: directory, leadingKeys: ['AUDIT#2026-06'] }),
      ).toBe(true);
      expect(
        can('results', {
          action: 'dynamodb:UpdateItem',
          resource: directory,
          leadingKeys: ['AUDIT#2026-06'],
        }),
      ).toBe(false);
      // It reads the setting and claims the day; it cannot change the setting, which HR (admin) writes.
      expect(can('admin', { action: 'dynamodb:PutItem', resource: surveys, leadingKeys: ['SETTINGS'] })).toBe(
        true,
      );
      expect(
        can('results', { action: 'dynamodb:GetItem', resource: surveys, leadingKeys: ['SETTINGS'] }),
      ).toBe(true);
      expect(
        can('results', { action: 'dynamodb:UpdateItem', resource: surveys, leadingKeys: ['RETENTION'] }),
      ).toBe(true);
      for (const action of ['PutItem', 'UpdateItem'])
        expect(
          can('results', { action: `dynamodb:${action}`, resource: surveys, leadingKeys: ['SETTINGS'] }),
        ).toBe(false);
    });

    it('report: its role reaches no table, key, secret or bucket; only the admin function may invoke it, and nothing else', () => {
      const report = statements('report');
      // Its log group and nothing more.
      expect(report).toHaveLength(1);
      expect([report[0]!.Action].flat().sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
      for (const st of report)
        for (const a of [st.Action].flat())
          expect(a).not.toMatch(/^(dynamodb|kms|s3|secretsmanager|lambda):/);
      const { directory, surveys, responses, feedback } = s().ids.tables;
      for (const table of [directory, surveys, responses, feedback])
        for (const action of ['GetItem', 'Query', 'Scan', 'PutItem'])
          expect(
            can('report', { action: `dynamodb:${action}`, resource: table, leadingKeys: ['UNIT'] }),
          ).toBe(false);
      for (const action of ['kms:Decrypt', 'kms:Encrypt'])
        expect(can('report', { action, resource: key(), context: { koe: 'c0123456789abcdef/HR' } })).toBe(
          false,
        );

      const fn = s().ids.functions.report;
      const invoke = (name: LambdaName, resource: string) =>
        can(name, { action: 'lambda:InvokeFunction', resource });
      for (const name of NAMES) expect(invoke(name, fn), name).toBe(name === 'admin');
      expect(invoke('report', fn)).toBe(false);
      // The admin function invokes that one function, no other.
      for (const other of NAMES) expect(invoke('admin', s().ids.functions[other]), other).toBe(false);
      const invokes = statements('admin').filter((st) =>
        [st.Action].flat().some((a) => a.startsWith('lambda:')),
      );
      expect(invokes).toEqual([
        {
          Sid: 'InvokeReportFunction',
          Effect: 'Allow',
          Action: 'lambda:InvokeFunction',
          Resource: { 'Fn::GetAtt': [fn, 'Arn'] },
        },
      ]);
    });

    it('reminders: only the admin function claims the day of a run (REMIND#), by UpdateItem alone', () => {
      const surveys = s().ids.tables.surveys;
      const update = { action: 'dynamodb:UpdateItem', resource: surveys, leadingKeys: ['REMIND#c1'] };
      expect(can('admin', update)).toBe(true);
      for (const name of ['public', 'results', 'scheduler'] as const)
        expect(can(name, update), name).toBe(false);
      for (const action of ['PutItem', 'DeleteItem', 'BatchWriteItem']) {
        expect(
          can('admin', { action: `dynamodb:${action}`, resource: surveys, leadingKeys: ['REMIND#c1'] }),
          action,
        ).toBe(false);
      }
    });
  });
}

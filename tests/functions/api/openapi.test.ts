import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

describe('GET /api/openapi.json', () => {
  it('documents every route of the contract with schemas from the same zod definitions', async () => {
    const res = await fetch(`${server.baseUrl}/api/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as any;
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/api/health',
      '/api/auth/login',
      '/api/units',
      '/api/staff/import',
      '/api/templates',
      '/api/campaigns',
      '/api/campaigns/{id}/open',
      '/api/campaigns/{id}/close',
      '/api/campaigns/{id}/invitations',
      '/api/campaigns/{id}/reminders',
      '/api/campaigns/{id}/participation',
      '/api/campaigns/{id}/results',
      '/api/indicators',
      '/api/settings/retention',
      '/api/settings/retention/preview',
      '/api/public/campaigns/{id}',
      '/api/public/invitations/lookup',
      '/api/public/tokens',
      '/api/public/responses',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    const token = doc.paths['/api/public/tokens'].post.requestBody.content['application/json'].schema;
    expect(token.required).toEqual(['code', 'blindedMessage']);
    expect(token.additionalProperties).toBe(false);
    // A code alone finds its survey: the code in the body, and back only id, title and dates.
    const lookup = doc.paths['/api/public/invitations/lookup'].post;
    expect(lookup.requestBody.content['application/json'].schema.required).toEqual(['code']);
    expect(
      Object.keys(lookup.responses['200'].content['application/json'].schema.properties.campaign.properties),
    ).toEqual(['id', 'title', 'opensAt', 'closesAt']);
    expect(lookup.parameters).toBeUndefined();
    const results =
      doc.paths['/api/campaigns/{id}/results'].get.responses['200'].content['application/json'].schema;
    expect(Object.keys(results.properties)).toEqual(
      expect.arrayContaining(['campaignId', 'fiscalYear', 'minGroupSize', 'overall', 'units']),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { WEB_ROUTING_CODE } from '../../infra/constructs/front-door';

/**
 * The CloudFront Function that routes the web app's pages, run here as
 * CloudFront runs it: a `handler(event)` that returns the request or a response.
 */

type Result = { uri?: string; statusCode?: number; headers?: Record<string, { value: string }> };
const handler = new Function(`${WEB_ROUTING_CODE}\nreturn handler;`)() as (event: unknown) => Result;
const route = (uri: string) => handler({ request: { uri, method: 'GET', headers: {}, querystring: {} } });

describe('web routing (CloudFront Function)', () => {
  it('sends the bare address to the console', () => {
    expect(route('/')).toMatchObject({ statusCode: 302, headers: { location: { value: '/console/' } } });
  });

  it('serves a folder’s index page', () => {
    expect(route('/answer/').uri).toBe('/answer/index.html');
    expect(route('/console/').uri).toBe('/console/index.html');
  });

  it('adds the trailing slash to a page name', () => {
    expect(route('/answer')).toMatchObject({ statusCode: 302, headers: { location: { value: '/answer/' } } });
    expect(route('/console')).toMatchObject({
      statusCode: 302,
      headers: { location: { value: '/console/' } },
    });
  });

  it('gives the console’s client-side routes the console page', () => {
    expect(route('/console/campaigns/c0123').uri).toBe('/console/index.html');
    expect(route('/console/campaigns/c0123/').uri).toBe('/console/index.html');
  });

  it('leaves files alone', () => {
    expect(route('/assets/answer-B7UY2De0.js').uri).toBe('/assets/answer-B7UY2De0.js');
    expect(route('/console/favicon.ico').uri).toBe('/console/favicon.ico');
    // The pages' icon: a hashed file next to their scripts.
    expect(route('/assets/favicon-EPx2L1x9.svg').uri).toBe('/assets/favicon-EPx2L1x9.svg');
  });
});

import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { bodyLimit } from '../../../functions/api/middleware/body-limit';

/** The body limit judges a declared length by its header and a chunked body as it streams. */

const app = new Hono();
app.use('*', bodyLimit({ maxSize: 10, onError: (c) => c.text('too large', 413) }));
app.post('/', async (c) => c.text(await c.req.text()));
app.get('/', (c) => c.text('ok'));

const chunked = (text: string) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const ch of text) controller.enqueue(new TextEncoder().encode(ch));
      controller.close();
    },
  });

describe('bodyLimit', () => {
  it('passes a body within the limit, whole', async () => {
    const res = await app.request('/', {
      method: 'POST',
      body: '0123456789',
      headers: { 'content-length': '10' },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('0123456789');
  });

  it('refuses a declared length over the limit without reading the body', async () => {
    const res = await app.request('/', {
      method: 'POST',
      body: '01234567890',
      headers: { 'content-length': '11' },
    });
    expect(res.status).toBe(413);
  });

  it('counts a body without a declared length as it arrives', async () => {
    const small = await app.request('/', {
      method: 'POST',
      body: chunked('abc'),
      duplex: 'half',
    } as RequestInit);
    expect(await small.text()).toBe('abc');
    const large = await app.request('/', {
      method: 'POST',
      body: chunked('0123456789ab'),
      duplex: 'half',
    } as RequestInit);
    expect(large.status).toBe(413);
  });

  it('leaves GET alone', async () => {
    expect((await app.request('/')).status).toBe(200);
  });
});

import { Hono } from 'hono';
import { openApiDocument } from '../openapi';

export function openapiRoute() {
  return new Hono().get('/', (c) => c.json(openApiDocument()));
}

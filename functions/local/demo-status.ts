import { Hono } from 'hono';
import type { DemoState, DemoStatusBody } from '../../shared/api/demo-status';
import type { DemoProgress } from '../seed/demo';

/**
 * Where the demo seed of `npm start` is (scripts/start.ts), for the console
 * to say "preparing demo data" with progress instead of showing an empty
 * dashboard. Local runtime only; counts of made-up answers, nothing else.
 */
export class DemoStatus {
  #state: DemoState = 'none';
  #progress: DemoProgress | undefined;

  /** The seed has started. */
  preparing(): void {
    this.#state = 'preparing';
  }

  report(progress: DemoProgress): void {
    this.#progress = progress;
  }

  ready(): void {
    this.#state = 'ready';
    this.#progress = undefined;
  }

  body(): DemoStatusBody {
    const p = this.#progress;
    if (this.#state !== 'preparing' || !p) return { state: this.#state };
    return {
      state: 'preparing',
      progress: {
        stage: p.stage,
        fiscalYear: p.fiscalYear ?? null,
        years: { done: p.yearsDone, total: p.years },
        answers: { done: p.answered, total: p.answering },
      },
    };
  }
}

/** `GET /api/local/demo-status`: read only, no session needed (the console asks before and after sign-in). */
export function demoStatusRoutes(status: DemoStatus): Hono {
  const app = new Hono();
  app.get('/demo-status', (c) => c.json(status.body()));
  return app;
}

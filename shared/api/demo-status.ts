/**
 * `GET /api/local/demo-status` (local runtime only, functions/local/demo-status.ts):
 * whether `npm start` is still preparing its made-up demo, and how far it is.
 */
export type DemoState = 'none' | 'preparing' | 'ready';

export interface DemoStatusBody {
  state: DemoState;
  /** While preparing: the step, and how far it is. */
  progress?: {
    stage: 'organisation' | 'answers' | 'feedback';
    fiscalYear: number | null;
    /** Fiscal years whose answers are all in, of all the demo's years. */
    years: { done: number; total: number };
    /** Answers of the year being answered. */
    answers: { done: number; total: number };
  };
}

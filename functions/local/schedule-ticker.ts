import * as z from 'zod';
import type { AppDeps } from '../deps';
import { applyCampaignSchedule, type ScheduleOutcome } from '../lambda/campaign-schedule';
import { jobError, logger } from '../lambda/observability';
import { computePendingResults, type ResultsOutcome } from '../lambda/pending-results';
import { sweepMoveBoxes } from '../services/move';
import { runRetentionDaily } from '../services/retention';
import type { RetentionRun } from '../../shared/api/retention';

/**
 * The local stand-in for the two EventBridge schedules of the AWS stack
 * (lambda/scheduler.ts and lambda/results.ts): every few seconds it opens
 * campaigns whose `opensAt` has come, closes those whose `closesAt` has come,
 * and computes pending results — with the very same functions. So a campaign
 * whose deadline passes while `npm start` runs is closed within one interval.
 */

/** KOE_SCHEDULE_SECONDS: how often the local schedule runs (default 20 s); 0 turns it off. scripts/start.ts validates it. */
export const ScheduleEnv = z.object({
  KOE_SCHEDULE_SECONDS: z.coerce
    .number()
    .int('KOE_SCHEDULE_SECONDS must be a whole number of seconds')
    .min(0)
    .max(3600)
    .default(20),
});

export interface ScheduleTick {
  schedule: ScheduleOutcome;
  results: ResultsOutcome;
  /** Moving boxes deleted because nobody took them in time. */
  sweptBoxes: number;
  /** The day's retention run (services/retention.ts), when one ran this tick. */
  retention?: RetentionRun;
}

export interface ScheduleTicker {
  /** Runs one tick now (waits for a tick already running instead of starting a second one). */
  tick(): Promise<ScheduleTick | undefined>;
  /** Stops the timer and waits for a running tick to finish. */
  stop(): Promise<void>;
}

export function startScheduleTicker(
  deps: AppDeps,
  options: { intervalMs: number; onTick?: (tick: ScheduleTick) => void },
): ScheduleTicker {
  const now = () => deps.now?.() ?? new Date();
  let running: Promise<ScheduleTick | undefined> | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const runOnce = async (): Promise<ScheduleTick | undefined> => {
    try {
      // Keys ahead for drafts (campaign-schedule.ts) for at most one interval, so a tick stays short.
      const schedule = await applyCampaignSchedule(deps, now(), { keysAheadMs: options.intervalMs });
      const results = await computePendingResults(deps.store, now());
      const sweptBoxes = await sweepMoveBoxes(deps, now());
      // Retention: at most once per JST day; a failure waits for the next tick and holds up nothing.
      const retention = await runRetentionDaily(deps, now()).catch((err) => {
        logger.error('retention_failed', jobError(err));
        return undefined;
      });
      const tick = { schedule, results, sweptBoxes, ...(retention ? { retention } : {}) };
      options.onTick?.(tick);
      return tick;
    } catch (err) {
      // The store may be briefly unavailable; the next tick tries again, as on AWS.
      logger.error('local_schedule_failed', jobError(err));
      return undefined;
    }
  };
  const tick = () => {
    running ??= runOnce().finally(() => {
      running = undefined;
    });
    return running;
  };
  const arm = () => {
    if (stopped) return;
    // A timeout re-armed after each tick: a slow tick never overlaps the next one.
    timer = setTimeout(() => {
      void tick().finally(arm);
    }, options.intervalMs);
    // The ticker never keeps the process alive on its own.
    timer.unref();
  };
  if (options.intervalMs > 0) arm();

  return {
    tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

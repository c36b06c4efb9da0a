import type { Hono } from 'hono';
import {
  type PublicCampaign,
  PublicCampaignRequest,
  ResponseSubmit,
  TokenRequest,
} from '../../shared/api/public';
import { deadlineInDays, endOfJstDay } from '../../shared/time/deadline';
import { fiscalYearBounds, jstDay } from '../../shared/time/fiscal-year';
import type { AppDeps } from '../deps';
import { flushAnswers } from '../services/answer-buffer';
import {
  campaignKeyGroupSize,
  closeCampaign,
  createCampaign,
  DEFAULT_MIN_GROUP_SIZE,
  openCampaign,
} from '../services/campaigns';
import { feedbackKeyGroupSize } from '../services/feedback/keys';
import { createInvitations } from '../services/invitations';
import { issueTokens, publicCampaign, submitResponse } from '../services/respond';
import type { Store } from '../store';
import { importPublicKey, type PublicKey } from '../../shared/crypto/blind-rsa-client';
import { WorkerKeySupply } from '../crypto/key-supply';
import { rosterKeyGroups } from '../../shared/disclosure/organisation-group';
import { b64u, blindTokenWith, unb64u } from './in-process';
import { demoAnswers } from './demo-answers';
import { seedDemoActions } from './demo-actions';
import {
  addDemoCustomQuestions,
  customAnswersFor,
  customRandom,
  DEMO_CUSTOM_YEAR,
  seedDemoPulse,
  withoutCustomSections,
} from './demo-custom';
import { seedDemoFeedback } from './demo-feedback';
import { DEMO_UNITS, demoStaff, demoUnits, seededRandom } from './demo-organisation';

/** Whether the store has no organisation yet (a fresh data directory). */
export async function isEmptyStore(store: Store): Promise<boolean> {
  return (await store.directory.listUnits()).length === 0;
}

/** Loads the demo organisation: units and roster. */
export async function seedDemoOrganisation(deps: AppDeps): Promise<void> {
  for (const unit of demoUnits()) await deps.store.directory.createUnit(unit);
  const version = await deps.store.directory.rosterVersion();
  await deps.store.directory.replaceRoster(version, demoStaff());
}

/** The demo years: three closed campaigns and one open, with rising participation. */
export const DEMO_YEARS = [
  { fiscalYear: 2023, participation: 0.58, close: true },
  { fiscalYear: 2024, participation: 0.64, close: true },
  { fiscalYear: 2025, participation: 0.71, close: true },
  { fiscalYear: 2026, participation: 0.36, close: false },
] as const;

/**
 * A demo year's answering period: October (1 Oct to the end of 31 Oct, Japan
 * time) for the closed years. The open year closes three weeks from `now`, at
 * 23:59 Japan time, so that the schedule (local/schedule-ticker.ts) does not
 * close it at start and the demo stays answerable whenever it is loaded; it
 * opened on 1 October, or two weeks ago when that is still ahead.
 */
export function demoPeriod(
  year: (typeof DEMO_YEARS)[number],
  now: Date,
): { opensAt: string; closesAt: string } {
  const { start } = fiscalYearBounds(year.fiscalYear);
  const october = Date.parse(start) + 183 * 86_400_000;
  if (year.close) {
    return {
      opensAt: new Date(october).toISOString(),
      closesAt: endOfJstDay(jstDay(new Date(october + 30 * 86_400_000))),
    };
  }
  const opensAt = Math.min(october, now.getTime() - 14 * 86_400_000);
  return { opensAt: new Date(opensAt).toISOString(), closesAt: deadlineInDays(now, 21) };
}

/** What a respondent's browser fetches before answering: the survey page, and its key group's public key imported. */
interface SurveyPage {
  page: PublicCampaign;
  publicKey: PublicKey;
}

/**
 * The survey page for one invitation code, from the service behind
 * `POST /api/public/campaigns/{id}` (services/respond.ts `publicCampaign`).
 */
async function fetchSurveyPage(deps: AppDeps, campaignId: string, code: string): Promise<SurveyPage> {
  const page = await publicCampaign(deps, campaignId, PublicCampaignRequest.parse({ code }).code);
  return { page, publicKey: await importPublicKey(unb64u(page.publicKey)) };
}

/** One respondent: their invitation code, their unit's survey page, their answers to it. */
interface Respondent {
  code: string;
  page: SurveyPage;
  answersFor: (survey: PublicCampaign['survey']) => {
    answers: Record<string, unknown>;
    attributes: Record<string, string>;
  };
}

/**
 * Respondents, as browsers answer after loading the survey page: each blinds a token on their key
 * group's public key (the browser's RFC 9474 client), has it blind-signed, finalizes it and submits.
 * The seed calls the services behind `POST /api/public/tokens` and `POST /api/public/responses` with
 * requests parsed by the routes' own schemas, and skips only the HTTP layer in between (routing,
 * JSON). The tokens are signed {@link BATCH} at a time by issueTokens (services/respond.ts):
 * issueToken's checks and signatures, the invitations claimed in one BatchWriteItem and counted
 * once per unit, where issueToken takes three store calls per token (most of the seed's time, issue
 * 18); the stored items are the same (tests/functions/seed/bulk-issue.test.ts). Each answer then
 * goes through submitResponse: the token verified, the answers validated, coarsened and held for
 * the shuffled batch exactly as for a real answer (DESIGN §3). `answered` is told after each.
 */
async function respondInBatches(
  deps: AppDeps,
  campaignId: string,
  respondents: readonly Respondent[],
  answered: () => Promise<void>,
): Promise<void> {
  for (let i = 0; i < respondents.length; i += BATCH) {
    const batch = respondents.slice(i, i + BATCH);
    const blinded = await Promise.all(batch.map((r) => blindTokenWith(r.page.publicKey)));
    const signed = await issueTokens(
      deps,
      campaignId,
      batch.map((r, j) =>
        TokenRequest.parse({ code: r.code, blindedMessage: b64u(blinded[j]!.blindedMessage) }),
      ),
    );
    // The answers worked out in the respondents' order, before any submission (their streams are
    // their own, but the custom questions draw on one shared stream).
    const answers = batch.map((r) => r.answersFor(r.page.page.survey));
    await Promise.all(
      batch.map(async (_r, j) => {
        const signature = await blinded[j]!.finalize(unb64u(signed[j]!.blindSignature));
        await submitResponse(
          deps,
          ResponseSubmit.parse({
            campaignId,
            keyId: signed[j]!.keyId,
            token: b64u(blinded[j]!.token),
            signature: b64u(signature),
            ...answers[j]!,
          }),
        );
        await answered();
      }),
    );
  }
}

/** How many respondents get their tokens in one batch (up to a BatchGetItem's 100). */
const BATCH = 100;

/** A seed for one person's answers in one year (FNV-1a of both). */
function personSeed(fiscalYear: number, staffNo: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${fiscalYear}:${staffNo}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return h >>> 0;
}

/** Where the demo seed is: reported at each step (the console shows it while `npm start` seeds). */
export interface DemoProgress {
  stage: 'organisation' | 'answers' | 'feedback';
  fiscalYear?: number;
  /** Fiscal years whose answers are all in, of `years`. */
  yearsDone: number;
  years: number;
  /** Answers of the year being answered, of `answering`. */
  answered: number;
  answering: number;
}

/** How often, in answers, the seed reports its progress within a year. */
const PROGRESS_EVERY = 25;

/**
 * The RSA keys the demo takes: one per key group of each of its campaigns (the four annual ones and
 * the pulse) and of each feedback year. All are formed from the demo roster at the default k, whose
 * groups serve at least 10 people for campaigns (max(k_sensitive, 10)) and for feedback (k_sensitive)
 * alike (services/campaigns.ts openCampaign, services/feedback/keys.ts).
 */
export function demoKeyCount(): number {
  const groups = (minSize: number) => rosterKeyGroups(demoUnits(), demoStaff(), minSize).length;
  return (
    (DEMO_YEARS.length + 1) * groups(campaignKeyGroupSize(DEFAULT_MIN_GROUP_SIZE)) +
    DEMO_YEARS.length * groups(feedbackKeyGroupSize())
  );
}

/**
 * The demo's signing keys, made on worker threads one after another from the moment this is called
 * until all of them are made (crypto/key-supply.ts). `npm start` calls it at its very start when the
 * data directory holds no store yet, so that the keys are being made while it loads and opens the store.
 */
export function demoKeySupply(): WorkerKeySupply {
  return new WorkerKeySupply({ total: demoKeyCount(), threads: SEED_KEY_THREADS });
}

/**
 * The demo: the organisation, then a campaign per fiscal year FY2023–FY2026
 * on the annual template, answered through the token and submit services (tokens signed in batches: issueTokens).
 * Small units stay small, so their results are hidden.
 */
export async function seedDemo(
  runtime: { app: Hono; deps: AppDeps },
  options: {
    log?: (message: string) => void;
    scale?: number;
    /** Told at each step; the seed waits for what it returns (a test holds the seed at a step with it). */
    progress?: (progress: DemoProgress) => void | Promise<void>;
    /** Keys already being made (demoKeySupply); the seed closes it when it ends. */
    keys?: WorkerKeySupply;
  } = {},
): Promise<void> {
  const { deps } = runtime;
  // The demo's signing keys (a key per key group of each campaign and feedback year, 171 RSA-2048
  // keys) are made ahead on worker threads from the start, all of them, beside the answering: made
  // on demand, each campaign's open would wait for its keys (crypto/key-supply.ts).
  if (deps.signingKeys) {
    await options.keys?.close();
    return seedDemoWith(runtime, options);
  }
  const supply = options.keys ?? demoKeySupply();
  deps.signingKeys = supply;
  try {
    return await seedDemoWith(runtime, options);
  } finally {
    delete deps.signingKeys;
    await supply.close();
  }
}

/** Worker threads making them: one per core of the 2-core machine the budget is set for (DESIGN §7). */
const SEED_KEY_THREADS = 2;

async function seedDemoWith(
  runtime: { app: Hono; deps: AppDeps },
  options: Parameters<typeof seedDemo>[1] = {},
): Promise<void> {
  const { app, deps } = runtime;
  const log = options.log ?? (() => {});
  const years = DEMO_YEARS.length;
  const report = async (p: Omit<DemoProgress, 'years'>) => options.progress?.({ ...p, years });
  await report({ stage: 'organisation', yearsDone: 0, answered: 0, answering: 0 });
  await seedDemoOrganisation(deps);
  const template = (await deps.store.plan.getTemplate('annual-staff-survey-v1'))!;
  const itemInfo = new Map<string, { constructId: string; reverse: boolean }>();
  for (const c of template.constructs)
    for (const i of c.items) itemInfo.set(i.id, { constructId: c.id, reverse: i.reverse === true });
  const staff = new Map(demoStaff().map((s) => [s.staffNo, s]));
  const random = seededRandom(42);
  const unitLean = new Map(DEMO_UNITS.map((u) => [u.code, (random() - 0.5) * 0.6]));
  const personLean = new Map([...staff.keys()].map((no) => [no, (random() - 0.5) * 0.8]));

  const now = deps.now?.() ?? new Date();
  const custom = customRandom();
  for (const [yearIndex, year] of DEMO_YEARS.entries()) {
    // Not set up behind the answering of the year before: a campaign's RSA keys, made on Node's thread
    // pool, would keep the store's reads (on the same pool) waiting until submits time out.
    const campaign = await createCampaign(deps, {
      fiscalYear: year.fiscalYear,
      templateId: template.id,
      ...demoPeriod(year, now),
    });
    if (year.fiscalYear === DEMO_CUSTOM_YEAR) await addDemoCustomQuestions(deps, campaign.id);
    await openCampaign(deps, campaign.id);
    const invitations = await createInvitations(deps, campaign.id);
    const share = year.participation * (options.scale ?? 1);
    const answering = invitations.filter(() => random() < share);
    log(`  ${year.fiscalYear}: ${answering.length} / ${invitations.length}`);
    let done = 0;
    const answers = { stage: 'answers', fiscalYear: year.fiscalYear, yearsDone: yearIndex } as const;
    await report({ ...answers, answered: 0, answering: answering.length });
    const pages = new Map<string, Promise<SurveyPage>>();
    const pageFor = (inv: (typeof answering)[number]) => {
      let page = pages.get(inv.unitCode);
      if (!page) {
        page = fetchSurveyPage(deps, campaign.id, inv.code);
        pages.set(inv.unitCode, page);
      }
      return page;
    };
    const answersOf = (inv: (typeof answering)[number]): Respondent['answersFor'] => {
      const person = staff.get(inv.staffNo)!;
      // Each person's answers from their own stream, whatever order they are answered in.
      const own = seededRandom(personSeed(year.fiscalYear, inv.staffNo));
      return (survey) => ({
        answers: {
          ...demoAnswers(
            withoutCustomSections(survey),
            yearIndex,
            { unitLean: unitLean.get(inv.unitCode) ?? 0, personLean: personLean.get(inv.staffNo) ?? 0 },
            own,
            (id) => itemInfo.get(id),
          ),
          ...customAnswersFor(survey, custom),
        },
        attributes:
          own() < 0.85
            ? {
                jobLevel: person.jobLevel,
                ageBand: person.ageBand!,
                employmentType: person.employmentType,
              }
            : ({} as Record<string, string>),
      });
    };
    const answered = async () => {
      done++;
      if (done % PROGRESS_EVERY === 0)
        await report({ ...answers, answered: done, answering: answering.length });
    };
    const respondents: Respondent[] = [];
    for (const inv of answering)
      respondents.push({ code: inv.code, page: await pageFor(inv), answersFor: answersOf(inv) });
    await respondInBatches(deps, campaign.id, respondents, answered);
    // Answers wait for their batch (answer-buffer.ts); closing writes them, and so does this for the
    // open year, so that `npm start` shows a living dashboard at once.
    if (year.close) await closeCampaign(deps, campaign.id);
    else await flushAnswers(deps.store, campaign.id);
    log(`  ${year.fiscalYear}: ${done} responses${year.close ? ', closed' : ', open'}`);
  }
  // A pulse survey of FY2025 beside its annual one (DESIGN §5): its own results page, never the dashboard's.
  const pulse = await seedDemoPulse(deps, options.scale ?? 1, async (campaignId, answering, pulseRandom) => {
    const pages = new Map<string, SurveyPage>();
    const respondents: Respondent[] = [];
    for (const inv of answering) {
      let page = pages.get(inv.unitCode);
      if (!page) {
        page = await fetchSurveyPage(deps, campaignId, inv.code);
        pages.set(inv.unitCode, page);
      }
      respondents.push({
        code: inv.code,
        page,
        answersFor: (survey) => ({
          answers: demoAnswers(survey, 2, { unitLean: 0, personLean: 0 }, pulseRandom, (id) =>
            itemInfo.get(id),
          ),
          attributes: {},
        }),
      });
    }
    await respondInBatches(deps, campaignId, respondents, async () => {});
  });
  log(`  ${DEMO_CUSTOM_YEAR} pulse: ${pulse.responses} responses, closed`);
  await report({ stage: 'feedback', yearsDone: years, answered: 0, answering: 0 });
  await seedDemoFeedback(
    app,
    deps,
    DEMO_YEARS.map((y) => y.fiscalYear),
    random,
  );
  log('  feedback: FY2023–FY2026');
  await seedDemoActions(deps);
}

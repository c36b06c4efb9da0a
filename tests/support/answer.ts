import path from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, launchBrowser } from './browser';
import { client, custodian, type TestServer } from './server';

/**
 * Helpers for the respondent page's browser tests: a small campaign set up
 * over HTTP, a phone-sized page, screenshots, axe, and the answers a test
 * gives to each question.
 */

export const PHONE = { width: 390, height: 844 };

/**
 * launchBrowser(), and while it passes `--user-data-dir` (which this
 * playwright-core refuses in `launch`), the same flags without it:
 * playwright gives each browser a fresh temporary profile of its own.
 */
export const launchChromium = (): Promise<Browser> => launchBrowser();

export interface Invitation {
  staffNo: string;
  unitCode: string;
  code: string;
  url: string;
}

export interface Question {
  id: string;
  type: 'likert5' | 'nps' | 'single' | 'multi' | 'number' | 'text';
  required: boolean;
  text: { ja: string; en: string };
  options?: Array<{ value: string; label: { ja: string; en: string } }>;
  min?: number;
  max?: number;
  maxLength?: number;
  sensitive?: boolean;
}

export interface PublicSurvey {
  campaign: { id: string; closesAt: string; minGroupSize: number; sensitiveMinGroupSize: number };
  survey: {
    sections: Array<{ id: string; title: { ja: string; en: string }; questions: Question[] }>;
    attributes: Array<{ id: string; label: { ja: string; en: string }; options: Array<{ value: string }> }>;
  };
}

/**
 * Two units, a few staff, the yearly template, opened, with invitations. The
 * roster has at least 10 people, the smallest key group (A3): HR and IT share
 * City hall's key.
 */
export async function setUpCampaign(server: TestServer, staff = 10) {
  const admin = client(server.baseUrl);
  await admin.login();
  for (const unit of [
    { code: 'HQ', name: { ja: '本庁', en: 'City hall' } },
    { code: 'HR', name: { ja: '人事課', en: 'Personnel Division' }, parentCode: 'HQ' },
    { code: 'IT', name: { ja: '情報政策課', en: 'Digital Policy Division' }, parentCode: 'HQ' },
  ]) {
    const res = await admin.post('/api/units', unit);
    if (res.status !== 201) throw new Error(`unit ${unit.code}: ${res.status} ${res.text}`);
  }
  const lines = ['staffNo,name,email,unitCode,jobLevel,employmentType'];
  for (let i = 1; i <= staff; i++) {
    lines.push(
      // Everyone a chief: the job level the pages' tests state is then shared by at least k people,
      // so it is stored as stated (A1 coarsens a combination fewer than k share).
      `E${String(i).padStart(4, '0')},職員 ${i},e${i}@example.jp,${i % 2 ? 'HR' : 'IT'},chief,regular`,
    );
  }
  const imported = await admin.post('/api/staff/import', lines.join('\n'), { 'content-type': 'text/csv' });
  if (imported.status !== 200) throw new Error(`roster: ${imported.status} ${imported.text}`);
  const templates = await admin.get('/api/templates');
  const created = await admin.post('/api/campaigns', {
    fiscalYear: 2026,
    templateId: templates.json[0].id,
    title: { ja: '令和8年度 職員意識調査', en: 'Staff survey FY2026' },
    opensAt: '2026-06-01T00:00:00+09:00',
    closesAt: '2026-06-30T23:59:00+09:00',
  });
  if (created.status !== 201) throw new Error(`campaign: ${created.status} ${created.text}`);
  const campaignId: string = created.json.id;
  const opened = await admin.post(`/api/campaigns/${campaignId}/open`);
  if (opened.status !== 200) throw new Error(`open: ${opened.status} ${opened.text}`);
  const inv = await (await custodian(admin)).post(`/api/campaigns/${campaignId}/invitations`);
  if (inv.status !== 200) throw new Error(`invitations: ${inv.status} ${inv.text}`);
  const invitations: Invitation[] = inv.json.invitations;
  const first = invitations[0]!;
  const page = await fetch(`${server.baseUrl}/api/public/campaigns/${campaignId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: first.code }),
  });
  const survey = (await page.json()) as PublicSurvey;
  return { admin, campaignId, invitations, survey };
}

/**
 * A fresh browser context at phone size; console errors are collected, not
 * ignored. `forAxe` lets axe-core be injected past the page's strict CSP
 * (script-src 'self'); every other test runs under the real policy.
 */
export async function phonePage(browser: Browser, options: { forAxe?: boolean } = {}) {
  const context = await browser.newContext({
    viewport: PHONE,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    ...(options.forAxe ? { bypassCSP: true } : {}),
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // A failed request the test provoked on purpose is logged by the browser; anything else is a fault.
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  return { context, page, errors };
}

/** Saves a full-page screenshot under test-results/<folder>/<name>.png. */
export async function shot(page: Page, folder: string, name: string): Promise<string> {
  const dir = path.join(ARTIFACTS, folder);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown; failureSummary?: string }>;
}

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function axeProblems(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (globalThis as any).axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ path: path.resolve('node_modules/axe-core/axe.min.js') });
  const result = await page.evaluate(async () => {
    const axe = (globalThis as any).axe;
    const out = await axe.run(document, { resultTypes: ['violations'] });
    return out.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n: any) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  return (result as AxeViolation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * The answer a test gives to a question: varied but fixed, so a test can
 * check what was stored. `multi` takes the first choice alone; `text` a short comment.
 */
export function plannedAnswer(q: Question, index: number): number | string | string[] {
  switch (q.type) {
    case 'likert5':
      return 1 + (index % 5);
    case 'nps':
      return 8;
    case 'single':
      return q.options![index % q.options!.length]!.value;
    case 'multi':
      return [q.options![0]!.value];
    case 'number':
      return Math.min(q.max!, (q.min ?? 0) + 12);
    case 'text':
      return '研修の機会がもっと欲しいです。';
  }
}

/** Every question with its planned answer, in order. */
export function plan(survey: PublicSurvey) {
  return survey.survey.sections.map((s) => s.questions.map((q, i) => ({ q, value: plannedAnswer(q, i) })));
}

/** The stored responses of a campaign, read from the store as the results computation does. */
export async function storedResponses(server: TestServer, campaignId: string) {
  const out: Array<{
    unitCode: string;
    answers: Record<string, unknown>;
    attributes: Record<string, string>;
  }> = [];
  await server.runtime.store.responses.forEach(campaignId, (r) =>
    out.push({
      unitCode: r.unitCode,
      answers: r.answers as Record<string, unknown>,
      attributes: r.attributes,
    }),
  );
  return out;
}

/** Answers one question by pointer: checking choices, filling numbers and text. */
export async function answerByPointer(page: Page, q: Question, value: number | string | string[]) {
  if (q.type === 'number' || q.type === 'text') {
    await page.locator(`[id="q-${q.id}"]`).fill(String(value));
    return;
  }
  for (const v of [value].flat()) await page.locator(`input[name="${q.id}"][value="${v}"]`).check();
}

/** From the first section to the review page, answering every question; `visit` runs on each page first. */
export async function walkToReview(
  page: Page,
  survey: PublicSurvey,
  visit?: (name: string) => Promise<void>,
) {
  const sections = survey.survey.sections;
  const planned = plan(survey);
  for (let i = 0; i < sections.length; i++) {
    await page.locator('h1', { hasText: sections[i]!.title.ja }).waitFor();
    await visit?.(`section-${i + 1}-${sections[i]!.id}`);
    for (const { q, value } of planned[i]!) await answerByPointer(page, q, value);
    await page.getByRole('button', { name: '次へ' }).click();
  }
  await page.locator('h1', { hasText: 'あなたについて（任意）' }).waitFor();
  await visit?.('about-you');
  await page.getByRole('button', { name: '次へ' }).click();
  await page.locator('h1', { hasText: '回答の確認' }).waitFor();
}

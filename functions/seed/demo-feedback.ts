import type { Hono } from 'hono';
import type { FeedbackKind } from '../../shared/api/feedback';
import type { PillarId } from '../../shared/plan/ids';
import { fiscalYearBounds } from '../../shared/time/fiscal-year';
import type { AppDeps } from '../deps';
import { addReply, feedbackCodes, triagePosts, updateTriage } from '../services/feedback';
import { flushPosts } from '../services/post-buffer';
import { b64u, blindToken, callRoute, unb64u } from './in-process';

/**
 * Demo feedback for FY2023–FY2026: staff redeem their yearly code and post
 * through the real public routes; HR answers and decides some of them. Posts
 * are dated over each year up to yesterday (the app's clock is moved while
 * they are made), so the daily count snapshot HR reads already holds them.
 */

interface DemoPost {
  kind: FeedbackKind;
  pillarId: PillarId;
  title: string;
  body: string;
  reply?: string;
  outcome?: 'adopted' | 'declined' | 'done' | 'reviewing';
}

const POSTS: DemoPost[] = [
  {
    kind: 'proposal',
    pillarId: 'culture',
    title: '職場ミーティングを毎週15分に',
    body: '長い月例会議より、短い週次ミーティングの方が課題を早く共有できると思います。',
    reply: '次年度から希望する課で試行します。',
    outcome: 'adopted',
  },
  {
    kind: 'proposal',
    pillarId: 'environment',
    title: '窓口の番号札システムの導入',
    body: '混雑時に来庁者の待ち時間が長く、職員も対応に追われています。',
    reply: '費用対効果を検討しましたが、今年度は見送ります。',
    outcome: 'declined',
  },
  {
    kind: 'concern',
    pillarId: 'environment',
    title: '繁忙期の時間外勤務の偏り',
    body: '3月に特定の係だけ残業が続いています。応援体制を考えてほしいです。',
    reply: '所属長と応援体制を調整しました。',
    outcome: 'done',
  },
  {
    kind: 'question',
    pillarId: 'training',
    title: 'デジタル研修の受講方法',
    body: 'オンライン研修は勤務時間中に受けてよいのでしょうか。',
    reply: '所属長の承認のうえ、勤務時間中に受講できます。',
    outcome: 'done',
  },
  {
    kind: 'proposal',
    pillarId: 'personnel',
    title: '社会人採用者の経験共有会',
    body: '民間出身の職員の経験を共有する場があると、互いに学べると思います。',
    reply: '人事課で企画を検討しています。',
    outcome: 'reviewing',
  },
  {
    kind: 'proposal',
    pillarId: 'training',
    title: '研修資料のオンライン共有',
    body: '派遣研修の資料を庁内で共有できるようにしてほしいです。',
    outcome: 'reviewing',
  },
  {
    kind: 'concern',
    pillarId: 'culture',
    title: '新人が相談しにくい雰囲気',
    body: '忙しそうで質問しづらいと感じることがあります。',
  },
  {
    kind: 'proposal',
    pillarId: 'environment',
    title: 'テレワーク端末の増設',
    body: '申請しても端末が足りず使えない日があります。',
    reply: '来年度予算で増設を要求します。',
    outcome: 'adopted',
  },
];

const DAY = 86_400_000;

export async function seedDemoFeedback(
  app: Hono,
  deps: AppDeps,
  years: number[],
  random: () => number,
): Promise<void> {
  const realNow = deps.now;
  const now = () => realNow?.() ?? new Date();
  try {
    for (const [yearIndex, fiscalYear] of years.entries()) {
      await seedYear(app, deps, fiscalYear, yearIndex, random, now);
    }
  } finally {
    if (realNow) deps.now = realNow;
    else delete deps.now;
  }
}

async function seedYear(
  app: Hono,
  deps: AppDeps,
  fiscalYear: number,
  yearIndex: number,
  random: () => number,
  now: () => Date,
): Promise<void> {
  const codes = await feedbackCodes(deps, fiscalYear);
  const count = 5 + yearIndex * 4;
  const { start, end } = fiscalYearBounds(fiscalYear);
  const from = Date.parse(start);
  const until = Math.min(Date.parse(end), now().getTime() - DAY);
  const dayOf = (i: number) => new Date(from + ((i + 1) / (count + 1)) * Math.max(0, until - from));
  for (let i = 0; i < count; i++) {
    const at = dayOf(i);
    deps.now = () => at;
    const { code } = codes[Math.floor(random() * codes.length)]!;
    let key: Record<string, unknown>;
    try {
      key = await callRoute(app, 'POST', '/api/public/feedback/key', { code });
    } catch {
      continue;
    }
    const blinded = await blindToken(unb64u(key.publicKey as string));
    let redeemed: Record<string, unknown>;
    try {
      redeemed = await callRoute(app, 'POST', '/api/public/feedback/redeem', {
        code,
        blindedMessages: [b64u(blinded.blindedMessage)],
      });
    } catch {
      continue; // that person already redeemed this year
    }
    const signature = await blinded.finalize(unb64u((redeemed.blindSignatures as string[])[0]!));
    const post = POSTS[(i + yearIndex * 3) % POSTS.length]!;
    await callRoute(app, 'POST', '/api/public/feedback/posts', {
      fiscalYear,
      keyId: redeemed.keyId,
      token: b64u(blinded.token),
      signature: b64u(signature),
      kind: post.kind,
      pillarId: post.pillarId,
      title: post.title,
      body: post.body,
    });
  }
  // HR answers a few days later (never after yesterday), once the posts' batch is written (post-buffer.ts).
  deps.now = () => new Date(Math.min(until, dayOf(count - 1).getTime() + 3 * DAY));
  await flushPosts(deps.store);
  for (const p of await triagePosts(deps, fiscalYear)) {
    const demo = POSTS.find((d) => d.title === p.title);
    if (!demo) continue;
    if (demo.reply) await addReply(deps, p.id, demo.reply, true);
    if (demo.outcome)
      await updateTriage(deps, p.id, { status: demo.outcome, published: demo.reply !== undefined });
  }
}

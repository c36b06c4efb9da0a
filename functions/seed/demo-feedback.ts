import type { Hono } from 'hono';
import type { FeedbackKind } from '../../shared/api/feedback';
import type { PillarId } from '../../shared/plan/ids';
import type { AppDeps } from '../api/deps';
import { addReply, feedbackCodes, triagePosts, updateTriage } from '../services/feedback';
import { b64u, blindToken, callRoute, unb64u } from './in-process';

/**
 * Demo feedback for FY2023–FY2026: staff redeem their yearly code and post
 * through the real public routes; HR answers and decides some of them.
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

export async function seedDemoFeedback(
  app: Hono,
  deps: AppDeps,
  years: number[],
  random: () => number,
): Promise<void> {
  for (const [yearIndex, fiscalYear] of years.entries()) {
    const codes = await feedbackCodes(deps, fiscalYear);
    const count = 5 + yearIndex * 4;
    for (let i = 0; i < count; i++) {
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
    for (const p of await triagePosts(deps, fiscalYear)) {
      const demo = POSTS.find((d) => d.title === p.title);
      if (!demo) continue;
      if (demo.reply) await addReply(deps, p.id, demo.reply, true);
      if (demo.outcome)
        await updateTriage(deps, p.id, { status: demo.outcome, published: demo.reply !== undefined });
    }
  }
}

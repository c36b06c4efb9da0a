import { useState } from 'react';
import { deadlineLabel } from '../../shared/time/deadline';
import type { Lang } from './lang';
import { groupMoveCode } from './move';

/** The words of moving, one copy for both staff pages. */
const TEXT = {
  ja: {
    title: '別の端末へ移す',
    lead: (where: string) =>
      `引き継ぎコードを作り、移したい端末で ${where} を開いて入力します。内容は端末の間で暗号化され、サーバーや人事課は読めません。`,
    make: '引き継ぎコードを作る',
    making: '作成中…',
    code: '引き継ぎコード',
    until: (t: string) => `${t}、1回だけ使えます。`,
    failed: '作れませんでした。通信を確かめて、もう一度お試しください。',
  },
  en: {
    title: 'Move to another device',
    lead: (where: string) =>
      `Make a transfer code, open ${where} on the other device and type it in. The content is encrypted between your devices; neither the server nor HR can read it.`,
    make: 'Make a transfer code',
    making: 'Making…',
    code: 'Transfer code',
    until: (t: string) => `Usable once, ${t}.`,
    failed: 'It could not be made. Check the connection and try again.',
  },
};

/** A section that makes a transfer code for what this page keeps (`make` seals and leaves the box). */
export function MoveSection(props: {
  lang: Lang;
  /** The page to open on the other device, e.g. `/answer/`. */
  where: string;
  make(): Promise<{ code: string; expiresAt: string } | undefined>;
}) {
  const t = TEXT[props.lang];
  const [state, setState] = useState<'idle' | 'busy' | 'failed' | { code: string; expiresAt: string }>(
    'idle',
  );
  const go = async () => {
    setState('busy');
    setState((await props.make().catch(() => undefined)) ?? 'failed');
  };
  return (
    <section className="move" aria-labelledby="move-title">
      <h2 id="move-title">{t.title}</h2>
      <p>{t.lead(location.origin + props.where)}</p>
      {typeof state === 'object' ? (
        <p role="status">
          {t.code}：
          <code id="move-code" className="mono">
            {groupMoveCode(state.code)}
          </code>
          <br />
          {t.until(deadlineLabel(state.expiresAt, props.lang))}
        </p>
      ) : (
        <>
          {state === 'failed' && (
            <p className="problem" role="alert">
              {t.failed}
            </p>
          )}
          <button type="button" className="secondary" onClick={go} disabled={state === 'busy'}>
            {state === 'busy' ? t.making : t.make}
          </button>
        </>
      )}
    </section>
  );
}

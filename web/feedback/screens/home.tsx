import type { Lang } from '../../common/lang';
import { Title, ForgetSection } from '../../common/staff';
import { hashFor } from '../route';
import { strings } from '../text';
import { tokensLeft, type Wallet } from '../wallet';
import { HowItWorks, Meta } from '../views';

/** With tokens: how many are left, and the ways on. */
export function HomePage(props: {
  lang: Lang;
  wallet: Wallet;
  code: string;
  justRedeemed: boolean;
  onForget(): void;
}) {
  const { lang, wallet, code } = props;
  const s = strings(lang);
  const left = tokensLeft(wallet);
  return (
    <>
      <Title>{s.homeTitle}</Title>
      <Meta lang={lang} fiscalYear={wallet.fiscalYear} unit={wallet.unit} />
      {props.justRedeemed && (
        <p className="ok" role="status">
          {s.homeReady(wallet.tokens.length)}
        </p>
      )}
      <div className="tokens">
        <p id="tokens-left" className="tokens-left">
          {s.tokensLeft(left, wallet.tokens.length)}
        </p>
        <p className="hint">{left > 0 ? s.tokensHint : s.tokensNone}</p>
      </div>
      <div className="actions">
        {left > 0 && (
          <a className="button primary" href={hashFor(wallet.fiscalYear, code, 'new')}>
            {s.homeNew}
          </a>
        )}
        <a className="button secondary" href={hashFor(wallet.fiscalYear, code, 'posts')}>
          {s.homePosts(wallet.posts.length)}
        </a>
        <a className="button secondary" href="#board">
          {s.toBoard}
        </a>
      </div>
      <details className="anon">
        <summary>{s.homeHow}</summary>
        <HowItWorks lang={lang} batchSize={wallet.tokens.length} />
      </details>
      <ForgetSection text={s} onForget={props.onForget} />
    </>
  );
}

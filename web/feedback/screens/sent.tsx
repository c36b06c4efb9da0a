import type { Lang } from '../../common/lang';
import { Title } from '../../common/staff';
import { hashFor } from '../route';
import { type Strings, strings } from '../text';
import { type MyPost, tokensLeft, type Wallet } from '../wallet';

/** After a post: it arrived, where the replies will be, tokens left. */
export function SentPage(props: {
  lang: Lang;
  wallet: Wallet;
  code: string;
  post: MyPost | undefined;
  recovered: boolean;
}) {
  const { lang, wallet, code, post } = props;
  const s: Strings = strings(lang);
  return (
    <>
      <Title>{s.sentTitle}</Title>
      {props.recovered && <p className="note">{s.sentRecovered}</p>}
      {post && <p className="sent-title">{lang === 'ja' ? `「${post.title}」` : `“${post.title}”`}</p>}
      <p>{s.sentLead}</p>
      <p>{s.sentReceipt}</p>
      <p className="tokens-left">{s.tokensLeft(tokensLeft(wallet), wallet.tokens.length)}</p>
      <div className="actions">
        {post && (
          <a className="button primary" href={hashFor(wallet.fiscalYear, code, 'thread', post.postId)}>
            {s.openThread}
          </a>
        )}
        <a className="button secondary" href={hashFor(wallet.fiscalYear, code)}>
          {s.backHome}
        </a>
      </div>
    </>
  );
}

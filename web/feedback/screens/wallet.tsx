import type { Lang } from '../../common/lang';
import { ProblemBox, Title } from '../../common/staff';
import type { Route } from '../route';
import { strings } from '../text';
import { type Draft, emptyDraft, tokensLeft, type Wallet } from '../wallet';
import { ComposePage } from './compose';
import { HomePage } from './home';
import { SentPage } from './sent';
import { MyPostsPage, type Seen, ThreadPage } from './thread';
import type { State } from '../state';

/** A redeemed code's pages: home, a new post, my posts, one post, and the confirmation after posting. */
export function WalletScreen(props: {
  lang: Lang;
  route: Extract<Route, { name: 'wallet' }>;
  wallet: Wallet;
  code: string;
  state: State;
  onForget(): void;
  onDraft(draft: Draft): void;
  onSend(): void;
  onSeen(updates: Map<string, Seen>): void;
}) {
  const { lang, route, wallet, state } = props;
  const s = strings(lang);
  const common = { lang, wallet, code: props.code };
  const left = tokensLeft(wallet);
  switch (route.view) {
    case 'home':
      return <HomePage {...common} justRedeemed={state.justRedeemed} onForget={props.onForget} />;
    case 'new':
      return left > 0 || wallet.sending !== undefined ? (
        <ComposePage
          lang={lang}
          draft={wallet.draft ?? emptyDraft()}
          left={left}
          busy={state.busy}
          notice={state.notice}
          onChange={props.onDraft}
          onSend={props.onSend}
        />
      ) : (
        <>
          <Title>{s.newTitle}</Title>
          <ProblemBox notice={{ problem: 'no_tokens' }} />
        </>
      );
    case 'posts':
      return <MyPostsPage {...common} onSeen={props.onSeen} />;
    case 'thread':
      return <ThreadPage {...common} postId={route.postId!} onSeen={props.onSeen} />;
    case 'sent':
      return (
        <SentPage
          {...common}
          post={wallet.posts.find((p) => p.postId === route.postId)}
          recovered={state.recovered}
        />
      );
  }
}

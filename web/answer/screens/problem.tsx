import type { Lang } from '../../common/lang';
import { type Notice, ProblemPage } from '../../common/staff';
import { type ProblemCode, strings } from '../text';

/** A problem trying again cannot fix; with the receipt of answers sent before, and a way to type a code. */
export function SurveyProblemPage(props: {
  lang: Lang;
  notice: Notice<ProblemCode>;
  receipt?: string | undefined;
  onEnterCode?: (() => void) | undefined;
}) {
  const s = strings(props.lang);
  return (
    <ProblemPage
      notice={props.notice}
      extra={props.receipt && <p className="ok">{s.receivedBefore(props.receipt)}</p>}
    >
      {props.onEnterCode && (
        <button type="button" className="secondary" onClick={props.onEnterCode}>
          {s.enterCode}
        </button>
      )}
    </ProblemPage>
  );
}

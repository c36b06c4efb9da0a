import { useState } from 'react';
import { isCode, normaliseCode } from '../../../shared/text/invitation-code';
import type { Lang } from '../../common/lang';
import { moveCodeOf } from '../../common/move';
import { composing, type Notice, ProblemBox, Title, useFocusLater } from '../../common/staff';
import { groupCode } from '../route';
import { type ProblemCode, strings } from '../text';
import { Field } from '../views';

/** For a code on paper: type it, and the page checks it with the server before moving on. */
export function EntryPage(props: {
  lang: Lang;
  badLink?: boolean | undefined;
  busy: boolean;
  notice?: Notice<ProblemCode> | undefined;
  onCode(code: string): void;
  /** A transfer code (20 characters) was typed: take its box; a problem, or undefined when it worked. */
  onMove(code: string): Promise<'missing' | 'network' | undefined>;
}) {
  const { lang } = props;
  const s = strings(lang);
  const [code, setCode] = useState('');
  // The length of a code too short or too long, kept as a number so the words follow the language.
  const [badLength, setBadLength] = useState<number>();
  const [moveProblem, setMoveProblem] = useState<'missing' | 'network'>();
  const [moving, setMoving] = useState(false);
  const focusLater = useFocusLater();
  const go = async () => {
    const folded = normaliseCode(code);
    const move = moveCodeOf(folded);
    setMoveProblem(undefined);
    if (move) {
      setBadLength(undefined);
      setMoving(true);
      const problem = await props.onMove(move);
      setMoving(false);
      setMoveProblem(problem);
      return problem && focusLater('code');
    }
    if (!isCode(folded)) {
      setBadLength(folded.length);
      return focusLater('code');
    }
    setBadLength(undefined);
    props.onCode(folded);
  };
  const folded = normaliseCode(code);
  return (
    <>
      <Title>{s.entryTitle}</Title>
      {props.badLink && <p className="note">{s.entryBadLink}</p>}
      <p>{s.entryLead}</p>
      {props.notice && <ProblemBox notice={props.notice} />}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          go();
        }}
      >
        <Field
          id="code"
          lang={lang}
          label={s.entryCode}
          hint={s.entryCodeHint}
          error={
            badLength !== undefined
              ? s.entryBadCode(badLength)
              : moveProblem === 'missing'
                ? s.entryNoBox
                : moveProblem && s.entryNetwork
          }
          value={code}
          onChange={setCode}
          input={{ autoComplete: 'off', autoCapitalize: 'characters', spellCheck: false }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && composing(e)) e.preventDefault();
          }}
        />
        {isCode(folded) && <p className="hint">{groupCode(folded)}</p>}
        <button
          type="submit"
          className="primary"
          disabled={props.busy || moving}
          aria-busy={props.busy || moving}
        >
          {props.busy || moving ? s.entryChecking : s.entryGo}
        </button>
      </form>
      <p className="board-link">
        {s.entryBoard} <a href="#board">{s.toBoard}</a>
      </p>
    </>
  );
}

import { type KeyboardEvent, useState } from 'react';
import { groupCode, isCode, normaliseCode } from '../../../shared/text/invitation-code';
import type { Lang } from '../../common/lang';
import { moveCodeOf } from '../../common/move';
import { composing, Title, useFocusLater } from '../../common/staff';
import { lookupCode } from '../requests';
import { strings } from '../text';

/** Why the typed code did not lead on: its length, or what the server said. */
type EntryError =
  | { kind: 'length'; n: number }
  | { kind: 'unknown' }
  | { kind: 'missing' }
  | { kind: 'network' }
  | { kind: 'unavailable' };

/**
 * For people with a printed slip: the slip shows the answer page's address
 * and the code, and the code alone is asked for. The server says which open
 * survey holds it (the code in a POST body, never in a URL: DESIGN §3, A7);
 * then the page moves to the fragment link `#<campaignId>/<code>`, as the QR
 * code and the e-mailed link do.
 */
export function EntryPage({
  lang,
  onMove,
}: {
  lang: Lang;
  /** A transfer code (20 characters) was typed: take its box; a problem, or undefined when it worked. */
  onMove(code: string): Promise<'missing' | 'network' | undefined>;
}) {
  const s = strings(lang);
  const [code, setCode] = useState('');
  const [error, setError] = useState<EntryError>();
  const [busy, setBusy] = useState(false);
  const focusLater = useFocusLater();
  const folded = normaliseCode(code);

  const fail = (problem: EntryError) => {
    setError(problem);
    focusLater('code');
  };
  const go = async () => {
    if (busy) return;
    const move = moveCodeOf(folded);
    if (!move && !isCode(folded)) return fail({ kind: 'length', n: folded.length });
    setError(undefined);
    setBusy(true);
    if (move) {
      const problem = await onMove(move);
      setBusy(false);
      return problem && fail({ kind: problem });
    }
    const res = await lookupCode(folded);
    setBusy(false);
    if (res.ok) {
      location.hash = `${encodeURIComponent(res.body.campaign.id)}/${folded}`;
      return;
    }
    fail(
      res.status === 404
        ? { kind: 'unknown' }
        : res.status === 0
          ? { kind: 'network' }
          : res.status === 429 || res.status >= 500
            ? { kind: 'unavailable' }
            : { kind: 'unknown' },
    );
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    if (!composing(e)) go();
  };
  const errorText =
    error?.kind === 'length'
      ? s.entryBadCode(error.n)
      : error?.kind === 'unknown'
        ? s.entryUnknownCode
        : error?.kind === 'missing'
          ? s.entryNoBox
          : error?.kind === 'network'
            ? s.entryNetwork
            : error?.kind === 'unavailable'
              ? s.entryUnavailable
              : undefined;

  return (
    <>
      <Title>{s.entryTitle}</Title>
      <p>{s.entryLead}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          go();
        }}
      >
        <div className="q">
          <label htmlFor="code" className="q-title">
            {s.entryCode}
          </label>
          <p id="code-hint" className="hint">
            {s.entryCodeHint}
          </p>
          {errorText && (
            <p id="code-error" className="field-error">
              <span className="visually-hidden">{s.errorPrefix}</span>
              {errorText}
            </p>
          )}
          <input
            id="code"
            type="text"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            value={code}
            aria-invalid={!!errorText}
            aria-describedby={`code-hint${errorText ? ' code-error' : ''}`}
            onChange={(e) => setCode(e.target.value)}
            onKeyDown={onKeyDown}
          />
          {/* What was typed, grouped as on the slip, so it can be compared group by group. */}
          {folded && (
            <p className="hint code-echo">
              {s.entryTyped}
              <span className="mono">{groupCode(folded)}</span>
              {isCode(folded) ? '' : ` (${s.entryCount(folded.length)})`}
            </p>
          )}
        </div>
        <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
          {busy ? s.entryChecking : s.entryGo}
        </button>
      </form>
    </>
  );
}

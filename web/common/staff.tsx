import {
  createContext,
  type KeyboardEvent,
  type ReactNode,
  useContext,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import type { Lang } from './lang';

/**
 * The frame both staff apps (answer/ and feedback/) draw their pages in:
 * the shell, the page's one heading, and problems in plain words. The shell
 * is given the app's words (in the language chosen) and hands them to what
 * it holds; the looks are in ./staff.css.
 */

/** What the kit needs from an app's words. */
export interface StaffText {
  app: string;
  switchTo: string;
  retry: string;
  problems: Record<string, { title: string; body: string }>;
}

export interface Notice<P extends string = string> {
  problem: P;
  retry?: () => void;
}

const Words = createContext<StaffText>({ app: '', switchTo: '', retry: '', problems: {} });

/** Enter while an IME is composing commits the conversion; it must never send anything. */
export const composing = (e: KeyboardEvent) => e.nativeEvent.isComposing || e.keyCode === 229;

let focusNextHeading = false;
/** After a move to another page, its heading takes the focus (and the page scrolls to the top). */
export const focusHeadingOnNextPage = () => {
  focusNextHeading = true;
};

/** The frame of every page: name, language switch, an app's menu if any, and the main landmark. */
export function Shell(props: {
  lang: Lang;
  text: StaffText;
  setLang(l: Lang): void;
  nav?: ReactNode;
  children: ReactNode;
}) {
  const other: Lang = props.lang === 'ja' ? 'en' : 'ja';
  return (
    <Words.Provider value={props.text}>
      <header>
        <span className="brand">{props.text.app}</span>
        <button type="button" className="lang" lang={other} onClick={() => props.setLang(other)}>
          {props.text.switchTo}
        </button>
      </header>
      {props.nav}
      <main>{props.children}</main>
    </Words.Provider>
  );
}

/** The page's one h1; it names the browser tab too. */
export function Title({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { app } = useContext(Words);
  useEffect(() => {
    document.title = `${children} — ${app}`;
  }, [children, app]);
  useEffect(() => {
    if (!focusNextHeading) return;
    focusNextHeading = false;
    ref.current?.focus();
    scrollTo(0, 0);
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

/** A problem in plain words; with a retry button when trying again can help. */
export function ProblemBox(props: { notice: Notice; titled?: boolean; busy?: boolean; extra?: ReactNode }) {
  const s = useContext(Words);
  const text = s.problems[props.notice.problem];
  return (
    <div id="notice" className="problem" role="alert" tabIndex={-1}>
      {props.titled !== false && <h2>{text?.title}</h2>}
      <p>{text?.body}</p>
      {props.extra}
      {props.notice.retry && (
        <button
          type="button"
          className="primary"
          onClick={props.notice.retry}
          disabled={props.busy}
          aria-busy={props.busy}
        >
          {s.retry}
        </button>
      )}
    </div>
  );
}

/** A problem that has a page of its own; the ways on from it come as children. */
export function ProblemPage(props: { notice: Notice; extra?: ReactNode; children?: ReactNode }) {
  const { problems } = useContext(Words);
  return (
    <>
      <Title>{problems[props.notice.problem]?.title ?? ''}</Title>
      <ProblemBox notice={props.notice} titled={false} extra={props.extra} />
      {props.children}
    </>
  );
}

/** Words for removing what this browser keeps (a shared computer). */
export interface ForgetText {
  forgetTitle: string;
  forgetLead: string;
  forget: string;
  forgetConfirm: string;
}

/** Removing what this browser keeps, asked twice; `children` say what is still at stake. */
export function ForgetSection(props: { text: ForgetText; onForget(): void; children?: ReactNode }) {
  const s = props.text;
  const [confirm, setConfirm] = useState(false);
  return (
    <section className="forget" aria-labelledby="forget-title">
      <h2 id="forget-title">{s.forgetTitle}</h2>
      <p>{s.forgetLead}</p>
      {props.children}
      {confirm ? (
        <button type="button" className="danger" onClick={props.onForget}>
          {s.forgetConfirm}
        </button>
      ) : (
        <button type="button" className="secondary" onClick={() => setConfirm(true)}>
          {s.forget}
        </button>
      )}
    </section>
  );
}

/**
 * Moves the focus after the next render, so what appears with it (a notice,
 * a field's error) is there to be read out: to an element (a group of choices
 * gives it to its checked or first choice), or to the page's heading. In the
 * same task as the render (a layout effect), not after the paint: a keyboard
 * user's Tab pressed at once on the new page would otherwise be undone when
 * the focus moved later (seen in the keyboard e2e test on a busy machine).
 */
export function useFocusLater(): (id?: string) => void {
  const [focus, setFocus] = useState<{ id?: string }>();
  useLayoutEffect(() => {
    if (!focus) return;
    const el = document.getElementById(focus.id ?? '') ?? document.querySelector('h1');
    const target =
      el instanceof HTMLFieldSetElement
        ? (el.querySelector<HTMLElement>('input:checked') ?? el.querySelector<HTMLElement>('input'))
        : el;
    target?.focus();
    if (!focus.id) scrollTo(0, 0);
  }, [focus]);
  return (id?: string) => setFocus(id ? { id } : {});
}

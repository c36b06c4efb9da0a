import { type FormEvent, useState } from 'react';
import type { LoginResponse, User } from '../../../shared/api/auth';
import { ApiError, request } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { LangSwitch } from '../components/layout';

/** Sign-in: e-mail and password; the server sets the session cookie. No token is kept by the page. */
export function SignInPage({ onSignedIn, expired }: { onSignedIn(user: User): void; expired: boolean }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await request<LoginResponse>('POST', '/api/auth/login', {
        body: { email, password },
        quiet401: true,
      });
      onSignedIn(res.user);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 400)) setError(t('signInFailed'));
      else if (err instanceof ApiError && err.status === 429) setError(t('signInLocked'));
      else setError(t('signInError'));
      setBusy(false);
    }
  };

  return (
    <div className="sign-in-page">
      <header className="sign-in-header">
        <p className="brand">
          <span className="brand-mark" aria-hidden="true">
            声
          </span>{' '}
          koe
        </p>
        <LangSwitch />
      </header>
      <main id="main">
        <form className="sign-in" onSubmit={submit}>
          <h1>{t('signInTitle')}</h1>
          <p className="hint">{t('signInLead')}</p>
          {expired ? (
            <p className="notice" role="status">
              {t('sessionExpired')}
            </p>
          ) : null}
          <label className="field">
            <span>{t('email')}</span>
            <input
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </label>
          <label className="field">
            <span>{t('password')}</span>
            <input
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          {error ? (
            <p className="error-text" role="alert">
              {error}
            </p>
          ) : null}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('signingIn') : t('signIn')}
          </button>
        </form>
      </main>
    </div>
  );
}

import { type FormEvent, useState } from 'react';
import type { Role, User } from '../../../shared/api/auth';
import { ErrorBox, PageHeader } from '../components/common';
import { api } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { useReference } from '../lib/reference';

/** The admin creates analyst and manager accounts; a manager reads one unit's subtree. */
export function UsersPage() {
  const { t, l } = useI18n();
  const ref = useReference();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('analyst');
  const [unitCode, setUnitCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [created, setCreated] = useState<User[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (password.length < 12) return setProblem(t('errPasswordLength'));
    if (role === 'manager' && !unitCode) return setProblem(t('errManagerUnit'));
    setProblem(null);
    setBusy(true);
    try {
      const res = await api.post<{ user: User }>('/api/auth/users', {
        email,
        password,
        role,
        ...(role === 'manager' ? { unitCode } : {}),
      });
      setCreated([res.user, ...created]);
      setEmail('');
      setPassword('');
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('usersTitle')} />
      <p className="lead">{t('usersLead')}</p>
      <ul className="hint">
        <li>{t('roleAdminDesc')}</li>
        <li>{t('roleAnalystDesc')}</li>
        <li>{t('roleManagerDesc')}</li>
        <li>{t('roleCustodianDesc')}</li>
      </ul>
      <form onSubmit={submit} className="panel narrow" noValidate>
        <label className="field">
          <span>{t('email')}</span>
          <input
            type="email"
            autoComplete="off"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('initialPassword')}</span>
          <input
            type="password"
            autoComplete="new-password"
            required
            minLength={12}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <span className="hint">{t('passwordHint')}</span>
        </label>
        <label className="field">
          <span>{t('role')}</span>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <option value="analyst">{t('roleAnalyst')}</option>
            <option value="manager">{t('roleManager')}</option>
            <option value="admin">{t('roleAdmin')}</option>
            <option value="custodian">{t('roleCustodian')}</option>
          </select>
        </label>
        {role === 'manager' ? (
          <label className="field">
            <span>{t('managerUnit')}</span>
            <select value={unitCode} onChange={(e) => setUnitCode(e.target.value)} required>
              <option value="">{t('chooseUnit')}</option>
              {ref.unitTree.map(({ unit, depth }) => (
                <option key={unit.code} value={unit.code}>
                  {'　'.repeat(depth)}
                  {l(unit.name)} ({unit.code})
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {problem ? (
          <p className="error-text" role="alert">
            {problem}
          </p>
        ) : null}
        {error ? <ErrorBox error={error} /> : null}
        <button type="submit" className="primary" disabled={busy}>
          {t('createAccount')}
        </button>
      </form>
      {created.length > 0 ? (
        <section aria-labelledby="created-title" className="panel">
          <h2 id="created-title">{t('accountsCreated')}</h2>
          <ul role="status">
            {created.map((u) => (
              <li key={u.email}>
                {u.email} —{' '}
                {u.role === 'admin'
                  ? t('roleAdmin')
                  : u.role === 'analyst'
                    ? t('roleAnalyst')
                    : u.role === 'custodian'
                      ? t('roleCustodian')
                      : t('roleManager')}
                {u.unitCode ? ` (${ref.unitName(u.unitCode, 'ja')})` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

import { type FormEvent, useState } from 'react';
import { ROLES, type Role, type User, type UserList, type UserSummary } from '../../../shared/api/auth';
import { ErrorBox, Loading, PageHeader } from '../components/common';
import { ApiError, api, request } from '../lib/api';
import { useI18n } from '../lib/i18n';
import type { MessageKey } from '../lib/messages';
import { useReference } from '../lib/reference';
import { ROLE_LABEL, useSession } from '../lib/session';
import { useResource } from '../lib/use-resource';

/**
 * Errors of the accounts API in the console's own words (Japanese first):
 * every code services/accounts.ts and the request checks can answer, so that
 * no English server sentence reaches the page.
 */
const ACCOUNT_ERRORS: Record<string, MessageKey> = {
  user_exists: 'errUserExists',
  self_change: 'errSelfChange',
  last_admin: 'errLastAdmin',
  user_changed: 'errAccountChanged',
  unknown_unit: 'errAccountUnknownUnit',
  not_found: 'errAccountGone',
  invalid_request: 'errAccountInvalid',
};

function AccountError({ error }: { error: Error }) {
  const { t } = useI18n();
  const key = error instanceof ApiError ? ACCOUNT_ERRORS[error.code] : undefined;
  if (!key) return <ErrorBox error={error} />;
  return (
    <div className="error-box" role="alert">
      <p>{t(key)}</p>
    </div>
  );
}

const userPath = (email: string) => `/api/auth/users/${encodeURIComponent(email)}`;

type Editing = { kind: 'role' | 'password'; email: string } | null;

/**
 * The admin's accounts: create one (one role each: a custodian delivers codes
 * and reads no results), and change, disable, enable, reset or delete the
 * others. Every change ends that account's sessions at once and is audited.
 */
export function UsersPage() {
  const { t, l } = useI18n();
  const ref = useReference();
  const { user: me } = useSession();
  const list = useResource<UserList>('/api/auth/users');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('analyst');
  const [unitCode, setUnitCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [created, setCreated] = useState<User[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [actionError, setActionError] = useState<Error | null>(null);
  const [newRole, setNewRole] = useState<Role>('analyst');
  const [newUnit, setNewUnit] = useState('');
  const [newPassword, setNewPassword] = useState('');

  const roleName = (r: Role) => t(ROLE_LABEL[r]);

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
      list.reload();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  /** Runs one change to an account, then reloads the list. */
  const act = async (target: string, run: () => Promise<unknown>, done: MessageKey) => {
    setActionError(null);
    setStatus(null);
    setBusy(true);
    try {
      await run();
      setStatus(t(done, { email: target }));
      setEditing(null);
      setNewPassword('');
      list.reload();
    } catch (err) {
      setActionError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  const saveEdit = (e: FormEvent) => {
    e.preventDefault();
    if (!editing) return;
    const target = editing.email;
    if (editing.kind === 'password') {
      if (newPassword.length < 12) return setActionError(new Error(t('errPasswordLength')));
      return act(
        target,
        () => api.post(`${userPath(target)}/password`, { password: newPassword }),
        'accountSaved',
      );
    }
    if (newRole === 'manager' && !newUnit) return setActionError(new Error(t('errManagerUnit')));
    return act(
      target,
      () =>
        api.put(`${userPath(target)}/role`, {
          role: newRole,
          ...(newRole === 'manager' ? { unitCode: newUnit } : {}),
        }),
      'accountSaved',
    );
  };

  const unitOptions = ref.unitTree.map(({ unit, depth }) => (
    <option key={unit.code} value={unit.code}>
      {'　'.repeat(depth)}
      {l(unit.name)} ({unit.code})
    </option>
  ));

  const users: UserSummary[] = list.data?.users ?? [];

  return (
    <>
      <PageHeader title={t('usersTitle')} />
      <p className="lead">{t('usersLead')}</p>
      <ul className="hint">
        <li>{t('roleAdminDesc')}</li>
        <li>{t('roleCustodianDesc')}</li>
        <li>{t('roleAnalystDesc')}</li>
        <li>{t('roleManagerDesc')}</li>
        <li>{t('roleAuditorDesc')}</li>
        <li>{t('roleSeparation')}</li>
      </ul>

      <section aria-labelledby="accounts-title" className="panel">
        <h2 id="accounts-title">{t('usersList')}</h2>
        {list.error ? <ErrorBox error={list.error} /> : null}
        {!list.data && !list.error ? <Loading /> : null}
        {list.data ? (
          <table className="list">
            <thead>
              <tr>
                <th scope="col">{t('email')}</th>
                <th scope="col">{t('role')}</th>
                <th scope="col">{t('accountState')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => {
                const self = u.email === me.email.toLowerCase();
                return (
                  <tr key={u.email} data-email={u.email}>
                    <td>
                      {u.email} {self ? t('accountYou') : ''}
                    </td>
                    <td>
                      {roleName(u.role)}
                      {u.unitCode ? ` (${ref.unitName(u.unitCode, 'ja')})` : ''}
                    </td>
                    <td>{u.disabled ? t('accountDisabled') : t('accountEnabled')}</td>
                    <td className="actions">
                      <button
                        type="button"
                        disabled={busy || self}
                        onClick={() => {
                          setEditing({ kind: 'role', email: u.email });
                          setNewRole(u.role);
                          setNewUnit(u.unitCode ?? '');
                          setActionError(null);
                        }}
                      >
                        {t('changeRole')}
                        <span className="sr-only"> {u.email}</span>
                      </button>{' '}
                      <button
                        type="button"
                        disabled={busy}
                        onClick={() => {
                          setEditing({ kind: 'password', email: u.email });
                          setNewPassword('');
                          setActionError(null);
                        }}
                      >
                        {t('resetPassword')}
                        <span className="sr-only"> {u.email}</span>
                      </button>{' '}
                      <button
                        type="button"
                        disabled={busy || self}
                        onClick={() =>
                          act(
                            u.email,
                            () => api.post(`${userPath(u.email)}/${u.disabled ? 'enable' : 'disable'}`),
                            'accountSaved',
                          )
                        }
                      >
                        {u.disabled ? t('enableAccount') : t('disableAccount')}
                        <span className="sr-only"> {u.email}</span>
                      </button>{' '}
                      <button
                        type="button"
                        className="danger"
                        disabled={busy || self}
                        onClick={() => {
                          if (!window.confirm(t('confirmDelete', { email: u.email }))) return;
                          void act(u.email, () => request('DELETE', userPath(u.email)), 'accountDeleted');
                        }}
                      >
                        {t('deleteAccount')}
                        <span className="sr-only"> {u.email}</span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
        {editing ? (
          <form onSubmit={saveEdit} className="narrow" noValidate>
            {editing.kind === 'role' ? (
              <>
                <label className="field">
                  <span>{t('newRole', { email: editing.email })}</span>
                  <select value={newRole} onChange={(e) => setNewRole(e.target.value as Role)}>
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {roleName(r)}
                      </option>
                    ))}
                  </select>
                </label>
                {newRole === 'manager' ? (
                  <label className="field">
                    <span>{t('managerUnit')}</span>
                    <select value={newUnit} onChange={(e) => setNewUnit(e.target.value)} required>
                      <option value="">{t('chooseUnit')}</option>
                      {unitOptions}
                    </select>
                  </label>
                ) : null}
              </>
            ) : (
              <label className="field">
                <span>{t('newPassword', { email: editing.email })}</span>
                <input
                  type="password"
                  autoComplete="new-password"
                  required
                  minLength={12}
                  value={newPassword}
                  onChange={(e) => setNewPassword(e.target.value)}
                />
                <span className="hint">{t('passwordHint')}</span>
              </label>
            )}
            <button type="submit" className="primary" disabled={busy}>
              {t('save')}
            </button>{' '}
            <button type="button" onClick={() => setEditing(null)}>
              {t('cancel')}
            </button>
          </form>
        ) : null}
        {actionError ? <AccountError error={actionError} /> : null}
        {status ? <p role="status">{status}</p> : null}
      </section>

      <form onSubmit={submit} className="panel narrow" noValidate aria-labelledby="create-title">
        <h2 id="create-title">{t('usersCreate')}</h2>
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
            <option value="custodian">{t('roleCustodian')}</option>
            <option value="auditor">{t('roleAuditor')}</option>
            <option value="admin">{t('roleAdmin')}</option>
            <option value="custodian">{t('roleCustodian')}</option>
          </select>
        </label>
        {role === 'manager' ? (
          <label className="field">
            <span>{t('managerUnit')}</span>
            <select value={unitCode} onChange={(e) => setUnitCode(e.target.value)} required>
              <option value="">{t('chooseUnit')}</option>
              {unitOptions}
            </select>
          </label>
        ) : null}
        {problem ? (
          <p className="error-text" role="alert">
            {problem}
          </p>
        ) : null}
        {error ? <AccountError error={error} /> : null}
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
                {u.email} — {roleName(u.role)}
                {u.unitCode ? ` (${ref.unitName(u.unitCode, 'ja')})` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

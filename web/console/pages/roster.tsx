import { useEffect, useRef, useState } from 'react';
import type { Unit } from '../../../shared/api/organisation';
import type { StaffRow } from '../../../shared/api/organisation';
import { downloadText, ErrorBox, Loading, PageHeader } from '../components/common';
import { api } from '../lib/api';
import { toCsv } from '../lib/csv';
import { count } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useReference, useReloadUnits } from '../lib/reference';
import { useResource } from '../lib/use-resource';
import { RosterImport } from './roster-import';

const COLUMNS = ['staffNo', 'name', 'email', 'unitCode', 'jobLevel', 'employmentType'] as const;

/**
 * The roster: upload a CSV or .xlsx file, map its columns and labels, see a
 * dry run (every bad line with its number and reason; nothing saved), then
 * import (pages/roster-import.tsx). An import replaces nobody silently:
 * staff are added or updated by staff number.
 */
export function RosterPage() {
  const { t, lang } = useI18n();
  const ref = useReference();
  const staff = useResource<StaffRow[]>('/api/staff');
  const byUnit = new Map<string, number>();
  for (const s of staff.data ?? []) byUnit.set(s.unitCode, (byUnit.get(s.unitCode) ?? 0) + 1);
  const noEmail = (staff.data ?? []).filter((s) => !s.email).length;

  return (
    <>
      <PageHeader title={t('rosterTitle')} />
      <p className="lead">{t('rosterLead')}</p>

      <section aria-labelledby="current-title" className="panel">
        <h2 id="current-title">{t('rosterCurrent')}</h2>
        {staff.error ? <ErrorBox error={staff.error} /> : null}
        {!staff.data ? (
          <Loading />
        ) : (
          <p>
            {t('rosterCount', {
              n: count(staff.data.length, lang),
              units: byUnit.size,
              noEmail: count(noEmail, lang),
            })}
          </p>
        )}
      </section>

      <UnitOrderPanel staffByUnit={staff.data ? byUnit : null} />

      <section aria-labelledby="upload-title" className="panel">
        <h2 id="upload-title">{t('rosterUpload')}</h2>
        <p>{t('rosterFormat')}</p>
        <p className="mono code-line">{COLUMNS.join(',')}</p>
        <ul className="hint">
          <li>{t('rosterFormatJobLevel', { values: 'staff, senior, chief, deputy, manager' })}</li>
          <li>{t('rosterFormatEmployment', { values: 'regular, reappointed, fiscal_year, fixed_term' })}</li>
          <li>{t('rosterFormatEncoding')}</li>
        </ul>
        <p>
          <button
            type="button"
            onClick={() =>
              downloadText(
                'koe-roster-template.csv',
                toCsv([
                  [...COLUMNS],
                  [
                    'A00001',
                    '会津 太郎',
                    'taro@example.jp',
                    ref.units[0]?.code ?? 'UNIT',
                    'staff',
                    'regular',
                  ],
                ]),
              )
            }
          >
            {t('rosterTemplate')}
          </button>
        </p>
        <RosterImport onImported={staff.reload} />
      </section>
    </>
  );
}

/**
 * Every unit in tree order with its staff count, and its display order among
 * its siblings (表示順): 上へ / 下へ move a unit one place, and the server
 * stores the whole sibling list as orders 1, 2, 3 …. Focus stays on the moved
 * unit's button and a status line says what moved.
 */
function UnitOrderPanel({ staffByUnit }: { staffByUnit: Map<string, number> | null }) {
  const { t, l } = useI18n();
  const ref = useReference();
  const reloadUnits = useReloadUnits();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [moved, setMoved] = useState<{ code: string; dir: 'up' | 'down' } | null>(null);
  const table = useRef<HTMLTableElement>(null);

  const parentOf = (u: Unit) => (u.parentCode && ref.unit(u.parentCode) ? u.parentCode : null);
  const siblingsOf = (u: Unit) =>
    ref.unitTree.filter((x) => parentOf(x.unit) === parentOf(u)).map((x) => x.unit.code);

  useEffect(() => {
    if (!moved || busy) return;
    const selector = (dir: string) => `button[data-unit="${CSS.escape(moved.code)}"][data-move="${dir}"]`;
    const same = table.current?.querySelector<HTMLButtonElement>(selector(moved.dir));
    const other = table.current?.querySelector<HTMLButtonElement>(
      selector(moved.dir === 'up' ? 'down' : 'up'),
    );
    (same && !same.disabled ? same : other)?.focus();
  }, [moved, busy]);

  const move = async (unit: Unit, dir: 'up' | 'down') => {
    const codes = siblingsOf(unit);
    const i = codes.indexOf(unit.code);
    const j = dir === 'up' ? i - 1 : i + 1;
    if (i < 0 || j < 0 || j >= codes.length) return;
    [codes[i], codes[j]] = [codes[j]!, codes[i]!];
    setBusy(true);
    setError(null);
    try {
      await api.put('/api/units/order', { codes });
      await reloadUnits();
      setMoved({ code: unit.code, dir });
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="units-order-title" className="panel">
      <h2 id="units-order-title">{t('unitsOrderTitle')}</h2>
      <p className="hint">{t('unitsOrderLead')}</p>
      {error ? <ErrorBox error={error} /> : null}
      <p className="sr-only" role="status">
        {moved
          ? t(moved.dir === 'up' ? 'movedUp' : 'movedDown', {
              unit: l(ref.unit(moved.code)?.name ?? { ja: moved.code }),
            })
          : ''}
      </p>
      <div className="table-scroll">
        <table className="list compact units-order" ref={table}>
          <caption className="sr-only">{t('unitsOrderTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('unitCode')}</th>
              <th scope="col">{t('unit')}</th>
              <th scope="col">{t('staffCount')}</th>
              <th scope="col">{t('unitOrder')}</th>
              <th scope="col">{t('unitReorder')}</th>
            </tr>
          </thead>
          <tbody>
            {ref.unitTree.map(({ unit, depth }) => {
              const siblings = siblingsOf(unit);
              const at = siblings.indexOf(unit.code);
              const name = l(unit.name);
              return (
                <tr key={unit.code} data-unit={unit.code}>
                  <td className="mono">{unit.code}</td>
                  <th scope="row" style={{ paddingInlineStart: `${0.5 + depth * 1.2}em` }}>
                    {name}
                  </th>
                  <td className="num">{staffByUnit ? (staffByUnit.get(unit.code) ?? 0) : ''}</td>
                  <td className="num">{unit.order ?? '—'}</td>
                  <td className="actions">
                    <button
                      type="button"
                      data-unit={unit.code}
                      data-move="up"
                      aria-label={t('moveUpLabel', { unit: name })}
                      disabled={busy || at <= 0}
                      onClick={() => move(unit, 'up')}
                    >
                      ↑ {t('moveUp')}
                    </button>{' '}
                    <button
                      type="button"
                      data-unit={unit.code}
                      data-move="down"
                      aria-label={t('moveDownLabel', { unit: name })}
                      disabled={busy || at < 0 || at >= siblings.length - 1}
                      onClick={() => move(unit, 'down')}
                    >
                      ↓ {t('moveDown')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

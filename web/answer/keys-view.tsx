import { useEffect, useState } from 'react';
import type { PublicCampaign, PublicKeyList } from '../../shared/api/public';
import { applyLang, type Lang, pick, savedLang } from '../common/lang';
import { Shell, Title } from '../common/staff';
import { fetchKeyList, keyStrings, keysHref } from './keys';
import { strings } from './text';

/** On the intro page, before any token is asked for: the respondent's key group and key fingerprint (A4). */
export function KeyGroupBox({ lang, data }: { lang: Lang; data: PublicCampaign }) {
  const k = keyStrings(lang);
  const group = data.keyGroup;
  return (
    <section className="anon" aria-labelledby="key-group-title" data-testid="key-group">
      <h2 id="key-group-title">{k.groupTitle}</h2>
      <p>{k.groupLead(group.invited)}</p>
      <ul>
        {group.units.map((u) => (
          <li key={u.code}>{pick(u.name, lang)}</li>
        ))}
      </ul>
      <h3>{k.fingerprint}</h3>
      <p>
        <code className="fingerprint" data-testid="fingerprint">
          {group.fingerprint}
        </code>
      </p>
      <p className="ok">{k.checked}</p>
      <p>
        <a href={keysHref(data.campaign.id)} target="_blank" rel="noopener noreferrer">
          {k.compare}
        </a>
      </p>
    </section>
  );
}

/** `/answer/#keys/<campaignId>`: every key group of a campaign with its units, invited count and fingerprint. */
export function KeysApp({ campaignId }: { campaignId: string }) {
  const [lang, setLang] = useState<Lang>(savedLang);
  const [list, setList] = useState<PublicKeyList | 'failed'>();
  const k = keyStrings(lang);
  const s = strings(lang);
  useEffect(() => applyLang(lang), [lang]);
  useEffect(() => {
    fetchKeyList(campaignId).then((res) => setList(res.ok ? res.body : 'failed'));
  }, [campaignId]);
  return (
    <Shell lang={lang} text={s} setLang={setLang}>
      <Title>{k.listTitle}</Title>
      {list === undefined && <p role="status">{k.loading}</p>}
      {list === 'failed' && (
        <p className="problem" role="alert">
          {k.failed}
        </p>
      )}
      {list && list !== 'failed' && (
        <>
          <p className="meta">
            {pick(list.campaign.title, lang)} ・ {k.status[list.campaign.status] ?? list.campaign.status}
          </p>
          <p>{k.listLead}</p>
          <table className="keys">
            <thead>
              <tr>
                <th scope="col">{k.groupUnits}</th>
                <th scope="col">{k.invited}</th>
                <th scope="col">{k.fingerprint}</th>
              </tr>
            </thead>
            <tbody>
              {list.groups.map((g) => (
                <tr key={g.groupId} data-group={g.groupId}>
                  <td>{g.units.map((u) => pick(u.name, lang)).join('、')}</td>
                  <td>{k.people(g.invited)}</td>
                  <td>
                    <code className="fingerprint">{g.fingerprint}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Shell>
  );
}

import type { PublicCampaign, PublicKeyList } from '../../shared/api/public';
import { fingerprintOf } from '../../shared/crypto/fingerprint';
import { fromBase64Url } from '../../shared/encoding/base64url';
import { requestJson } from '../common/http';
import type { Lang } from '../common/lang';

/**
 * Key transparency (DESIGN §3, A4), as the answer page does it: before any
 * token is requested, the key this browser was handed must be on the list
 * published for everyone (GET /api/public/campaigns/:id/keys), for the same
 * group, with the fingerprint that this browser computes itself from the key.
 * A key handed to one person only (a group of one in disguise) fails here.
 */

export type KeyCheck =
  | { ok: true }
  | { ok: false; reason: 'not_listed' | 'fingerprint' | 'unavailable'; status?: number };

/** The published key list of a campaign. */
export function fetchKeyList(campaignId: string) {
  return requestJson<PublicKeyList>(`/api/public/campaigns/${encodeURIComponent(campaignId)}/keys`);
}

export async function checkKey(data: PublicCampaign): Promise<KeyCheck> {
  const list = await fetchKeyList(data.campaign.id);
  if (!list.ok) return { ok: false, reason: 'unavailable', status: list.status };
  const computed = await fingerprintOf(fromBase64Url(data.publicKey));
  const listed = list.body.groups.find((g) => g.keyId === data.keyId);
  if (!listed || listed.groupId !== data.keyGroup.id) return { ok: false, reason: 'not_listed' };
  if (listed.fingerprint !== computed || data.keyGroup.fingerprint !== computed) {
    return { ok: false, reason: 'fingerprint' };
  }
  return { ok: true };
}

/** The view of the answer app that lists a campaign's key groups: `/answer/#keys/<campaignId>`. */
export function keysViewOf(hash: string): string | undefined {
  const m = /^#\/?keys\/([A-Za-z0-9_-]{1,64})$/.exec(hash);
  return m?.[1];
}

export const keysHref = (campaignId: string) => `/answer/#keys/${encodeURIComponent(campaignId)}`;

const ja = {
  groupTitle: 'あなたの回答のグループ',
  groupLead: (n: number) =>
    `あなたの回答は、次の所属の対象者${n}人が共有する署名鍵で証明され、このグループの回答として保存されます。グループは、少人数の所属が特定されないよう10人以上にまとめられています。`,
  fingerprint: '鍵の指紋（SHA-256）',
  checked: 'この鍵は、公開されている鍵の一覧にあり、指紋も一致しました。',
  compare: '全グループの鍵の一覧（だれでも同じものが見られます）',
  listTitle: '署名鍵の一覧',
  listLead:
    'この調査の回答は、グループごとの署名鍵で証明されます。だれが見ても同じ一覧です。回答ページに表示された指紋が、ここにある自分のグループの指紋と一致することを確かめられます。一覧にない鍵や、人数の少ないグループがあれば、人事課以外の信頼できる人と確認してください。',
  groupUnits: '所属',
  invited: '対象者数',
  people: (n: number) => `${n}人`,
  status: { draft: '準備中', open: '実施中', closed: '終了' } as Record<string, string>,
  loading: '読み込んでいます…',
  failed: '一覧を読み込めませんでした。調査IDを確認して、もう一度お試しください。',
};

const en: typeof ja = {
  groupTitle: 'The group your answers belong to',
  groupLead: (n: number) =>
    `Your answers are certified with a signing key shared by the ${n} people invited in the units below, and are stored as this group’s. Groups have at least 10 people, so that a small unit cannot be singled out.`,
  fingerprint: 'Key fingerprint (SHA-256)',
  checked: 'This key is on the published list of keys, and its fingerprint matches.',
  compare: 'All groups and their keys (everyone sees the same list)',
  listTitle: 'Signing keys',
  listLead:
    'Answers to this survey are certified with one signing key per group. Everyone sees the same list. You can check that the fingerprint on your answer page matches your group’s here. If a key is not on this list, or a group is small, check with someone you trust outside HR.',
  groupUnits: 'Units',
  invited: 'Invited',
  people: (n: number) => `${n}`,
  status: { draft: 'Draft', open: 'Open', closed: 'Closed' },
  loading: 'Loading…',
  failed: 'The list could not be loaded. Check the survey ID and try again.',
};

export const keyStrings = (lang: Lang) => (lang === 'ja' ? ja : en);

import type { ActionStatus } from '../../shared/api/actions';
import type { User } from '../../shared/api/auth';
import type { ActualStatus } from '../../shared/plan/progress';
import type { AppDeps } from '../deps';
import { addActionNote, approveAction, createAction, updateAction } from '../services/actions';
import { setProgress } from '../services/plan-progress';

/**
 * The demo's action plans (issue 15): actions on the FY2024 results in several
 * units, approved by HR with progress notes through FY2025 (so the FY2025
 * results show them beside each construct's change), one draft still waiting
 * for approval, and the plan's actual statuses for FY2023–FY2025 with a few
 * initiatives behind schedule.
 */

const HR: User = { email: 'hr-demo@example.jp', role: 'admin' };

interface DemoAction {
  unitCode: string;
  title: string;
  constructId?: string;
  initiativeId?: string;
  owner: string;
  dueDate: string;
  status: ActionStatus;
  approved: boolean;
  notes: Array<[day: string, text: string]>;
}

const ACTIONS: DemoAction[] = [
  {
    unitCode: 'WEL-SOC',
    title: '週1回の係ミーティングで困りごとを共有する / Share problems at a weekly team meeting',
    constructId: 'psychological_safety',
    initiativeId: 'cul-12',
    owner: '社会福祉課長',
    dueDate: '2025-09-30',
    status: 'in_progress',
    approved: true,
    notes: [
      [
        '2025-01-20',
        '1月から毎週月曜に15分のミーティングを開始 / Started 15-minute Monday meetings in January',
      ],
      ['2025-06-10', '議題の半分が係員から出るようになった / Half the topics now come from staff'],
    ],
  },
  {
    unitCode: 'WEL-SOC',
    title: '繁忙期の業務分担を見直す / Rebalance work in the busy season',
    constructId: 'workstyle',
    initiativeId: 'cul-08',
    owner: '庶務係長',
    dueDate: '2025-07-31',
    status: 'done',
    approved: true,
    notes: [['2025-04-15', '4月の異動に合わせて分担表を改定 / Revised the duty chart with April transfers']],
  },
  {
    unitCode: 'WEL-CHI',
    title: '新任職員にメンターをつける / Give every new staff member a mentor',
    constructId: 'learning_culture',
    initiativeId: 'cul-14',
    owner: 'こども家庭課長補佐',
    dueDate: '2025-06-30',
    status: 'done',
    approved: true,
    notes: [['2025-05-08', '新任5名全員にメンターを指名 / Mentors named for all five newcomers']],
  },
  {
    unitCode: 'CIT-TAX',
    title: '申告期の時間外勤務を平準化する / Even out overtime in the filing season',
    constructId: 'workstyle',
    initiativeId: 'env-03',
    owner: '税務課長',
    dueDate: '2025-03-31',
    status: 'in_progress',
    approved: true,
    notes: [
      ['2025-03-28', '応援職員を2名配置、月45時間超は前年の半分 / Two extra staff; months over 45 h halved'],
    ],
  },
  {
    unitCode: 'CON-RD',
    title: '現場の安全衛生巡視を毎月行う / Monthly health-and-safety walk of the sites',
    constructId: 'health',
    initiativeId: 'env-15',
    owner: '道路維持係長',
    dueDate: '2025-12-31',
    status: 'planned',
    approved: true,
    notes: [],
  },
  {
    unitCode: 'WEL-HLT',
    title: '研修の受講を所属長から勧める / Managers recommend training in person',
    constructId: 'training_effectiveness',
    initiativeId: 'trn-11',
    owner: '健康増進課長',
    dueDate: '2025-10-31',
    status: 'planned',
    approved: false,
    notes: [],
  },
];

/** What actually happened, FY2023–FY2025; the plan's status for each year is in shared/plan/data. */
const PROGRESS: Array<[initiativeId: string, fiscalYear: number, status: ActualStatus, note?: string]> = [
  ['cul-21', 2023, 'consider', 'フレックスタイム試行の検討 / Flexitime trial considered'],
  ['cul-21', 2024, 'consider', 'テレワーク規程の整備が遅れた / Telework rules delayed'],
  ['cul-21', 2025, 'implement', '全庁で本格導入 / In use city-wide'],
  ['per-08', 2023, 'consider'],
  ['per-08', 2024, 'implement'],
  ['per-08', 2025, 'implement'],
  ['per-17', 2023, 'research'],
  ['per-17', 2024, 'research', '研修内容の調査を継続 / Still surveying course content'],
  ['per-17', 2025, 'consider', '実施は次年度へ / Implementation moved to next year'],
  ['trn-01', 2023, 'consider'],
  ['trn-01', 2024, 'implement'],
  ['trn-01', 2025, 'implement'],
  ['env-01', 2023, 'consider'],
  ['env-01', 2024, 'implement'],
  ['env-01', 2025, 'implement'],
  ['env-12', 2023, 'implement'],
  ['env-12', 2024, 'implement'],
  ['env-12', 2025, 'implement', '全職員向けeラーニングを追加 / e-learning added for all staff'],
  ['trn-10', 2023, 'implement'],
  ['trn-10', 2024, 'implement'],
  ['trn-10', 2025, 'not_started', '講師の確保ができず / No trainer could be found'],
];

const at = (day: string) => new Date(`${day}T10:00:00+09:00`);

/** Seeds the actions on the FY2024 results and the plan's progress; nothing if FY2024 is not closed. */
export async function seedDemoActions(deps: AppDeps): Promise<void> {
  const fy2024 = (await deps.store.campaigns.listCampaignHeads()).find(
    (c) => c.fiscalYear === 2024 && c.status === 'closed',
  );
  if (fy2024) {
    for (const a of ACTIONS) {
      const drafted = { ...deps, now: () => at('2024-12-10') };
      const action = await createAction(drafted, HR, {
        campaignId: fy2024.id,
        unitCode: a.unitCode,
        title: a.title,
        ...(a.constructId ? { constructId: a.constructId } : {}),
        ...(a.initiativeId ? { initiativeId: a.initiativeId } : {}),
        owner: a.owner,
        dueDate: a.dueDate,
      });
      if (!a.approved) continue;
      await approveAction({ ...deps, now: () => at('2024-12-20') }, HR, action.id);
      for (const [day, text] of a.notes)
        await addActionNote({ ...deps, now: () => at(day) }, HR, action.id, { text });
      if (a.status !== 'planned') {
        await updateAction({ ...deps, now: () => at(a.notes.at(-1)?.[0] ?? '2025-01-10') }, HR, action.id, {
          status: a.status,
        });
      }
    }
  }
  for (const [initiativeId, fiscalYear, status, note] of PROGRESS) {
    await setProgress({ ...deps, now: () => at(`${fiscalYear + 1}-03-31`) }, HR, {
      initiativeId,
      fiscalYear,
      status,
      ...(note ? { note } : {}),
    });
  }
}

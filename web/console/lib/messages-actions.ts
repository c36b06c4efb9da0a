import type { ActionStatus } from '../../../shared/api/actions';

/**
 * The console's words for action plans, the plan's progress and unit change
 * (issue 15): [Japanese, English]. Spread into PAGE_MESSAGES (messages-pages.ts);
 * the few the first page shows (the menu entry, the dashboard's initiatives)
 * are in messages.ts.
 */
export const ACTION_MESSAGES = {
  actionsTitle: ['アクションプラン', 'Action plans'],
  actionsLead: [
    '調査の結果を受けて、各所属が取り組むこと（1所属につき3件まで）。所属長が下書きし、人事課が承認すると、職員向けページ（サインイン不要・数値なし）に載ります。',
    'What each unit will do about the survey’s results (up to three per unit). The unit’s manager drafts, HR approves, and approved actions appear on the staff page (no sign-in, no figures).',
  ],
  actionsCampaign: ['対象の調査', 'Survey'],
  actionsNoCampaign: ['終了した調査はまだありません。', 'No survey has closed yet.'],
  actionsNone: ['この調査のアクションはまだありません。', 'No actions for this survey yet.'],
  actionsStaffPage: ['職員向けページを開く', 'Open the staff page'],
  actionsListCaption: ['{year}の結果に対するアクション（{n}件）', 'Actions on the {year} results ({n})'],
  actionDraftTitle: ['アクションを下書きする', 'Draft an action'],
  actionUnit: ['所属', 'Unit'],
  actionTitleLabel: ['アクション', 'Action'],
  actionDescription: ['説明（任意）', 'Description (optional)'],
  actionConstruct: ['関係する調査項目', 'Survey construct'],
  actionInitiative: ['プランの取組', 'Plan initiative'],
  actionNone: ['（なし）', '(none)'],
  actionOwner: ['担当（役職・係）', 'Owner (post or team)'],
  actionDue: ['期限', 'Due'],
  actionStatus: ['状況', 'Status'],
  actionApproval: ['承認', 'Approval'],
  actionNotes: ['進捗メモ', 'Progress notes'],
  actionTieHint: [
    '調査項目かプランの取組の少なくとも一方を選んでください。',
    'Choose a construct, a plan initiative or both.',
  ],
  actionSave: ['下書きを保存', 'Save draft'],
  actionSaved: ['下書きを保存しました。', 'Draft saved.'],
  actionApprove: ['承認する', 'Approve'],
  actionWithdraw: ['下書きを取り下げる', 'Withdraw draft'],
  actionAddNote: ['メモを追加', 'Add note'],
  actionNoteLabel: ['進捗メモ（{title}）', 'Progress note ({title})'],
  actionStatusLabel: ['状況（{title}）', 'Status ({title})'],
  approvalDraft: ['下書き（承認待ち）', 'Draft (awaiting approval)'],
  approvalApproved: ['承認済み', 'Approved'],
  actionStatusPlanned: ['予定', 'Planned'],
  actionStatusInProgress: ['取組中', 'In progress'],
  actionStatusDone: ['完了', 'Done'],
  actionStatusDropped: ['中止', 'Dropped'],
  outcomesTitle: ['前回の調査後のアクションと変化', 'Actions since the last survey, and the change'],
  outcomesLead: [
    '{year}の結果を受けて承認されたアクションを、その所属の調査項目の変化（好意的回答の割合）と並べています。どちらかの年度が非表示の所属は数値を表示しません。',
    'Actions approved on the {year} results, beside the change in their construct for that unit (favourable share). Where either year is hidden, no figure is shown.',
  ],
  outcomesCaption: ['アクションと調査項目の変化', 'Actions and the change in their construct'],
  outcomesBefore: ['前回', 'Before'],
  outcomesAfter: ['今回', 'Now'],
  outcomesChange: ['変化', 'Change'],
  outcomesNoConstruct: ['（調査項目なし）', '(no construct)'],
  unitChangeToggle: ['前回の調査からの変化を表示', 'Show the change since the previous survey'],
  unitChangeNote: [
    '各セルの下の値は{year}からの変化（ポイント）です。両方の年度で表示されるセルだけに示します。',
    'The figure under each cell is the change since {year}, in points; shown only where both years are shown.',
  ],
  unitChangeNone: ['比較できる前回の調査はありません。', 'There is no earlier survey to compare with.'],
  unitChangeCell: ['{year}から{change}', '{change} since {year}'],
  progressTitle: ['取組の実績', 'What happened'],
  progressLead: [
    '各年度の計画（上段）と実績（下段）。実績が計画より前の段階（研究 < 検討 < 実施・活用）の取組に「遅れ」を表示します。',
    'Planned status (top) and what actually happened (below) for each year. An initiative whose actual stage is earlier than planned (research < consider < implement/utilize) is flagged “behind”.',
  ],
  progressBehindCount: ['予定より遅れている取組：{n}件', 'Initiatives behind schedule: {n}'],
  progressActual: ['実績', 'Actual'],
  progressFormTitle: ['実績を記録する', 'Record what happened'],
  progressInitiative: ['取組', 'Initiative'],
  progressYear: ['年度', 'Fiscal year'],
  progressStatus: ['実績', 'Actual status'],
  progressNote: ['メモ（任意、200字まで）', 'Note (optional, up to 200 characters)'],
  progressLink: ['参考リンク（任意）', 'Link (optional)'],
  progressSave: ['記録する', 'Record'],
  progressSaved: ['記録しました。', 'Recorded.'],
} as const satisfies Record<string, readonly [string, string]>;

/** Each action status's message. */
export const ACTION_STATUS_KEYS: Record<ActionStatus, keyof typeof ACTION_MESSAGES> = {
  planned: 'actionStatusPlanned',
  in_progress: 'actionStatusInProgress',
  done: 'actionStatusDone',
  dropped: 'actionStatusDropped',
};

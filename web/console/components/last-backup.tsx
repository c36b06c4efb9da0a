import type { LastBackup } from '../../../shared/api/backup';
import { dateTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useResource } from '../lib/use-resource';

/** 「最終バックアップ：…」 on the admin's start page: when `npm run backup` last wrote an archive. */
export function LastBackupNote() {
  const { t, lang } = useI18n();
  const last = useResource<LastBackup>('/api/backups/last');
  if (!last.data) return null;
  const b = last.data.backup;
  return (
    <p className="note last-backup" data-testid="last-backup">
      {b
        ? t('lastBackup', { at: dateTime(b.at, lang), size: `${(b.bytes / 1024 / 1024).toFixed(1)} MB` })
        : t('lastBackupNever')}
    </p>
  );
}

import { useI18n } from '../lib/i18n';
import { useReference } from '../lib/reference';
import { Link } from '../lib/router';

/**
 * Under a dashboard indicator: the plan initiatives its construct informs and
 * how many are behind schedule, linking to the construct page where each
 * initiative's planned and actual status is shown (issue 15).
 */
export function IndicatorInitiatives({ constructId, behind }: { constructId: string; behind: Set<string> }) {
  const { t, lang } = useI18n();
  const ref = useReference();
  const ids = ref.construct(constructId)?.initiatives ?? [];
  if (ids.length === 0) return null;
  const late = ids.filter((id) => behind.has(id)).length;
  return (
    <Link to={`/constructs/${constructId}`} className="sub no-print">
      {t('indicatorInitiatives')}: {ids.length}
      {late > 0
        ? lang === 'ja'
          ? `（${t('progressBehind')} ${late}）`
          : ` (${t('progressBehind')}: ${late})`
        : ''}
    </Link>
  );
}

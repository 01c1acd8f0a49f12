import { PageHeader } from '../../../ui/PageHeader';
import { useI18n } from '../../../i18n/useI18n';

export function OverviewPage() {
  const { t } = useI18n();
  return <PageHeader title={t('nav.overview')} />;
}

import { PageHeader } from '../../../ui/PageHeader';
import { useI18n } from '../../../i18n/useI18n';

export function ServiceDetailPage() {
  const { t } = useI18n();
  return <PageHeader title={t('nav.services')} />;
}

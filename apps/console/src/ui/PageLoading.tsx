import { Flex, Spin } from 'antd';
import { useI18n } from '../i18n/useI18n';

export function PageLoading() {
  const { t } = useI18n();
  return (
    <Flex
      justify="center"
      align="center"
      style={{ minHeight: 240 }}
      role="status"
      aria-label={t('common.loading')}
    >
      <Spin size="large" />
    </Flex>
  );
}

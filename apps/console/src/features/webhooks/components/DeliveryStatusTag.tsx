import { Tag } from 'antd';
import type { WebhookDeliveryStatus } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';

const COLORS: Record<WebhookDeliveryStatus, string> = { pending: 'processing', succeeded: 'success', retrying: 'warning', failed: 'error' };

export function DeliveryStatusTag({ status }: { status: WebhookDeliveryStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={COLORS[status]} data-testid="delivery-status">
      {t(`deliveries.status.${status}`)}
    </Tag>
  );
}

import { Tag } from 'antd';
import type { ConfigOp } from '@switchboard/shared';
import type { MessageKey } from '../../../i18n/messages.en';
import { useI18n } from '../../../i18n/useI18n';

export const OP_LABEL_KEYS: Record<ConfigOp, MessageKey> = {
  create: 'configs.op.create',
  update: 'configs.op.update',
  rollback: 'configs.op.rollback',
  'canary-promote': 'configs.op.canaryPromote',
  delete: 'configs.op.delete',
};

const OP_COLORS: Record<ConfigOp, string> = {
  create: 'green',
  update: 'blue',
  rollback: 'orange',
  'canary-promote': 'purple',
  delete: 'red',
};

export function VersionOpTag({ op }: { op: ConfigOp }) {
  const { t } = useI18n();
  return (
    <Tag color={OP_COLORS[op]} data-testid="config-version-op">
      {t(OP_LABEL_KEYS[op])}
    </Tag>
  );
}

import { DeleteOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/useI18n';

export interface ConfirmDeleteButtonProps {
  label: ReactNode; // the button text, also the confirm button's
  ariaLabel: string;
  title: ReactNode;
  description: ReactNode;
  onConfirm: () => void | Promise<void>;
  disabled?: boolean;
  disabledHint?: ReactNode; // given: a tooltip wraps the button and shows this while disabled
}

// A small danger link button in a table's action column that asks before deleting.
export function ConfirmDeleteButton({
  label,
  ariaLabel,
  title,
  description,
  onConfirm,
  disabled,
  disabledHint,
}: ConfirmDeleteButtonProps) {
  const { t } = useI18n();
  const button = (
    <Button
      type="link"
      size="small"
      danger
      disabled={disabled}
      icon={<DeleteOutlined />}
      aria-label={ariaLabel}
    >
      {label}
    </Button>
  );
  return (
    <Popconfirm
      title={title}
      description={description}
      okText={label}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true }}
      onConfirm={onConfirm}
      disabled={disabled}
    >
      {disabledHint === undefined ? (
        button
      ) : (
        <Tooltip title={disabled ? disabledHint : undefined}>{button}</Tooltip>
      )}
    </Popconfirm>
  );
}

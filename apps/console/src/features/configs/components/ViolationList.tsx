import { Alert, Button } from 'antd';
import type { FieldViolation } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import { presentViolations } from '../config-validation';

export interface ViolationListProps {
  violations: readonly FieldViolation[];
  onReveal?: (place: { line: number; column: number }) => void;
  testId?: string;
}

// The problems the server found, under the editor; a place is a button that moves the cursor there.
export function ViolationList({ violations, onReveal, testId = 'config-violations' }: ViolationListProps) {
  const { t } = useI18n();
  const { items } = presentViolations(violations);
  if (!items.length) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginTop: 12 }}
      title={t('configs.validation.listTitle')}
      data-testid={testId}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {items.map((item, index) => (
            <li key={index} data-testid="config-violation" data-line={item.line}>
              {item.line !== undefined ? (
                <Button
                  type="link"
                  size="small"
                  style={{ padding: 0, height: 'auto' }}
                  onClick={() => onReveal?.({ line: item.line ?? 1, column: item.column ?? 1 })}
                >
                  {t('configs.validation.place', { line: item.line, column: item.column ?? 1 })}
                </Button>
              ) : (
                <code>{item.field}</code>
              )}{' '}
              {item.message}
            </li>
          ))}
        </ul>
      }
    />
  );
}

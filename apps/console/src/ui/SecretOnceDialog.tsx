import { Alert, Button, Modal, Typography, theme } from 'antd';

export interface SecretOnceDialogProps {
  secret?: string; // undefined: closed
  title: string;
  warning: string;
  usage: string;
  doneLabel: string;
  copyLabels: [string, string]; // before and after copying
  testId: string; // the value is `${testId}-value`, the button `${testId}-done`
  onClose: () => void;
}

// Shows a new secret (an access token, a signing secret) the only time the console knows it.
// Closed only by acknowledging: closing forgets it, and the server never shows it again.
export function SecretOnceDialog({ secret, title, warning, usage, doneLabel, copyLabels, testId, onClose }: SecretOnceDialogProps) {
  const { token } = theme.useToken();
  return (
    <Modal
      open={secret !== undefined}
      title={title}
      onCancel={onClose}
      closable={false}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose} data-testid={`${testId}-done`}>
          {doneLabel}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={warning} style={{ marginBottom: 16 }} />
      <Typography.Paragraph
        copyable={{ text: secret, tooltips: copyLabels }}
        style={{
          fontFamily: token.fontFamilyCode,
          background: token.colorFillQuaternary,
          border: `1px solid ${token.colorBorderSecondary}`,
          borderRadius: token.borderRadius,
          padding: '8px 12px',
          wordBreak: 'break-all',
        }}
        data-testid={`${testId}-value`}
      >
        {secret}
      </Typography.Paragraph>
      <Typography.Text type="secondary">{usage}</Typography.Text>
    </Modal>
  );
}

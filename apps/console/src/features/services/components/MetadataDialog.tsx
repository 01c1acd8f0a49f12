import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Typography } from 'antd';
import { NAMING_RULES, type InstanceView } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import { FormDialog } from '../../../ui/FormDialog';
import {
  entriesToMetadata,
  metadataEntries,
  metadataKeyProblem,
  metadataValueProblem,
  type MetadataEntry,
} from '../instance-edits';
import { instanceAddress } from '../instance-format';

interface MetadataFormValues {
  entries: Partial<MetadataEntry>[];
}

export interface MetadataDialogProps {
  open: boolean;
  instance: InstanceView | undefined;
  onSubmit: (instance: InstanceView, metadata: Record<string, string>) => Promise<void>;
  onCancel: () => void;
}

const FIELDS = ['entries'] as const;

// Edits the metadata of an instance as key/value rows; the whole map is sent on save.
export function MetadataDialog({ open, instance, onSubmit, onCancel }: MetadataDialogProps) {
  const { t } = useI18n();
  return (
    <FormDialog<MetadataFormValues>
      open={open}
      name="instance-metadata"
      title={instance ? t('services.metadata.title', { address: instanceAddress(instance) }) : ''}
      okText={t('services.save')}
      submitTestId="instance-metadata-submit"
      fields={FIELDS}
      initialValues={{ entries: instance ? metadataEntries(instance.metadata) : [] }}
      onSubmit={async ({ entries }) => {
        if (instance) await onSubmit(instance, entriesToMetadata(entries ?? []));
      }}
      onCancel={onCancel}
    >
      <Form.List name="entries">
        {(rows, { add, remove }) => (
          <>
            {rows.length === 0 && (
              <Typography.Paragraph type="secondary">
                {t('services.metadata.empty')}
              </Typography.Paragraph>
            )}
            {rows.length > 0 && (
              <Flex gap={8} aria-hidden style={{ marginBottom: 4 }}>
                <Typography.Text strong style={{ flex: '0 0 38%' }}>
                  {t('services.metadata.key')}
                </Typography.Text>
                <Typography.Text strong style={{ flex: 1 }}>
                  {t('services.metadata.value')}
                </Typography.Text>
              </Flex>
            )}
            {rows.map((row, index) => (
              <Flex key={row.key} gap={8} align="flex-start">
                <Form.Item
                  name={[row.name, 'key']}
                  style={{ flex: '0 0 38%', marginBottom: 8 }}
                  rules={[
                    ({ getFieldValue }) => ({
                      validator: async (_rule, value: string | undefined) => {
                        const keys = (
                          (getFieldValue('entries') ?? []) as Partial<MetadataEntry>[]
                        ).map((e) => e?.key ?? '');
                        const problem = metadataKeyProblem(value ?? '', keys, t);
                        if (problem) throw new Error(problem);
                      },
                    }),
                  ]}
                >
                  <Input
                    aria-label={t('services.metadata.keyAria', { index: index + 1 })}
                    autoFocus={index === rows.length - 1}
                    data-testid="metadata-key"
                  />
                </Form.Item>
                <Form.Item
                  name={[row.name, 'value']}
                  style={{ flex: 1, marginBottom: 8 }}
                  rules={[
                    {
                      validator: async (_rule, value: string | undefined) => {
                        const problem = metadataValueProblem(value ?? '', t);
                        if (problem) throw new Error(problem);
                      },
                    },
                  ]}
                >
                  <Input
                    aria-label={t('services.metadata.valueAria', { index: index + 1 })}
                    data-testid="metadata-value"
                  />
                </Form.Item>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('services.metadata.removeAria', { index: index + 1 })}
                  onClick={() => remove(row.name)}
                />
              </Flex>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              block
              disabled={rows.length >= NAMING_RULES.maxMetadataEntries}
              onClick={() => add({ key: '', value: '' })}
              data-testid="metadata-add"
            >
              {t('services.metadata.add')}
            </Button>
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
              {t('services.metadata.help', { max: NAMING_RULES.maxMetadataEntries })}
            </Typography.Paragraph>
          </>
        )}
      </Form.List>
    </FormDialog>
  );
}

import { Form, Select } from 'antd';
import { NAMING_RULES, type InstanceView } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import { FormDialog } from '../../../ui/FormDialog';
import { tagsProblem } from '../instance-edits';
import { instanceAddress } from '../instance-format';

interface TagsFormValues {
  tags: string[];
}

export interface TagsDialogProps {
  open: boolean;
  instance: InstanceView | undefined;
  onSubmit: (instance: InstanceView, tags: string[]) => Promise<void>;
  onCancel: () => void;
}

const FIELDS = ['tags'] as const;

// Edits every tag of an instance (the canary tag included).
export function TagsDialog({ open, instance, onSubmit, onCancel }: TagsDialogProps) {
  const { t } = useI18n();
  return (
    <FormDialog<TagsFormValues>
      open={open}
      name="instance-tags"
      title={instance ? t('services.tags.title', { address: instanceAddress(instance) }) : ''}
      okText={t('services.save')}
      submitTestId="instance-tags-submit"
      fields={FIELDS}
      initialValues={{ tags: instance?.tags ?? [] }}
      onSubmit={async ({ tags }) => {
        if (instance) await onSubmit(instance, tags.map((tag) => tag.trim()).filter(Boolean));
      }}
      onCancel={onCancel}
    >
      <Form.Item
        name="tags"
        label={t('services.tags.label')}
        extra={t('services.tags.help', { max: NAMING_RULES.maxTags })}
        rules={[
          {
            validator: async (_rule, value: string[] | undefined) => {
              const problem = tagsProblem(value ?? [], t);
              if (problem) throw new Error(problem);
            },
          },
        ]}
      >
        <Select
          mode="tags"
          open={false}
          suffixIcon={null}
          tokenSeparators={[',', ' ']}
          placeholder={t('services.tags.placeholder')}
          autoFocus
          data-testid="instance-tags-input"
        />
      </Form.Item>
    </FormDialog>
  );
}

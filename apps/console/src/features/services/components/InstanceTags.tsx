import { EditOutlined, ExperimentOutlined } from '@ant-design/icons';
import { Button, Flex, Tag, Typography } from 'antd';
import { CANARY_TAG, type InstanceView } from '@switchboard/shared';
import { useState } from 'react';
import { useI18n } from '../../../i18n/useI18n';
import { instanceAddress } from '../instance-format';

export interface InstanceTagsProps {
  instance: InstanceView;
  canWrite: boolean;
  onToggleCanary: () => Promise<unknown>;
  onEdit: () => void;
}

// The tags of an instance, with a one-click canary toggle and an editor for the rest.
export function InstanceTags({ instance, canWrite, onToggleCanary, onEdit }: InstanceTagsProps) {
  const { t } = useI18n();
  const [saving, setSaving] = useState(false);
  const address = instanceAddress(instance);
  const isCanary = instance.tags.includes(CANARY_TAG);

  const toggle = async () => {
    setSaving(true);
    try {
      await onToggleCanary();
    } catch {
      // shown by the page
    } finally {
      setSaving(false);
    }
  };

  const tagList = instance.tags.length > 0 && (
    <Flex gap={4} wrap>
      {instance.tags.map((tag) => (
        <Tag
          key={tag}
          color={tag === CANARY_TAG ? 'orange' : undefined}
          style={{ marginInlineEnd: 0 }}
          data-testid="instance-tag"
        >
          {tag}
        </Tag>
      ))}
    </Flex>
  );
  if (!canWrite)
    return (
      <div data-testid="instance-tags">
        {tagList || (
          <Typography.Text type="secondary">{t('services.instances.noTags')}</Typography.Text>
        )}
      </div>
    );
  // The tags, and under them the canary toggle and the editor, always in the same place.
  return (
    <Flex vertical gap={6} align="flex-start" data-testid="instance-tags">
      {tagList}
      <Flex gap={4} align="center">
        <Button
          size="small"
          type={isCanary ? 'default' : 'dashed'}
          icon={<ExperimentOutlined />}
          loading={saving}
          aria-label={t(
            isCanary
              ? 'services.instances.canary.remove.aria'
              : 'services.instances.canary.add.aria',
            { address, tag: CANARY_TAG },
          )}
          onClick={() => void toggle()}
          data-testid="instance-canary-toggle"
        >
          {t(isCanary ? 'services.instances.canary.remove' : 'services.instances.canary.add', {
            tag: CANARY_TAG,
          })}
        </Button>
        <Button
          type="text"
          size="small"
          icon={<EditOutlined />}
          aria-label={t('services.instances.tags.edit.aria', { address })}
          onClick={onEdit}
          data-testid="instance-tags-edit"
        />
      </Flex>
    </Flex>
  );
}

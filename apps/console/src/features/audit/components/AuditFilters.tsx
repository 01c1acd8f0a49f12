import { SearchOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Select } from 'antd';
import type { ListAuditQuery, NamespaceView } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';

type RangeValue = Parameters<NonNullable<Parameters<typeof DatePicker.RangePicker>[0]['onChange']>>[0];

interface FilterValues {
  actor?: string;
  action?: string;
  namespaceId?: string;
  range?: RangeValue;
}

export type AuditFilter = Pick<ListAuditQuery, 'actor' | 'action' | 'namespaceId' | 'since' | 'until'>;

export interface AuditFiltersProps {
  namespaces: NamespaceView[];
  onChange: (filter: AuditFilter) => void;
}

const text = (value?: string) => value?.trim() || undefined;

export function AuditFilters({ namespaces, onChange }: AuditFiltersProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<FilterValues>();

  const apply = (values: FilterValues) =>
    onChange({
      actor: text(values.actor),
      action: text(values.action),
      namespaceId: values.namespaceId || undefined,
      since: values.range?.[0]?.toISOString(),
      until: values.range?.[1]?.toISOString(),
    });

  return (
    <Form<FilterValues>
      form={form}
      name="audit-filters"
      layout="inline"
      onFinish={apply}
      style={{ rowGap: 12, marginBottom: 16 }}
    >
      <Form.Item name="actor" label={t('audit.filter.actor')}>
        <Input allowClear style={{ width: 150 }} data-testid="audit-filter-actor" />
      </Form.Item>
      <Form.Item name="action" label={t('audit.filter.action')}>
        <Input
          allowClear
          placeholder={t('audit.filter.action.placeholder')}
          style={{ width: 170 }}
          data-testid="audit-filter-action"
        />
      </Form.Item>
      <Form.Item name="namespaceId" label={t('audit.filter.namespace')}>
        <Select
          allowClear
          showSearch
          placeholder={t('audit.filter.namespace.all')}
          style={{ width: 160 }}
          options={namespaces.map((ns) => ({ value: ns.namespaceId, label: ns.namespaceId }))}
        />
      </Form.Item>
      <Form.Item name="range" label={t('audit.filter.range')}>
        <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
      </Form.Item>
      <Form.Item style={{ marginInlineEnd: 8 }}>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
          {t('audit.filter.apply')}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            form.resetFields();
            apply({});
          }}
        >
          {t('audit.filter.reset')}
        </Button>
      </Form.Item>
    </Form>
  );
}

import { SearchOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Radio, Select } from 'antd';
import { useEffect } from 'react';
import { DEFAULT_GROUP } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import { EMPTY_SEARCH, type ConfigSearch } from '../config-search';

export interface ConfigSearchFormProps {
  value: ConfigSearch;
  onSearch: (search: ConfigSearch) => void;
}

// Search by data ID, group, application and tags; exact, or fuzzy where "*" matches anything.
export function ConfigSearchForm({ value, onSearch }: ConfigSearchFormProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<ConfigSearch>();
  // The URL is the source: back/forward or a shared link fills the form.
  useEffect(() => form.setFieldsValue(value), [form, value]);

  return (
    <Form<ConfigSearch>
      form={form}
      name="config-search"
      layout="inline"
      initialValues={value}
      onFinish={(values) => onSearch({ ...EMPTY_SEARCH, ...values })}
      style={{ rowGap: 12, marginBottom: 16 }}
      role="search"
      aria-label={t('configs.search.label')}
    >
      <Form.Item name="dataId" label={t('configs.field.dataId')}>
        <Input allowClear autoComplete="off" placeholder={t('configs.search.dataId')} style={{ width: 200 }} data-testid="config-search-dataId" />
      </Form.Item>
      <Form.Item name="group" label={t('configs.field.group')}>
        <Input allowClear autoComplete="off" placeholder={DEFAULT_GROUP} style={{ width: 180 }} data-testid="config-search-group" />
      </Form.Item>
      <Form.Item name="appName" label={t('configs.field.appName')}>
        <Input allowClear autoComplete="off" style={{ width: 140 }} data-testid="config-search-appName" />
      </Form.Item>
      <Form.Item name="tags" label={t('configs.field.tags')}>
        <Select mode="tags" allowClear open={false} suffixIcon={null} tokenSeparators={[',', ' ']} style={{ minWidth: 140 }} />
      </Form.Item>
      <Form.Item name="mode" label={t('configs.search.mode')} tooltip={t('configs.search.modeHint')}>
        <Radio.Group optionType="button">
          <Radio.Button value="exact">{t('configs.search.exact')}</Radio.Button>
          <Radio.Button value="blur">{t('configs.search.blur')}</Radio.Button>
        </Radio.Group>
      </Form.Item>
      <Flex gap={8}>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="config-search-submit">
          {t('configs.search.submit')}
        </Button>
        <Button
          onClick={() => {
            form.setFieldsValue(EMPTY_SEARCH);
            onSearch(EMPTY_SEARCH);
          }}
        >
          {t('configs.search.reset')}
        </Button>
      </Flex>
    </Form>
  );
}

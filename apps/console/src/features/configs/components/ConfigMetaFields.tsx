import { Col, Form, Input, Row, Select } from 'antd';
import { CONFIG_RULES, DEFAULT_GROUP } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import { configFieldRules } from '../config-form';

// Compact rows: the editor below should stay in view on a laptop screen.
const ITEM = { marginBottom: 12 };

// The identity and attributes of a new config (the format is chosen beside the editor).
export function ConfigMetaFields() {
  const { t } = useI18n();
  return (
    <Row gutter={16}>
      <Col xs={24} lg={8}>
        <Form.Item style={ITEM} name="dataId" label={t('configs.field.dataId')} tooltip={t('configs.field.dataId.help')} rules={configFieldRules('dataId', t)} validateFirst>
          <Input autoFocus autoComplete="off" maxLength={CONFIG_RULES.dataIdMaxLength} placeholder="order-service.yaml" data-testid="config-form-dataId" />
        </Form.Item>
      </Col>
      <Col xs={24} lg={8}>
        <Form.Item style={ITEM} name="group" label={t('configs.field.group')} tooltip={t('configs.field.group.help')} rules={configFieldRules('group', t)}>
          <Input autoComplete="off" maxLength={CONFIG_RULES.groupMaxLength} placeholder={DEFAULT_GROUP} data-testid="config-form-group" />
        </Form.Item>
      </Col>
      <Col xs={24} lg={8}>
        <Form.Item style={ITEM} name="appName" label={t('configs.field.appName')} rules={configFieldRules('appName', t)}>
          <Input autoComplete="off" maxLength={CONFIG_RULES.appNameMaxLength} data-testid="config-form-appName" />
        </Form.Item>
      </Col>
      <Col xs={24} lg={8}>
        <Form.Item style={ITEM} name="tags" label={t('configs.field.tags')} tooltip={t('configs.field.tags.help')} rules={configFieldRules('tags', t)}>
          <Select mode="tags" tokenSeparators={[',', ' ']} open={false} suffixIcon={null} data-testid="config-form-tags" />
        </Form.Item>
      </Col>
      <Col xs={24} lg={16}>
        <Form.Item style={ITEM} name="description" label={t('configs.field.description')} rules={configFieldRules('description', t)}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={CONFIG_RULES.descriptionMaxLength} data-testid="config-form-description" />
        </Form.Item>
      </Col>
    </Row>
  );
}

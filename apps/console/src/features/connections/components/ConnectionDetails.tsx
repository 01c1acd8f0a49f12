import { CloudServerOutlined, FileTextOutlined } from '@ant-design/icons';
import { Col, Descriptions, Flex, Row, Tag, Typography, theme } from 'antd';
import type { SdkConnectionView } from '@switchboard/shared';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n/useI18n';
import { namespacePath } from '../../../namespace/current-namespace';
import { labelEntries } from '../connection-list';

// What a connection uses in the namespace: the services it subscribes to and the configs it
// listens to, each linking to its page, and who the connection is.
export function ConnectionDetails({ connection }: { connection: SdkConnectionView }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const code = { fontFamily: token.fontFamilyCode, fontSize: 12 };
  const { subscriptions, listenedConfigs } = connection;

  return (
    <div data-testid="connection-details" data-connection-id={connection.connectionId} style={{ paddingBlock: 4 }}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'id', label: t('connections.details.id'), children: <span style={code}>{connection.connectionId}</span> },
          { key: 'remote', label: t('connections.details.remote'), children: <span style={code}>{connection.remoteAddress}</span> },
          { key: 'namespace', label: t('connections.details.namespace'), children: connection.namespaceId },
          {
            key: 'labels',
            label: t('connections.details.labels'),
            span: 'filled',
            children: (
              <Flex gap={4} wrap data-testid="connection-all-labels">
                {labelEntries(connection.labels).map(([key, value]) => (
                  <Tag key={key} style={{ marginInlineEnd: 0 }} data-testid="connection-detail-label">
                    {key}={value}
                  </Tag>
                ))}
              </Flex>
            ),
          },
        ]}
      />
      <Row gutter={[24, 12]}>
        <Col xs={24} lg={12}>
          <Section
            title={t('connections.details.subscriptions', { count: subscriptions.length })}
            empty={t('connections.details.noSubscriptions')}
            testId="connection-subscriptions"
            items={subscriptions.map((s) => ({
              key: `${s.groupName}@@${s.serviceName}#${s.clusters}`,
              icon: <CloudServerOutlined />,
              group: s.groupName,
              link: (
                <Link to={namespacePath(s.namespaceId, 'services', s.groupName, s.serviceName)} data-testid="connection-service-link">
                  {s.serviceName}
                </Link>
              ),
              extra: s.clusters ? (
                <Tag style={{ marginInlineEnd: 0 }}>{t('connections.details.clusters', { clusters: s.clusters })}</Tag>
              ) : (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('connections.details.allClusters')}
                </Typography.Text>
              ),
            }))}
          />
        </Col>
        <Col xs={24} lg={12}>
          <Section
            title={t('connections.details.configs', { count: listenedConfigs.length })}
            empty={t('connections.details.noConfigs')}
            testId="connection-configs"
            items={listenedConfigs.map((c) => ({
              key: `${c.group}/${c.dataId}`,
              icon: <FileTextOutlined />,
              group: c.group,
              link: (
                <Link to={namespacePath(c.namespaceId, 'configs', c.group, c.dataId)} data-testid="connection-config-link">
                  {c.dataId}
                </Link>
              ),
            }))}
          />
        </Col>
      </Row>
    </div>
  );
}

interface SectionItem {
  key: string;
  icon: ReactNode;
  group: string;
  link: ReactNode;
  extra?: ReactNode;
}

function Section({ title, empty, items, testId }: { title: string; empty: string; items: SectionItem[]; testId: string }) {
  return (
    <div data-testid={testId}>
      <Typography.Text strong>{title}</Typography.Text>
      {items.length === 0 ? (
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
          {empty}
        </Typography.Paragraph>
      ) : (
        <ul style={{ listStyle: 'none', margin: '4px 0 0', padding: 0 }}>
          {items.map((item) => (
            <li key={item.key}>
              <Flex gap={8} align="center" wrap style={{ paddingBlock: 3 }}>
                <Typography.Text type="secondary">{item.icon}</Typography.Text>
                <Typography.Text type="secondary">{item.group} /</Typography.Text>
                {item.link}
                {item.extra}
              </Flex>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

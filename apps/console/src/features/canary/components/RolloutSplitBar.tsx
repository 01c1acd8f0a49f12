import { Flex, Typography, theme } from 'antd';
import { useI18n } from '../../../i18n/useI18n';
import type { Holding, RolloutSummary } from '../rollout-summary';

export interface RolloutSplitBarProps {
  summary: RolloutSummary;
  hasCanary: boolean;
}

// The share of listening clients on each version as one wide bar; widths ease so the split
// visibly converges as clients pick up their version.
export function RolloutSplitBar({ summary, hasCanary }: RolloutSplitBarProps) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const { counts, percents } = summary;
  const segments: { holds: Holding; color: string; label: string }[] = [
    { holds: 'stable', color: token.colorPrimary, label: t('canary.holds.stable') },
    { holds: 'candidate', color: token.colorWarning, label: t('canary.holds.candidate') },
    { holds: 'other', color: token.colorTextQuaternary, label: t('canary.holds.other') },
  ];
  // Stable always; the candidate while a canary runs; clients in between only while there are some.
  const shown = segments.filter(
    (s) => s.holds === 'stable' || counts[s.holds] > 0 || (s.holds === 'candidate' && hasCanary),
  );
  const description = shown
    .map((s) =>
      t('canary.split.part', {
        label: s.label,
        count: counts[s.holds],
        percent: percents[s.holds],
      }),
    )
    .join(', ');

  return (
    <div data-testid="rollout-split">
      <div
        role="img"
        aria-label={t('canary.split.aria', { total: counts.total, parts: description })}
        style={{
          display: 'flex',
          height: 40,
          borderRadius: token.borderRadiusLG,
          overflow: 'hidden',
          background: token.colorFillSecondary,
        }}
      >
        {counts.total === 0 && (
          <Typography.Text type="secondary" style={{ margin: 'auto' }}>
            {t('canary.split.empty')}
          </Typography.Text>
        )}
        {shown.map((s) =>
          counts[s.holds] ? (
            <div
              key={s.holds}
              data-testid={`rollout-bar-${s.holds}`}
              style={{
                width: `${(counts[s.holds] * 100) / counts.total}%`,
                background: s.color,
                color: '#fff',
                display: 'flex',
                alignItems: 'center',
                justifyContent: 'center',
                fontWeight: 600,
                whiteSpace: 'nowrap',
                overflow: 'hidden',
                transition: 'width 400ms ease',
              }}
            >
              {percents[s.holds] >= 8 ? `${percents[s.holds]}%` : ''}
            </div>
          ) : null,
        )}
      </div>
      <Flex gap={24} wrap style={{ marginTop: 12 }}>
        {shown.map((s) => (
          <Flex key={s.holds} align="center" gap={8}>
            <span
              aria-hidden
              style={{
                width: 12,
                height: 12,
                borderRadius: 3,
                background: s.color,
                display: 'inline-block',
              }}
            />
            <Typography.Text>{s.label}</Typography.Text>
            <Typography.Text strong data-testid={`rollout-count-${s.holds}`}>
              {counts[s.holds]}
            </Typography.Text>
            <Typography.Text type="secondary">({percents[s.holds]}%)</Typography.Text>
          </Flex>
        ))}
        <Flex align="center" gap={8} style={{ marginLeft: 'auto' }}>
          <Typography.Text type="secondary">{t('canary.split.total')}</Typography.Text>
          <Typography.Text strong data-testid="rollout-count-total">
            {counts.total}
          </Typography.Text>
        </Flex>
      </Flex>
    </div>
  );
}

import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CampaignStats } from './campaignApi';

const WIDTH = 560;
const HEIGHT = 160;
const PAD = { left: 32, right: 8, top: 8, bottom: 20 };

/** Attempts and answered calls per minute, as two bar series in a small SVG. */
export function ResultsChart({ perMinute }: { perMinute: CampaignStats['perMinute'] }) {
  const { t, i18n } = useTranslation();
  if (perMinute.length === 0)
    return (
      <Text size="xs" c="dimmed" data-testid="campaign-chart">
        {t('campaigns.noAttempts')}
      </Text>
    );
  const max = Math.max(1, ...perMinute.map((p) => p.attempts));
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const slot = innerW / perMinute.length;
  const bar = Math.max(1, Math.min(18, slot * 0.8));
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  const label = (iso: string) =>
    new Date(iso).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' });
  const every = Math.max(1, Math.ceil(perMinute.length / 8));
  return (
    <div data-testid="campaign-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        style={{ maxWidth: WIDTH }}
        role="img"
        aria-label={t('campaigns.chart')}
      >
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} stroke="#ced4da" />
        <text x={PAD.left - 4} y={y(max) + 4} fontSize="10" textAnchor="end" fill="#868e96">
          {max}
        </text>
        <text x={PAD.left - 4} y={y(0)} fontSize="10" textAnchor="end" fill="#868e96">
          0
        </text>
        {perMinute.map((point, i) => {
          const x = PAD.left + i * slot + (slot - bar) / 2;
          return (
            <g key={point.minute}>
              <title>{`${label(point.minute)}: ${point.attempts} / ${point.answered}`}</title>
              <rect x={x} y={y(point.attempts)} width={bar} height={y(0) - y(point.attempts)} fill="#a5d8ff" />
              <rect x={x} y={y(point.answered)} width={bar} height={y(0) - y(point.answered)} fill="#2f9e44" />
              {i % every === 0 && (
                <text x={x + bar / 2} y={HEIGHT - 6} fontSize="9" textAnchor="middle" fill="#868e96">
                  {label(point.minute)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <Group gap="md">
        <Text size="xs">
          <span style={{ color: '#74c0fc' }}>■</span> {t('campaigns.attempts')}
        </Text>
        <Text size="xs">
          <span style={{ color: '#2f9e44' }}>■</span> {t('campaigns.answered')}
        </Text>
      </Group>
    </div>
  );
}

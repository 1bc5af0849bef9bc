import { formatPercent } from '@/lib/stats/format';

const WIDTH = 96;
const HEIGHT = 28;

/**
 * A share per month (0–1) as a small SVG line drawn on the server; months with nothing answered leave a
 * gap. The words ("jan.: 80%; fev.: 75%…") are its text alternative.
 */
export function Sparkline({ points }: { points: { label: string; rate: number | null }[] }) {
  const step = points.length > 1 ? (WIDTH - 6) / (points.length - 1) : 0;
  const y = (rate: number) => HEIGHT - 3 - rate * (HEIGHT - 6);
  const segments: string[][] = [];
  let current: string[] = [];
  points.forEach((point, index) => {
    if (point.rate === null) {
      if (current.length) segments.push(current);
      current = [];
      return;
    }
    current.push(`${(3 + index * step).toFixed(1)},${y(point.rate).toFixed(1)}`);
  });
  if (current.length) segments.push(current);
  const description = points.map((p) => `${p.label}: ${formatPercent(p.rate)}`).join('; ');
  return (
    <svg role="img" aria-label={`No prazo por mês: ${description}`} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} className="text-brand">
      <title>{`No prazo por mês: ${description}`}</title>
      <line x1={0} x2={WIDTH} y1={HEIGHT - 3} y2={HEIGHT - 3} stroke="#64748b" strokeWidth={1} />
      {segments.map((segment, index) =>
        segment.length === 1 ? (
          <circle key={index} cx={Number(segment[0]?.split(',')[0])} cy={Number(segment[0]?.split(',')[1])} r={2.5} fill="currentColor" />
        ) : (
          <polyline key={index} points={segment.join(' ')} fill="none" stroke="currentColor" strokeWidth={2} strokeLinejoin="round" />
        ),
      )}
    </svg>
  );
}

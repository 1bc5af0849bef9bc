import type { ChartPoint } from './bar-chart';

const SLOT = 40;
const HEIGHT = 150;
const LABEL_SPACE = 34;

/**
 * A time series as an SVG column chart, drawn on the server and scaled to its box (readable from a
 * phone to a wide screen). With `summary` it is an image with that text alternative; without, it is
 * decorative and the table beside it holds the data.
 */
export function ColumnChart({ points, summary }: { points: ChartPoint[]; summary?: string }) {
  const max = Math.max(1, ...points.map((p) => p.value));
  const width = Math.max(points.length * SLOT, 240);
  const labelEvery = Math.ceil(points.length / 13);
  const a11y = summary ? { role: 'img', 'aria-label': summary } : { 'aria-hidden': true as const, focusable: 'false' as const };
  return (
    <svg {...a11y} viewBox={`0 0 ${width} ${HEIGHT + LABEL_SPACE}`} className="mt-3 h-auto w-full max-w-3xl text-slate-800">
      <line x1={0} x2={width} y1={HEIGHT} y2={HEIGHT} stroke="currentColor" strokeWidth={1} />
      {points.map((point, index) => {
        const barHeight = (point.value / max) * (HEIGHT - 20);
        const x = index * SLOT + 5;
        const [month, year] = point.label.includes(' ') ? [point.label.split(' ')[0] ?? '', point.label.split(' ').slice(-1)[0] ?? ''] : [point.label.slice(0, 5), ''];
        return (
          <g key={`${point.label}-${index}`}>
            <rect x={x} y={HEIGHT - barHeight} width={SLOT - 10} height={barHeight} className="fill-brand" />
            <title>{`${point.label}: ${point.display}`}</title>
            {index % labelEvery === 0 && (
              <text x={x + (SLOT - 10) / 2} y={HEIGHT + 15} textAnchor="middle" fontSize={13} fill="currentColor">
                {month}
              </text>
            )}
            {index % labelEvery === 0 && year && (
              <text x={x + (SLOT - 10) / 2} y={HEIGHT + 30} textAnchor="middle" fontSize={12} fill="currentColor">
                {year}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

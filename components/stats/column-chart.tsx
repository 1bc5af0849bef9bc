import type { ChartPoint } from './bar-chart';

const HEIGHT = 160;
const LABEL_SPACE = 36;

/** A time series as an SVG column chart, drawn on the server. Decorative: the table below holds the data. */
export function ColumnChart({ points }: { points: ChartPoint[] }) {
  const max = Math.max(1, ...points.map((p) => p.value));
  const slot = Math.max(28, Math.min(56, Math.floor(640 / Math.max(1, points.length))));
  const width = Math.max(points.length * slot, 200);
  const labelEvery = Math.ceil(points.length / 18);
  return (
    <div aria-hidden="true" className="mt-3 overflow-x-auto">
      <svg width={width} height={HEIGHT + LABEL_SPACE} viewBox={`0 0 ${width} ${HEIGHT + LABEL_SPACE}`} role="presentation" className="max-w-none text-slate-800">
        <line x1={0} x2={width} y1={HEIGHT} y2={HEIGHT} stroke="currentColor" strokeWidth={1} />
        {points.map((point, index) => {
          const barHeight = (point.value / max) * (HEIGHT - 16);
          const x = index * slot + 4;
          return (
            <g key={`${point.label}-${index}`}>
              <rect x={x} y={HEIGHT - barHeight} width={slot - 8} height={barHeight} className="fill-brand" />
              <title>{`${point.label}: ${point.display}`}</title>
              {index % labelEvery === 0 && (
                <text x={x + (slot - 8) / 2} y={HEIGHT + 14} textAnchor="middle" fontSize={10} fill="currentColor">
                  {point.label.includes(' ') ? point.label.slice(0, 3) : point.label.slice(0, 5)}
                </text>
              )}
              {index % labelEvery === 0 && point.label.includes(' ') && (
                <text x={x + (slot - 8) / 2} y={HEIGHT + 27} textAnchor="middle" fontSize={10} fill="currentColor">
                  {point.label.split(' ').slice(-1)[0]}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </div>
  );
}

export type ChartPoint = { label: string; value: number; display: string };

/**
 * Horizontal bars, one per row, longest first as the table orders them: the label and the number are
 * text (read by screen readers and never shrunk), each bar an SVG drawn on the server.
 */
export function BarChart({ points, label }: { points: ChartPoint[]; label?: string }) {
  const max = Math.max(1, ...points.map((p) => p.value));
  return (
    <ul className="mt-3 space-y-2 sm:space-y-1" aria-label={label}>
      {points.map((point, index) => (
        <li key={`${point.label}-${index}`} className="text-sm sm:grid sm:grid-cols-[minmax(8rem,16rem)_1fr] sm:items-center sm:gap-2">
          <span className="block text-slate-800 sm:truncate" title={point.label}>
            {point.label}
          </span>
          <span className="flex items-center gap-2">
            <svg aria-hidden="true" focusable="false" className="h-4 min-w-0 flex-1" viewBox="0 0 100 16" preserveAspectRatio="none">
              <rect x={0} y={0} width={Math.max(point.value > 0 ? 0.5 : 0, (point.value / max) * 100)} height={16} className="fill-brand" />
            </svg>
            <span className="w-20 shrink-0 text-right tabular-nums text-slate-800">{point.display}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

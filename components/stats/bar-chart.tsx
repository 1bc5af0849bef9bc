export type ChartPoint = { label: string; value: number; display: string };

/** Horizontal bars in CSS: one per row, longest first as the table orders them. The table carries the numbers for assistive technology. */
export function BarChart({ points }: { points: ChartPoint[] }) {
  const max = Math.max(1, ...points.map((p) => p.value));
  return (
    <div aria-hidden="true" className="mt-3 space-y-1">
      {points.map((point, index) => (
        <div key={`${point.label}-${index}`} className="grid grid-cols-[minmax(8rem,16rem)_1fr] items-center gap-2 text-sm">
          <span className="truncate text-slate-800" title={point.label}>
            {point.label}
          </span>
          <span className="flex items-center gap-2">
            <span className="block h-4 rounded-sm bg-brand print:border print:border-slate-900" style={{ width: `${(point.value / max) * 85}%`, minWidth: point.value > 0 ? '2px' : 0 }} />
            <span className="tabular-nums text-slate-800">{point.display}</span>
          </span>
        </div>
      ))}
    </div>
  );
}

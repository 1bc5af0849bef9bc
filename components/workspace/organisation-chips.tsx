import { PRIORITY_BADGES, PRIORITY_LABELS, isLegalPriority } from '@/lib/domain/priorities';
import type { DemandPriority } from '@/lib/domain/vocabulary';

/** A demand's priority as a badge (nothing for "normal"); the full legal label is read by screen readers too. */
export function PriorityBadge({ priority }: { priority: DemandPriority }) {
  if (priority === 'normal') return null;
  const tone = isLegalPriority(priority) ? 'border-violet-800 bg-violet-50 text-violet-950' : 'border-red-800 bg-red-50 text-red-950';
  return (
    <span className={`inline-block rounded border px-1.5 text-sm font-semibold ${tone}`} title={PRIORITY_LABELS[priority]}>
      <span aria-hidden="true">{PRIORITY_BADGES[priority]}</span>
      <span className="sr-only">{PRIORITY_LABELS[priority]}</span>
    </span>
  );
}

/** A demand's etiquetas as chips. */
export function TagChips({ names }: { names: string[] }) {
  if (!names.length) return null;
  return (
    <ul aria-label="Etiquetas" className="flex flex-wrap gap-1">
      {names.map((name) => (
        <li key={name} className="rounded-full border border-slate-500 bg-slate-100 px-2 text-sm text-slate-900">
          {name}
        </li>
      ))}
    </ul>
  );
}

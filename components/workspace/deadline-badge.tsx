import { deadlineStatus } from '@/lib/domain/deadlines';
import { formatDate } from '@/lib/domain/labels';
import type { DemandState } from '@/lib/domain/vocabulary';

const FINISHED: DemandState[] = ['answered', 'closed', 'archived'];

/** "Vence em 12/05/2026 (faltam 3 dias)", in a colour and a word that say the same thing. */
export function DeadlineBadge({ dueOn, state, suspendedAt, now, compact = false }: { dueOn: string; state: DemandState; suspendedAt: Date | null; now: Date; compact?: boolean }) {
  const date = formatDate(dueOn);
  if (FINISHED.includes(state)) return <span className="text-slate-700">Prazo era {date}</span>;
  if (state === 'awaiting_citizen') {
    return (
      <span className="rounded bg-slate-200 px-2 py-0.5 text-slate-900">
        Prazo suspenso{suspendedAt ? ` desde ${formatDate(suspendedAt)}` : ''}
        {compact ? '' : ` (era ${date})`}
      </span>
    );
  }
  const { daysLeft, status } = deadlineStatus(dueOn, now);
  if (status === 'overdue') {
    const late = -daysLeft;
    return (
      <span className="rounded bg-red-100 px-2 py-0.5 font-semibold text-red-900">
        Atrasada há {late} {late === 1 ? 'dia' : 'dias'} (venceu {date})
      </span>
    );
  }
  const left = daysLeft === 0 ? 'vence hoje' : `faltam ${daysLeft} ${daysLeft === 1 ? 'dia' : 'dias'}`;
  return (
    <span className={status === 'due_soon' ? 'rounded bg-amber-100 px-2 py-0.5 font-semibold text-amber-950' : 'rounded bg-green-50 px-2 py-0.5 text-green-900'}>
      {date} ({left})
    </span>
  );
}

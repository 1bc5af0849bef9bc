import { formatDate } from '@/lib/domain/labels';
import type { DeadlineStatus } from '@/lib/domain/deadlines';

type Deadline = { daysLeft: number; status: DeadlineStatus; suspended: boolean };

/** The due date in words the citizen can act on: days left, due today, or days overdue. */
export function DeadlineNote({ dueOn, deadline }: { dueOn: string; deadline: Deadline | null }) {
  // Answered, closed or archived: the date is history, not a countdown.
  if (!deadline) return <>{formatDate(dueOn)}</>;
  if (deadline.suspended) {
    return <>{formatDate(dueOn)} — prazo suspenso enquanto aguardamos a sua complementação</>;
  }
  const { daysLeft, status } = deadline;
  const tone = status === 'overdue' ? 'text-red-800' : status === 'due_soon' ? 'text-amber-900' : 'text-green-900';
  const words =
    status === 'overdue'
      ? `vencido há ${-daysLeft} ${daysLeft === -1 ? 'dia' : 'dias'}`
      : daysLeft === 0
        ? 'vence hoje'
        : `faltam ${daysLeft} ${daysLeft === 1 ? 'dia' : 'dias'}`;
  return (
    <>
      {formatDate(dueOn)} <strong className={tone}>({words})</strong>
    </>
  );
}

import { formatDateTime } from '@/lib/domain/labels';

export type TimelineEvent = { id: number; label: string; stateLabel: string; actorLabel: string; body: string; createdAt: Date };

/** A demand's public movements, oldest first, as the citizen sees them. */
export function Timeline({ events, headingLevel = 'h3' }: { events: TimelineEvent[]; headingLevel?: 'h2' | 'h3' | 'h4' }) {
  const Heading = headingLevel;
  if (!events.length) return <p>Nenhuma movimentação pública ainda.</p>;
  return (
    <ol className="relative space-y-6 border-l-2 border-slate-400 pl-6">
      {events.map((event) => (
        <li key={event.id} className="relative">
          <span aria-hidden="true" className="absolute -left-[33px] top-1.5 h-4 w-4 rounded-full border-2 border-white bg-brand" />
          <Heading className="font-bold">{event.label}</Heading>
          <p className="text-sm text-slate-700">
            <time dateTime={event.createdAt.toISOString()}>{formatDateTime(event.createdAt)}</time> · {event.actorLabel} · situação:{' '}
            {event.stateLabel}
          </p>
          {event.body && <p className="mt-1 whitespace-pre-line">{event.body}</p>}
        </li>
      ))}
    </ol>
  );
}

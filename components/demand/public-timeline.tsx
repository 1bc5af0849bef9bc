import { EVENT_LABELS, formatDateTime } from '@/lib/domain/labels';
import type { DemandEventType } from '@/lib/domain/vocabulary';

/** The public history of a demand, oldest first, with the files each movement carried. */

export type TimelineEvent = {
  id: number;
  type: DemandEventType;
  actorLabel: string;
  body: string;
  createdAt: Date;
  attachments: { id: string; fileName: string; sizeBytes: number; href: string }[];
};

function size(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toLocaleString('pt-BR', { maximumFractionDigits: 1 })} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function PublicTimeline({ events }: { events: TimelineEvent[] }) {
  return (
    <ol className="space-y-4 border-l-2 border-slate-300 pl-4">
      {events.map((event) => (
        <li key={event.id}>
          <p className="font-semibold">
            {EVENT_LABELS[event.type]} <span className="font-normal text-slate-700">— {event.actorLabel}</span>
          </p>
          <p className="text-sm text-slate-700">
            <time dateTime={event.createdAt.toISOString()}>{formatDateTime(event.createdAt)}</time>
          </p>
          {event.body && <p className="mt-1 whitespace-pre-wrap">{event.body}</p>}
          {event.attachments.length > 0 && (
            <ul className="mt-2 space-y-1" aria-label="Anexos">
              {event.attachments.map((file) => (
                <li key={file.id}>
                  <a className="text-brand underline" href={file.href}>
                    {file.fileName}
                  </a>{' '}
                  <span className="text-sm text-slate-700">({size(file.sizeBytes)})</span>
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}

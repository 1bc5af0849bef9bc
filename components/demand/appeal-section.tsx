import type { ReactNode } from 'react';
import { formatDate } from '@/lib/domain/labels';
import { DEADLINE_DAYS } from '@/lib/domain/deadlines';
import type { CitizenAppealStatus } from '@/lib/demands/information-requests';

/**
 * "Recorrer" on the requester's pages: what may be filed now, until when, who decides and what happens
 * next, in plain Portuguese; and the appeals waiting for a decision, with their deadline.
 */
export function AppealSection({ appeals, form }: { appeals: CitizenAppealStatus; form: ReactNode }) {
  const { option, pending } = appeals;
  if (!option && !pending.length) return null;
  return (
    <section aria-labelledby="recorrer" className="rounded border-2 border-accent p-4">
      <h2 id="recorrer" className="text-lg font-semibold">
        {option?.kind === 'omission_complaint' ? 'Reclamar da falta de resposta' : 'Recorrer'}
      </h2>
      {pending.map((appeal) => (
        <p key={`${appeal.kind}-${appeal.instance}`} className="mt-2">
          {appeal.kind === 'omission_complaint' ? 'Sua reclamação por omissão' : `Seu recurso de ${appeal.instance}ª instância`} está em análise e deve ser
          decidido até <strong>{formatDate(appeal.dueOn)}</strong>.
        </p>
      ))}
      {option?.kind === 'appeal' && (
        <div className="mt-2 space-y-2">
          <p>
            Se você discorda da resposta, pode recorrer {option.instance === 2 ? 'em 2ª instância ' : ''}até <strong>{formatDate(option.lastDay)}</strong>.
          </p>
          <p>
            <strong>O que acontece depois:</strong> o recurso vai para {option.authority}, que não participou da resposta. A decisão sai em até{' '}
            {DEADLINE_DAYS.informationAppealDecision} dias e chega a você por e-mail (e WhatsApp, se você usa). Se o recurso for aceito, a Prefeitura
            precisa entregar a informação.
            {option.instance === 1 && ' Se for negado, você ainda pode recorrer mais uma vez, em 2ª instância.'}
          </p>
        </div>
      )}
      {option?.kind === 'omission_complaint' && (
        <div className="mt-2 space-y-2">
          <p>
            O prazo de resposta terminou sem resposta. Você pode reclamar até <strong>{formatDate(option.lastDay)}</strong>.
          </p>
          <p>
            <strong>O que acontece depois:</strong> a reclamação vai para {option.authority}, que tem {DEADLINE_DAYS.informationAppealDecision} dias para
            decidir e pode mandar responder o seu pedido. Você recebe a decisão por e-mail (e WhatsApp, se você usa).
          </p>
        </div>
      )}
      {option && <div className="mt-4">{form}</div>}
    </section>
  );
}

import type { Metadata } from 'next';
import { PhoneLink } from '@/components/ui/contact-links';
import Link from 'next/link';
import { FormMessage } from '@/components/demand/form-parts';
import { PublicTimeline } from '@/components/demand/public-timeline';
import { AppealForm } from '@/components/demand/appeal-form';
import { AppealSection } from '@/components/demand/appeal-section';
import { RatingForm, ReopenForm, ReplyForm } from '@/components/demand/status-link-forms';
import { formatDate, KIND_LABELS, SERVICE_LABELS, STATE_LABELS } from '@/lib/domain/labels';
import { loadPublicStatus, openStatusLink } from '@/lib/demands/status-link';
import { municipality } from '@/lib/municipality';
import { PushToggle } from '@/components/offline/push-toggle';
import { vapidPublicKey } from '@/lib/delivery/push-config';
import { appealFromStatusLink, rateFromStatusLink, reopenFromStatusLink, replyFromStatusLink } from './actions';

// The token is a credential: keep the page out of search engines and out of Referer headers to other sites
// (same-origin, not no-referrer: see lib/http/security-headers.ts).
export const metadata: Metadata = {
  title: 'Situação da sua manifestação',
  robots: { index: false, follow: false },
  referrer: 'same-origin',
};

const CONFIRMATIONS: Record<string, string> = {
  complementacao: 'Sua complementação foi enviada. O prazo de resposta voltou a contar.',
  avaliacao: 'Obrigado pela avaliação! Ela ajuda a Prefeitura a melhorar o atendimento.',
  reabertura: 'Sua manifestação foi reaberta e voltou para análise.',
  recurso: 'Seu recurso foi registrado. Você receberá a decisão por e-mail.',
  reclamacao: 'Sua reclamação por omissão foi registrada. Você receberá a decisão por e-mail.',
};

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ enviado?: string | string[] }> };

export default async function StatusLinkPage({ params, searchParams }: Props) {
  const { token } = await params;
  const { enviado } = await searchParams;
  const access = await openStatusLink(token);
  if (!access.ok) return <UnusableLink reason={access.reason} />;
  const status = await loadPublicStatus(access.demand);
  const confirmation = typeof enviado === 'string' ? CONFIRMATIONS[enviado] : undefined;
  const noun = status.service === 'balcao' ? 'solicitação' : 'manifestação';
  const pushKey = vapidPublicKey();
  // No token in the files' addresses: opening this page left a short-lived cookie that only the
  // download route receives (lib/http/status-link-cookie.ts, set by proxy.ts).
  const events = status.events.map((event) => ({
    ...event,
    attachments: event.attachments.map((file) => ({ ...file, href: `/api/anexos/${file.id}` })),
  }));

  return (
    <div className="space-y-8">
      <div>
        <p className="text-sm font-medium text-slate-700">{SERVICE_LABELS[status.service]}</p>
        <h1 className="text-2xl font-bold">Protocolo {status.protocol}</h1>
      </div>
      {confirmation && <FormMessage status="success" message={confirmation} />}

      <section aria-labelledby="situacao" className="rounded border border-slate-300 p-4">
        <h2 id="situacao" className="text-lg font-semibold">
          Situação
        </h2>
        <dl className="mt-2 grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-700">Situação atual</dt>
          <dd className="font-semibold">{STATE_LABELS[status.state]}</dd>
          <dt className="font-medium text-slate-700">Tipo</dt>
          <dd>{KIND_LABELS[status.kind]}</dd>
          <dt className="font-medium text-slate-700">{status.service === 'balcao' ? 'Serviço' : 'Assunto'}</dt>
          <dd>{status.categoryName ?? status.subject}</dd>
          <dt className="font-medium text-slate-700">Registrada em</dt>
          <dd>{formatDate(status.createdAt)}</dd>
          {['received', 'forwarded', 'in_progress'].includes(status.state) && (
            <>
              <dt className="font-medium text-slate-700">Prazo para resposta</dt>
              <dd>{formatDate(status.dueOn)}</dd>
            </>
          )}
          {status.state === 'awaiting_citizen' && (
            <>
              <dt className="font-medium text-slate-700">Prazo</dt>
              <dd>Suspenso até a sua complementação</dd>
            </>
          )}
        </dl>
      </section>

      {pushKey && !['closed', 'archived'].includes(status.state) && <PushToggle publicKey={pushKey} token={token} />}

      {status.options.canReply && (
        <section aria-labelledby="complementar" className="rounded border-2 border-accent p-4">
          <h2 id="complementar" className="text-lg font-semibold">
            Complementar a {noun}
          </h2>
          <p className="mb-4 mt-1">A Prefeitura pediu mais informações (veja o histórico abaixo). Responda aqui, com arquivos se precisar.</p>
          <ReplyForm token={token} action={replyFromStatusLink} />
        </section>
      )}

      <AppealSection
        appeals={status.appeals}
        form={
          status.appeals.option && (
            <AppealForm
              action={appealFromStatusLink}
              hidden={{ token, kind: status.appeals.option.kind }}
              submitLabel={status.appeals.option.kind === 'appeal' ? 'Enviar recurso' : 'Enviar reclamação'}
            />
          )
        }
      />

      {status.options.canRate && (
        <section aria-labelledby="avaliar" className="rounded border border-slate-300 p-4">
          <h2 id="avaliar" className="text-lg font-semibold">
            Avalie o atendimento
          </h2>
          <RatingForm token={token} action={rateFromStatusLink} />
        </section>
      )}
      {status.rating && (
        <p>
          Você avaliou o atendimento com nota {status.rating.rating} de 5 e informou que o problema {status.rating.resolved ? 'foi' : 'não foi'} resolvido.
        </p>
      )}

      {status.options.canReopen && status.options.reopenUntil && (
        <section aria-labelledby="reabrir" className="rounded border border-slate-300 p-4">
          <h2 id="reabrir" className="text-lg font-semibold">
            A resposta não resolveu?
          </h2>
          <ReopenForm token={token} action={reopenFromStatusLink} until={formatDate(status.options.reopenUntil)} />
        </section>
      )}

      <section aria-labelledby="historico">
        <h2 id="historico" className="mb-3 text-lg font-semibold">
          Histórico
        </h2>
        <PublicTimeline events={events} />
      </section>

      <p className="text-sm text-slate-700">
        Este link é pessoal e dá acesso à sua {noun} sem senha. Não o compartilhe.
      </p>
    </div>
  );
}

const UNUSABLE: Record<'invalid' | 'expired' | 'revoked', { title: string; text: string }> = {
  expired: {
    title: 'Este link expirou',
    text: 'Por segurança, os links enviados por e-mail valem por um tempo limitado. Use o link da mensagem mais recente sobre a sua manifestação.',
  },
  revoked: {
    title: 'Este link foi desativado',
    text: 'Por segurança, a Ouvidoria desativou os links enviados antes. O próximo e-mail sobre a sua manifestação trará um link novo.',
  },
  invalid: {
    title: 'Este link não é válido',
    text: 'O endereço pode ter sido copiado pela metade ou alterado. Abra de novo o link do e-mail, sem editar o endereço.',
  },
};

function UnusableLink({ reason }: { reason: keyof typeof UNUSABLE }) {
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{UNUSABLE[reason].title}</h1>
      <p>{UNUSABLE[reason].text}</p>
      <p>
        Você também pode <Link href="/acompanhar" className="text-brand underline">acompanhar pelo número do protocolo</Link> ou falar com a
        Ouvidoria pelo telefone <PhoneLink number={municipality.ouvidoria.tollFree ?? municipality.ouvidoria.phones[0] ?? ''} /> ({municipality.ouvidoria.hours.toLowerCase()}).
      </p>
    </div>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/ui/submit-button';
import { listOwnSessions } from '@/lib/accounts/auth-sessions';
import { hasSecondFactor, unusedRecoveryCodes } from '@/lib/accounts/two-factor';
import { formatDateTime } from '@/lib/domain/labels';
import { describeUserAgent } from '@/lib/domain/user-agent';
import { ENROLMENT_PATH } from '@/lib/auth/sign-in-steps';
import { requireStaffPage } from '../staff-page';
import { endOtherSessionsAction, endSessionAction } from './actions';

export const metadata: Metadata = { title: 'Minha conta de servidor' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const DONE: Record<string, { tone: 'success' | 'error'; text: string }> = {
  sessao: { tone: 'success', text: 'Sessão encerrada. Quem usava aquele navegador precisa entrar de novo.' },
  'sessao-ja-encerrada': { tone: 'error', text: 'Essa sessão já estava encerrada.' },
  outras: { tone: 'success', text: 'As outras sessões foram encerradas. Esta continua aberta.' },
  recuperacao: {
    tone: 'success',
    text: 'Você entrou com um código de recuperação, que não vale mais. Se perdeu o celular, peça ao administrador para redefinir a verificação e cadastre o aplicativo de novo.',
  },
};

/** The staff member's own sign-in security: the second factor and the open sessions. */
export default async function StaffAccountPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireStaffPage('/painel/conta');
  const params = await searchParams;
  const done = typeof params.feito === 'string' && Object.hasOwn(DONE, params.feito) ? DONE[params.feito] : undefined;
  const [enrolled, codesLeft, sessions] = await Promise.all([hasSecondFactor(actor.userId), unusedRecoveryCodes(actor.userId), listOwnSessions(actor, actor.sessionId)]);
  return (
    <div className="max-w-3xl">
      <h1 className="text-3xl font-bold">Minha conta</h1>
      <p className="mt-2 text-slate-700">
        Você entrou como <strong>{actor.email}</strong>.{' '}
        <Link href="/minha-conta" className="text-brand underline">
          Trocar a senha
        </Link>
      </p>
      {done && (
        <div className="mt-6">
          <FormAlert tone={done.tone} title={done.text} />
        </div>
      )}

      <section aria-labelledby="duas-etapas" className="mt-8">
        <h2 id="duas-etapas" className="text-xl font-semibold">
          Verificação em duas etapas
        </h2>
        {enrolled ? (
          <p className="mt-2 text-slate-700">
            <strong>Ativa.</strong> Ao entrar, depois da senha, o sistema pede o código do aplicativo autenticador. Códigos de recuperação
            ainda não usados: {codesLeft} de 10.
          </p>
        ) : (
          <>
            <p className="mt-2 mb-4 text-slate-700">
              <strong>Desativada.</strong> Com ela, quem descobrir sua senha ainda não entra: falta o código que só o seu celular mostra.
            </p>
            <Link href={ENROLMENT_PATH} className="inline-block rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">
              Ativar a verificação em duas etapas
            </Link>
          </>
        )}
      </section>

      <section aria-labelledby="sessoes" className="mt-10">
        <h2 id="sessoes" className="text-xl font-semibold">
          Sessões abertas
        </h2>
        <p className="mt-1 mb-4 text-slate-700">Cada navegador em que você entrou. Não reconhece algum? Encerre-o e troque a senha.</p>
        <ul className="space-y-3">
          {sessions.map((session) => (
            <li key={session.id} className="flex flex-wrap items-center justify-between gap-3 rounded border border-slate-300 p-3">
              <div>
                <p className="font-semibold">
                  {describeUserAgent(session.userAgent)}
                  {session.current && <span className="ml-2 rounded bg-green-100 px-2 py-0.5 text-sm text-green-900">esta sessão</span>}
                </p>
                <p className="text-sm text-slate-700">
                  Endereço IP: {session.clientAddress && session.clientAddress !== 'unknown' ? session.clientAddress : 'desconhecido'} · Entrou em{' '}
                  {formatDateTime(session.createdAt)} · Último acesso em {formatDateTime(session.lastSeenAt)}
                </p>
              </div>
              <form action={endSessionAction}>
                <input type="hidden" name="sessionId" value={session.id} />
                <SubmitButton variant="secondary">
                  {session.current ? 'Sair desta sessão' : 'Encerrar'}
                  <span className="sr-only"> {`${describeUserAgent(session.userAgent)}, aberta em ${formatDateTime(session.createdAt)}`}</span>
                </SubmitButton>
              </form>
            </li>
          ))}
        </ul>
        {sessions.some((session) => !session.current) && (
          <form action={endOtherSessionsAction} className="mt-4">
            <SubmitButton variant="danger">Encerrar todas as outras sessões</SubmitButton>
          </form>
        )}
      </section>
    </div>
  );
}

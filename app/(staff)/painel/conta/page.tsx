import type { Metadata } from 'next';
import Link from 'next/link';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/ui/submit-button';
import { listOwnSessions } from '@/lib/accounts/auth-sessions';
import { listPasskeys, passkeysAvailable } from '@/lib/accounts/passkeys';
import { hasAuthenticatorApp, unusedRecoveryCodes } from '@/lib/accounts/two-factor';
import { formatDateTime } from '@/lib/domain/labels';
import { describeUserAgent } from '@/lib/domain/user-agent';
import { ENROLMENT_PATH } from '@/lib/auth/sign-in-steps';
import { requireStaffPage } from '../staff-page';
import { endOtherSessionsAction, endSessionAction } from './actions';
import { removePasskeyAction } from './passkey-actions';
import { PasskeyRegistration } from './passkey-registration';

export const metadata: Metadata = { title: 'Minha conta de servidor' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const DONE: Record<string, { tone: 'success' | 'error'; text: string }> = {
  sessao: { tone: 'success', text: 'Sessão encerrada. Quem usava aquele navegador precisa entrar de novo.' },
  'passkey-removida': { tone: 'success', text: 'Passkey removida. Ela não serve mais para entrar nesta conta.' },
  'passkey-ja-removida': { tone: 'error', text: 'Essa passkey já tinha sido removida.' },
  'sessao-ja-encerrada': { tone: 'error', text: 'Essa sessão já estava encerrada.' },
  outras: { tone: 'success', text: 'As outras sessões foram encerradas. Esta continua aberta.' },
  recuperacao: {
    tone: 'success',
    text: 'Você entrou com um código de recuperação, que não vale mais. Se perdeu o celular ou a passkey, remova-a abaixo ou peça ao administrador para redefinir a verificação, e cadastre de novo.',
  },
};

/** The staff member's own sign-in security: the second factor and the open sessions. */
export default async function StaffAccountPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireStaffPage('/painel/conta');
  const params = await searchParams;
  const done = typeof params.feito === 'string' && Object.hasOwn(DONE, params.feito) ? DONE[params.feito] : undefined;
  const [enrolled, codesLeft, sessions, keys] = await Promise.all([
    hasAuthenticatorApp(actor.userId),
    unusedRecoveryCodes(actor.userId),
    listOwnSessions(actor, actor.sessionId),
    listPasskeys(actor),
  ]);
  const canUsePasskeys = passkeysAvailable();
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
        {enrolled || keys.length > 0 ? (
          <p className="mt-2 text-slate-700">
            <strong>Ativa.</strong> Ao entrar, depois da senha, o sistema pede{' '}
            {enrolled && keys.length > 0 ? 'o código do aplicativo autenticador ou uma passkey' : enrolled ? 'o código do aplicativo autenticador' : 'uma passkey'}.
            Códigos de recuperação ainda não usados: {codesLeft} de 10.
          </p>
        ) : null}
        {enrolled ? null : (
          <>
            <p className="mt-2 mb-4 text-slate-700">
              {keys.length === 0 && <strong>Desativada. </strong>}
              {keys.length === 0
                ? 'Com ela, quem descobrir sua senha ainda não entra: falta o código que só o seu celular mostra (ou a sua passkey).'
                : 'Você também pode usar o código de um aplicativo autenticador no celular.'}
            </p>
            <Link href={ENROLMENT_PATH} className="inline-block rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">
              {keys.length === 0 ? 'Ativar a verificação em duas etapas' : 'Cadastrar um aplicativo autenticador'}
            </Link>
          </>
        )}
      </section>

      <section aria-labelledby="passkeys-titulo" id="passkeys" className="mt-10">
        <h2 id="passkeys-titulo" className="text-xl font-semibold">
          Passkeys
        </h2>
        <p className="mt-1 text-slate-700">
          Uma passkey fica no seu dispositivo (celular, computador ou chave de segurança) e confirma que é você com a digital, o rosto, o PIN
          ou um toque na chave. Ao entrar, ela substitui o código do aplicativo.
        </p>
        {keys.length > 0 && (
          <ul className="mt-4 space-y-3" aria-label="Suas passkeys">
            {keys.map((key) => (
              <li key={key.id} className="flex flex-wrap items-center justify-between gap-3 rounded border border-slate-300 p-3">
                <div>
                  <p className="font-semibold">{key.name}</p>
                  <p className="text-sm text-slate-700">
                    Cadastrada em {formatDateTime(key.createdAt)} · {key.lastUsedAt ? `Último uso em ${formatDateTime(key.lastUsedAt)}` : 'Ainda não usada'}
                    {key.backedUp && ' · sincronizada entre dispositivos'}
                  </p>
                </div>
                <form action={removePasskeyAction}>
                  <input type="hidden" name="passkeyId" value={key.id} />
                  <SubmitButton variant="secondary">
                    Remover<span className="sr-only"> a passkey {key.name}</span>
                  </SubmitButton>
                </form>
              </li>
            ))}
          </ul>
        )}
        {canUsePasskeys ? (
          <PasskeyRegistration />
        ) : (
          <p className="mt-4">Passkeys não estão disponíveis neste endereço do sistema (é preciso https e um nome de domínio). Use o aplicativo autenticador.</p>
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

import type { Metadata } from 'next';
import Link from 'next/link';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/ui/submit-button';
import { hasPassword } from '@/lib/accounts/account-security';
import { readContactData } from '@/lib/accounts/contact-data';
import { formatDate, formatDateTime } from '@/lib/domain/labels';
import { DATA_PROTECTION_REQUEST_DAYS } from '@/lib/domain/privacy';
import { DATA_PROTECTION_REQUEST_SCOPES } from '@/lib/domain/vocabulary';
import { municipality } from '@/lib/municipality';
import { REQUEST_STATE_LABELS } from '@/lib/privacy/export';
import { listOwnDataProtectionRequests, REQUEST_SCOPE_LABELS } from '@/lib/privacy/requests';
import { requireActor } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import { endOtherSessionsAction } from './actions';
import { ChangePasswordForm } from './password-form';
import { ContactDataForm, DataProtectionRequestForm } from './privacy-forms';

export const metadata: Metadata = { title: 'Minha conta' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const DONE: Record<string, string> = {
  senha: 'Senha salva. As outras sessões da sua conta foram encerradas.',
  sessoes: 'As outras sessões da sua conta foram encerradas. Esta continua aberta.',
  dados: 'Seus dados foram corrigidos.',
  pedido: `Pedido enviado ao encarregado de dados. A resposta vem em até ${DATA_PROTECTION_REQUEST_DAYS} dias, por e-mail.`,
};

export default async function MyAccountPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await guarded(requireActor, '/minha-conta');
  const params = await searchParams;
  const done = typeof params.feito === 'string' ? DONE[params.feito] : undefined;
  const [withPassword, contact, requests] = await Promise.all([hasPassword(actor), readContactData(actor), listOwnDataProtectionRequests(actor)]);
  const pending = requests.some((request) => request.state === 'pending');
  return (
    <div className="max-w-xl">
      <h1 className="text-3xl font-bold">Minha conta</h1>
      <p className="mt-2 text-slate-700">
        Você entrou como <strong>{actor.email}</strong>.
      </p>
      {done && (
        <div className="mt-6">
          <FormAlert tone="success" title={done} />
        </div>
      )}

      <section aria-labelledby="senha" className="mt-8">
        <h2 id="senha" className="text-xl font-semibold">
          {withPassword ? 'Trocar a senha' : 'Criar uma senha'}
        </h2>
        <p className="mt-1 mb-4 text-slate-700">
          {withPassword
            ? 'Informe a senha atual e a nova. Ao trocar a senha, as outras sessões da conta são encerradas.'
            : 'Sua conta não tem senha: você entra com um link enviado por e-mail. Se quiser, crie uma senha.'}
        </p>
        <ChangePasswordForm hasPassword={withPassword} />
      </section>

      <section aria-labelledby="sessoes" className="mt-10">
        <h2 id="sessoes" className="text-xl font-semibold">
          Sessões abertas
        </h2>
        <p className="mt-1 mb-4 text-slate-700">
          Entrou em outro computador ou celular e não saiu? Encerre as outras sessões: elas deixam de funcionar no próximo acesso. Esta
          continua aberta.
        </p>
        <form action={endOtherSessionsAction}>
          <SubmitButton variant="secondary">Encerrar as outras sessões</SubmitButton>
        </form>
      </section>

      <section aria-labelledby="meus-dados" className="mt-10">
        <h2 id="meus-dados" className="text-xl font-semibold">
          Meus dados pessoais
        </h2>
        <p className="mt-1 text-slate-700">
          Baixe tudo o que a Prefeitura guarda sobre você neste sistema: sua conta, seus pedidos com o andamento que você pode ver, os
          anexos, contatos de WhatsApp e as escolhas opcionais (LGPD art. 18).{' '}
          <Link href="/privacidade" className="text-brand underline">
            Aviso de privacidade
          </Link>
        </p>
        <ul className="mt-3 flex flex-wrap gap-4">
          <li>
            <a href="/minha-conta/meus-dados.pdf" className="text-brand underline" download>
              Baixar meus dados em PDF
            </a>
          </li>
          <li>
            <a href="/minha-conta/meus-dados.json" className="text-brand underline" download>
              Baixar meus dados em JSON
            </a>
          </li>
        </ul>
        {contact && (
          <>
            <h3 className="mt-6 text-lg font-semibold">Corrigir meus dados</h3>
            <p className="mt-1 mb-4 text-slate-700">
              Estes dados preenchem os formulários. O e-mail {contact.email} é o seu acesso e não muda por aqui; para trocá-lo, escreva ao
              encarregado. Os pedidos já registrados guardam o contato informado quando foram feitos.
            </p>
            <ContactDataForm name={contact.name} phone={contact.phone} cpf={contact.cpf} />
          </>
        )}
      </section>

      <section aria-labelledby="anonimizacao" className="mt-10">
        <h2 id="anonimizacao" className="text-xl font-semibold">
          Pedir a anonimização dos meus dados
        </h2>
        <p className="mt-1 mb-4 text-slate-700">
          O pedido vai ao encarregado de dados ({municipality.privacy.dataProtectionOfficer.email}), que decide em até{' '}
          {DATA_PROTECTION_REQUEST_DAYS} dias (LGPD art. 19, II). Os pedidos são documentos públicos e não são apagados: seu nome, e-mail,
          telefone, CPF e anexos são retirados dos pedidos concluídos, e o protocolo e as estatísticas continuam. Pedidos em andamento
          seguem com seus dados até serem respondidos.
        </p>
        {requests.length > 0 && (
          <ul className="mb-4 space-y-2">
            {requests.map((request) => (
              <li key={request.id} className="rounded border border-slate-300 p-3">
                <p>
                  <strong>{REQUEST_SCOPE_LABELS[request.scope]}</strong> — pedido em {formatDateTime(request.createdAt)}
                </p>
                <p>
                  Situação: {REQUEST_STATE_LABELS[request.state]}
                  {request.state === 'pending' ? ` (prazo: ${formatDate(request.dueOn)})` : ''}
                </p>
                {request.decision && <p className="mt-1 whitespace-pre-line">Fundamentação: {request.decision}</p>}
              </li>
            ))}
          </ul>
        )}
        {!pending && <DataProtectionRequestForm scopes={DATA_PROTECTION_REQUEST_SCOPES.map((scope) => ({ value: scope, label: REQUEST_SCOPE_LABELS[scope] }))} />}
      </section>

      <p className="mt-10">
        <Link href="/minhas-manifestacoes" className="text-brand underline">
          Voltar para Minhas manifestações
        </Link>
      </p>
    </div>
  );
}

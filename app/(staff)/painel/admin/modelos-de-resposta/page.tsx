import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionButtonForm } from '@/components/forms/action-button-form';
import { listAnswerTemplates } from '@/lib/admin/answer-templates';
import { listCategories } from '@/lib/admin/categories';
import { requireRole } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import { SERVICE_LABELS } from '@/lib/domain/labels';
import { Flash } from '../flash';
import { deleteAnswerTemplateAction } from './actions';
import { categoryChoices } from './category-choices';
import { AnswerTemplateForm } from './template-form';

export const metadata: Metadata = { title: 'Modelos de resposta — Administração' };

const MESSAGES = { criado: 'Modelo criado.', salvo: 'Modelo salvo.', excluido: 'Modelo excluído.' };

export default async function AnswerTemplatesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await guarded(() => requireRole('admin'), '/painel/admin/modelos-de-resposta');
  const [templates, categories, params] = await Promise.all([listAnswerTemplates(actor), listCategories(actor), searchParams]);
  return (
    <div>
      <h1 className="text-3xl font-bold">Modelos de resposta</h1>
      <p className="mt-2 text-slate-700">Textos prontos que a equipe insere nas respostas e depois ajusta. Uma resposta enviada não muda se o modelo mudar.</p>
      <div className="mt-6">
        <Flash params={params} messages={MESSAGES} />
      </div>
      {templates.length === 0 ? (
        <p className="rounded border border-slate-300 p-4">Nenhum modelo cadastrado ainda.</p>
      ) : (
        <ul className="space-y-4">
          {templates.map(({ template, categoryName, service }) => (
            <li key={template.id} className="rounded border border-slate-300 p-4">
              <h2 className="text-lg font-semibold">{template.title}</h2>
              <p className="text-sm text-slate-700">{categoryName && service ? `${SERVICE_LABELS[service]}: ${categoryName}` : 'Modelo geral'}</p>
              <p className="mt-2 line-clamp-3 whitespace-pre-line">{template.body}</p>
              <div className="mt-3 flex flex-wrap items-center gap-4">
                <Link href={`/painel/admin/modelos-de-resposta/${template.id}`} className="text-brand underline">
                  Editar<span className="sr-only"> {template.title}</span>
                </Link>
                <ActionButtonForm action={deleteAnswerTemplateAction} fields={{ id: template.id }} label="Excluir" accessibleSuffix={template.title} variant="danger" />
              </div>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="novo" className="mt-10 max-w-2xl">
        <h2 id="novo" className="mb-4 text-xl font-semibold">
          Novo modelo
        </h2>
        <AnswerTemplateForm categories={categoryChoices(categories)} />
      </section>
    </div>
  );
}

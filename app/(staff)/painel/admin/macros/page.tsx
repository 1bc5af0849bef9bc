import type { Metadata } from 'next';
import { ActionButtonForm } from '@/components/forms/action-button-form';
import { listAnswerTemplates } from '@/lib/admin/answer-templates';
import { listMacros } from '@/lib/admin/macros';
import { listTags } from '@/lib/admin/tags';
import { requireRole } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import { MACRO_ACTION_LABELS } from '@/lib/domain/macros';
import { Flash } from '../flash';
import { deleteMacroAction } from './actions';
import { MacroForm } from './macro-form';

export const metadata: Metadata = { title: 'Macros — Administração' };

const MESSAGES = { criada: 'Macro criada.', excluida: 'Macro excluída.' };

export default async function MacrosPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await guarded(() => requireRole('admin'), '/painel/admin/macros');
  const [macros, templates, tags, params] = await Promise.all([listMacros(actor), listAnswerTemplates(actor), listTags(actor), searchParams]);
  return (
    <div>
      <h1 className="text-3xl font-bold">Macros</h1>
      <p className="mt-2 text-slate-700">
        Um clique na manifestação envia um modelo de resposta, muda a situação como a ação escolhida e inclui uma etiqueta — tudo ou nada. Cada parte
        segue as mesmas regras e fica no histórico como se fosse feita à mão.
      </p>
      <div className="mt-6">
        <Flash params={params} messages={MESSAGES} />
      </div>
      {macros.length === 0 ? (
        <p className="rounded border border-slate-300 p-4">Nenhuma macro cadastrada ainda.</p>
      ) : (
        <ul className="space-y-4">
          {macros.map((macro) => (
            <li key={macro.id} className="rounded border border-slate-300 p-4">
              <h2 className="text-lg font-semibold">{macro.name}</h2>
              <p className="text-sm text-slate-700">
                Modelo “{macro.templateTitle}”, enviado como {MACRO_ACTION_LABELS[macro.action].toLowerCase()}
                {macro.tagName ? `; etiqueta “${macro.tagName}”` : ''}.
              </p>
              <div className="mt-3">
                <ActionButtonForm action={deleteMacroAction} fields={{ id: macro.id }} label="Excluir" accessibleSuffix={macro.name} variant="danger" />
              </div>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="nova" className="mt-10 max-w-2xl">
        <h2 id="nova" className="mb-4 text-xl font-semibold">
          Nova macro
        </h2>
        <MacroForm
          templates={templates.map(({ template }) => ({ value: template.id, label: template.title }))}
          tags={tags.map((tag) => ({ value: tag.id, label: tag.departmentName ? `${tag.name} (${tag.departmentName})` : tag.name }))}
        />
      </section>
    </div>
  );
}

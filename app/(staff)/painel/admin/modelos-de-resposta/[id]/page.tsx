import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getAnswerTemplate } from '@/lib/admin/answer-templates';
import { listCategories } from '@/lib/admin/categories';
import { requireRole } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import { categoryChoices } from '../category-choices';
import { AnswerTemplateForm } from '../template-form';

export const metadata: Metadata = { title: 'Editar modelo de resposta — Administração' };

export default async function EditAnswerTemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await guarded(() => requireRole('admin'), `/painel/admin/modelos-de-resposta/${id}`);
  const [template, categories] = await Promise.all([getAnswerTemplate(actor, id), listCategories(actor)]);
  if (!template) notFound();
  return (
    <div className="max-w-2xl">
      <p>
        <Link href="/painel/admin/modelos-de-resposta" className="text-brand underline">
          ← Modelos de resposta
        </Link>
      </p>
      <h1 className="mt-4 mb-6 text-3xl font-bold">Editar modelo</h1>
      <AnswerTemplateForm template={template} categories={categoryChoices(categories)} />
    </div>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { webFormDefaults } from '@/lib/channels/web-form';
import { issueSubmissionKey } from '@/lib/demands/submission-key';
import { listActiveDepartments, listNeighbourhoods, listOuvidoriaSubjectIdsTakingLocation, listOuvidoriaSubjects } from '@/lib/db/queries/catalogue';
import { mapSettings } from '@/lib/geo/map-settings';
import { ouvidoriaKindFromSlug } from '@/lib/domain/kind-slugs';
import { OuvidoriaForm } from './ouvidoria-form';

export const metadata: Metadata = { title: 'Registrar manifestação na Ouvidoria' };

export default async function NewOuvidoriaDemandPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { tipo } = await searchParams;
  const [subjects, departments, requesterDefaults, placeSubjectIds, neighbourhoods] = await Promise.all([
    listOuvidoriaSubjects(),
    listActiveDepartments(),
    webFormDefaults(),
    listOuvidoriaSubjectIdsTakingLocation(),
    listNeighbourhoods(),
  ]);
  const intro = (
    <>
      <p className="text-sm">
        <Link href="/ouvidoria" className="text-brand underline">
          Ouvidoria
        </Link>{' '}
        › Nova manifestação
      </p>
      <h1 className="mt-2 text-3xl font-bold">Registrar manifestação</h1>
      <p className="mt-2 max-w-prose">
        Todos os campos são obrigatórios, exceto os marcados como opcionais. Ao enviar, você recebe na hora o número do
        protocolo e o prazo para a resposta.
      </p>
    </>
  );
  return (
    <div className="max-w-2xl">
      <OuvidoriaForm
        intro={intro}
        preselectedKind={ouvidoriaKindFromSlug(typeof tipo === 'string' ? tipo : undefined)}
        subjects={subjects.map((subject) => ({ value: subject.id, label: subject.name }))}
        departments={departments.map((department) => ({ value: department.id, label: department.name }))}
        requesterDefaults={requesterDefaults}
        submissionKey={issueSubmissionKey()}
        location={{ settings: mapSettings(neighbourhoods), subjectIds: placeSubjectIds }}
      />
    </div>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { DemoCharterNotice } from '@/components/charter/demo-charter-notice';
import { demoDataEnabled } from '@/lib/db/demo-data';
import { listCharterDepartments, listCharterEntries } from '@/lib/db/queries/service-charter';
import { charterDeadlineLabel, LIFE_EVENTS, lifeEventLabel } from '@/lib/domain/service-charter';
import { CHARTER_DOWNLOADS, CHARTER_PATH, charterEntryPath } from '@/lib/service-charter/paths';

export const metadata: Metadata = { title: 'Carta de Serviços ao Usuário' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const single = (value: string | string[] | undefined) => (typeof value === 'string' ? value.trim() : '');

export default async function ServiceCharterPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const query = single(params.q).slice(0, 100);
  const departments = await listCharterDepartments();
  // Only known values narrow the list: an address anyone can write never reaches the page as text.
  const department = departments.find((row) => row.id === single(params.secretaria));
  const lifeEvent = lifeEventLabel(single(params.evento)) ? single(params.evento) : '';
  const entries = await listCharterEntries({ query, departmentId: department?.id, lifeEvent });
  const filtered = Boolean(query || department || lifeEvent);
  const heading = [query && `“${query}”`, department?.name, lifeEvent && lifeEventLabel(lifeEvent)].filter(Boolean).join(' · ');
  const control = 'mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-2 text-base';

  return (
    <div className="space-y-8">
      <section className="max-w-3xl">
        <h1 className="text-3xl font-bold">Carta de Serviços ao Usuário</h1>
        <p className="mt-3">
          Cada serviço da Prefeitura explicado: o que é, quem pode pedir, documentos, etapas, prazo, onde e quando é
          atendido, taxas e como reclamar (Lei nº 13.460/2017, art. 7º). Os serviços com pedido pela internet levam
          direto ao formulário do Balcão da Cidadania.
        </p>
        {demoDataEnabled() && <DemoCharterNotice />}
        <p className="mt-3 print:hidden">
          Baixe a Carta completa:{' '}
          <a href={CHARTER_DOWNLOADS.pdf} className="text-brand underline">
            PDF para imprimir
          </a>{' '}
          · dados abertos em{' '}
          <a href={CHARTER_DOWNLOADS.json} className="text-brand underline">
            JSON
          </a>{' '}
          e{' '}
          <a href={CHARTER_DOWNLOADS.csv} className="text-brand underline">
            CSV
          </a>
          .
        </p>
      </section>

      <form action={CHARTER_PATH} method="get" aria-label="Carta de Serviços" className="grid max-w-3xl gap-4 sm:grid-cols-3 print:hidden">
        <div className="sm:col-span-3">
          <label htmlFor="carta-busca" className="block font-semibold">
            Buscar serviço
          </label>
          <input id="carta-busca" name="q" type="search" defaultValue={query} placeholder="Ex.: árvore, certidão, creche" className={control} />
        </div>
        <div>
          <label htmlFor="carta-secretaria" className="block font-semibold">
            Secretaria
          </label>
          <select id="carta-secretaria" name="secretaria" defaultValue={department?.id ?? ''} className={control}>
            <option value="">Todas</option>
            {departments.map((row) => (
              <option key={row.id} value={row.id}>
                {row.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="carta-evento" className="block font-semibold">
            Evento da vida
          </label>
          <select id="carta-evento" name="evento" defaultValue={lifeEvent} className={control}>
            <option value="">Todos</option>
            {LIFE_EVENTS.map((event) => (
              <option key={event.slug} value={event.slug}>
                {event.label}
              </option>
            ))}
          </select>
        </div>
        <div className="flex items-end">
          <button type="submit" className="rounded-full bg-brand px-5 py-2.5 font-semibold text-white hover:bg-brand-dark">
            Buscar
          </button>
        </div>
      </form>

      <section aria-labelledby="carta-resultados">
        <h2 id="carta-resultados" className="text-2xl font-bold">
          {filtered ? `Resultados: ${heading}` : 'Todos os serviços'}
        </h2>
        <p className="mt-1 text-slate-700" role="status">
          {entries.length === 0 ? 'Nenhum serviço encontrado.' : `${entries.length} ${entries.length === 1 ? 'serviço encontrado' : 'serviços encontrados'}.`}{' '}
          {filtered && (
            <Link href={CHARTER_PATH} className="text-brand underline print:hidden">
              Ver todos os serviços
            </Link>
          )}
        </p>
        <ul className="mt-4 grid gap-4 sm:grid-cols-2">
          {entries.map((entry) => (
            <li key={entry.id} className="flex flex-col rounded border border-slate-300 p-4">
              <h3 className="text-lg font-bold">
                <Link href={charterEntryPath(entry.slug)} className="text-brand underline">
                  {entry.name}
                </Link>
              </h3>
              <p className="mt-1 flex-1 text-slate-800">{entry.summary}</p>
              <p className="mt-3 text-sm text-slate-700">
                {entry.departmentName} · Prazo: {charterDeadlineLabel(entry).toLowerCase()}
                {entry.balcaoSlug ? ' · Pedido pela internet' : ' · Atendimento presencial ou por telefone'}
              </p>
            </li>
          ))}
        </ul>
      </section>

      <div className="grid gap-8 sm:grid-cols-2 print:hidden">
        <nav aria-labelledby="carta-eventos">
          <h2 id="carta-eventos" className="text-xl font-bold">
            Por evento da vida
          </h2>
          <ul className="mt-2 space-y-1">
            {LIFE_EVENTS.map((event) => (
              <li key={event.slug}>
                <Link href={`${CHARTER_PATH}?evento=${event.slug}`} className="text-brand underline" aria-current={event.slug === lifeEvent ? 'page' : undefined}>
                  {event.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <nav aria-labelledby="carta-secretarias">
          <h2 id="carta-secretarias" className="text-xl font-bold">
            Por secretaria
          </h2>
          <ul className="mt-2 space-y-1">
            {departments.map((row) => (
              <li key={row.id}>
                <Link href={`${CHARTER_PATH}?secretaria=${row.id}`} className="text-brand underline" aria-current={row.id === department?.id ? 'page' : undefined}>
                  {row.name}
                </Link>{' '}
                <span className="text-slate-700">({row.count})</span>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </div>
  );
}

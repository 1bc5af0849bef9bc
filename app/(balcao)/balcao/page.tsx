import type { Metadata } from 'next';
import Link from 'next/link';
import { listBalcaoServices } from '@/lib/db/queries/catalogue';
import { municipality } from '@/lib/municipality';

export const metadata: Metadata = { title: 'Balcão da Cidadania — serviços' };

export default async function BalcaoCataloguePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { q } = await searchParams;
  const query = typeof q === 'string' ? q.trim().slice(0, 100) : '';
  const services = await listBalcaoServices({ query });
  const contact = municipality.balcao;

  return (
    <div className="space-y-8">
      <section className="max-w-3xl">
        <h1 className="text-3xl font-bold">Balcão da Cidadania</h1>
        <p className="mt-3">
          Peça serviços do dia a dia da cidade — poda de árvore, tapa-buraco, iluminação pública, retirada de entulho e
          outros. Cada pedido vai direto à secretaria responsável, com prazo de atendimento definido para cada serviço.
        </p>
        <p className="mt-2">
          Não encontrou o serviço, ou o pedido não foi atendido? Fale com a{' '}
          <Link href="/ouvidoria" className="font-semibold text-brand underline">
            Ouvidoria
          </Link>
          . Atendimento presencial: {contact.address}, {contact.hours.toLowerCase()}.
        </p>
        <p className="mt-2">
          <Link href="/mapa" className="font-semibold text-brand underline">
            Veja no mapa os pedidos em aberto na cidade
          </Link>
          .
        </p>
      </section>

      <form action="/balcao" method="get" aria-label="Serviços do Balcão" className="max-w-xl">
        <label htmlFor="busca-servico" className="block font-semibold">
          Buscar serviço
        </label>
        <div className="mt-1 flex gap-2">
          <input
            id="busca-servico"
            name="q"
            type="search"
            defaultValue={query}
            placeholder="Ex.: árvore, lâmpada, buraco"
            className="block w-full rounded border border-slate-500 px-3 py-2 text-base"
          />
          <button type="submit" className="rounded-full bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">
            Buscar
          </button>
        </div>
      </form>

      <section aria-labelledby="servicos">
        <h2 id="servicos" className="text-2xl font-bold">
          {query ? `Resultados para “${query}”` : 'Todos os serviços'}
        </h2>
        <p className="mt-1 text-slate-700" role="status">
          {services.length === 0
            ? 'Nenhum serviço encontrado.'
            : `${services.length} ${services.length === 1 ? 'serviço encontrado' : 'serviços encontrados'}.`}{' '}
          {query && (
            <Link href="/balcao" className="text-brand underline">
              Ver todos os serviços
            </Link>
          )}
        </p>
        {services.length === 0 && (
          <p className="mt-3">
            Tente outra palavra, ou{' '}
            <Link href="/ouvidoria/nova?tipo=solicitacao" className="font-semibold text-brand underline">
              registre uma solicitação de providência na Ouvidoria
            </Link>
            .
          </p>
        )}
        <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {services.map((service) => (
            <li key={service.id} className="flex flex-col rounded border border-slate-300 p-4">
              <h3 className="text-lg font-bold">
                <Link href={`/balcao/${service.slug}`} className="text-brand underline">
                  {service.name}
                </Link>
              </h3>
              <p className="mt-1 flex-1 text-slate-800">{service.description}</p>
              <p className="mt-3 text-sm text-slate-700">
                Prazo: {service.deadlineDays} dias · {service.departmentName}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

import Link from 'next/link';
import { municipality } from '@/lib/municipality';
import { EXAMPLE_PROTOCOL } from '@/lib/domain/protocol';
import { CHARTER_PATH } from '@/lib/service-charter/paths';

const doorClass = 'flex flex-col rounded-lg border-2 border-slate-300 p-5 sm:p-6';
const doorButtonClass = 'mt-5 inline-block self-start rounded-full bg-brand px-5 py-3 font-semibold text-white hover:bg-brand-dark';

export default function HomePage() {
  return (
    <div className="space-y-10">
      <section className="max-w-3xl">
        <h1 className="text-3xl font-bold sm:text-4xl">Fale com a Prefeitura de {municipality.name}</h1>
        <p className="mt-3 text-lg">
          Peça um serviço, registre uma reclamação, denúncia, sugestão ou elogio, e acompanhe tudo pelo número do
          protocolo. Cada pedido tem prazo de resposta e você é avisado a cada movimentação.
        </p>
      </section>

      <div className="grid gap-6 md:grid-cols-2">
        <section aria-labelledby="porta-balcao" className={doorClass}>
          <h2 id="porta-balcao" className="text-2xl font-bold">
            Balcão da Cidadania
          </h2>
          <p className="mt-2">Para pedir um serviço na rua ou no bairro:</p>
          <ul className="mt-2 list-disc space-y-1 pl-6">
            <li>poda ou remoção de árvore;</li>
            <li>buraco no asfalto (tapa-buraco);</li>
            <li>lâmpada apagada ou poste danificado;</li>
            <li>retirada de entulho, limpeza de terreno e outros.</li>
          </ul>
          <p className="mt-2">O pedido vai direto à secretaria que faz o serviço, com prazo definido para cada um.</p>
          <p className="mt-2">
            Documentos, prazos, locais e horários de cada serviço estão na{' '}
            <Link href={CHARTER_PATH} className="font-semibold text-brand underline">
              Carta de Serviços
            </Link>
            .
          </p>
          <Link href="/balcao" className={doorButtonClass}>
            Pedir um serviço
          </Link>
        </section>

        <section aria-labelledby="porta-ouvidoria" className={doorClass}>
          <h2 id="porta-ouvidoria" className="text-2xl font-bold">
            Ouvidoria
          </h2>
          <p className="mt-2">Para falar sobre o atendimento e os serviços públicos:</p>
          <ul className="mt-2 list-disc space-y-1 pl-6">
            <li>reclamação, sugestão ou elogio;</li>
            <li>denúncia de irregularidade, com a sua identidade protegida;</li>
            <li>pedido de providência;</li>
            <li>pedido de acesso à informação (LAI).</li>
          </ul>
          <p className="mt-2">Resposta em até 30 dias (Lei nº 13.460/2017). Você pode se identificar, pedir sigilo ou não se identificar.</p>
          <Link href="/ouvidoria" className={doorButtonClass}>
            Ir para a Ouvidoria
          </Link>
        </section>
      </div>

      <section aria-labelledby="acompanhar-titulo" className="rounded-lg bg-slate-100 p-5 sm:p-6">
        <h2 id="acompanhar-titulo" className="text-2xl font-bold">
          Acompanhar protocolo
        </h2>
        <p className="mt-2">Já fez um pedido ou uma manifestação? Veja a situação, o prazo e as respostas.</p>
        <form action="/acompanhar" method="get" className="mt-4 flex max-w-xl flex-wrap items-end gap-3">
          <div className="w-full sm:w-auto sm:flex-1">
            <label htmlFor="inicio-protocolo" className="block font-semibold">
              Número do protocolo
            </label>
            <input
              id="inicio-protocolo"
              name="protocolo"
              autoComplete="off"
              placeholder={EXAMPLE_PROTOCOL}
              className="mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-2 text-base"
            />
          </div>
          <button type="submit" className="rounded-full bg-brand px-5 py-2.5 font-semibold text-white hover:bg-brand-dark">
            Acompanhar
          </button>
        </form>
      </section>
    </div>
  );
}

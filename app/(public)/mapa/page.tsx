import type { Metadata } from 'next';
import { MarkersMap, type MapMarker } from '@/components/map/markers-map';
import { listBalcaoServices, listNeighbourhoods } from '@/lib/db/queries/catalogue';
import { listPublicMapItems, PublicMapSearchSchema, RECENTLY_ANSWERED_DAYS, type PublicMapItem } from '@/lib/demands/public-map';
import { mapSettings } from '@/lib/geo/map-settings';

export const metadata: Metadata = { title: 'Mapa dos pedidos do Balcão da Cidadania' };

const control = 'mt-1 block w-full rounded border border-slate-500 bg-white px-2 py-1.5 text-slate-900';
const dateFormat = new Intl.DateTimeFormat('pt-BR', { timeZone: 'America/Sao_Paulo', day: '2-digit', month: '2-digit', year: 'numeric' });

/** One marker per grid cell: the requests of a cell share its (approximate) point. */
function markersOf(items: PublicMapItem[]): MapMarker[] {
  const cells = new Map<string, PublicMapItem[]>();
  for (const item of items) {
    const key = `${item.point.lat},${item.point.lng}`;
    cells.set(key, [...(cells.get(key) ?? []), item]);
  }
  return [...cells.values()].flatMap((group) => {
    const first = group[0];
    if (!first) return [];
    return [
      {
        lat: first.point.lat,
        lng: first.point.lng,
        count: group.length,
        title: group.length === 1 ? '1 pedido nesta área' : `${group.length} pedidos nesta área`,
        lines: group
          .slice(0, 8)
          .map((item) => `${item.serviceName} — ${item.stateLabel} (${dateFormat.format(item.createdAt)})${item.description ? `: ${shortened(item.description)}` : ''}`),
        tone: group.every((item) => !item.open) ? 'done' : 'open',
      },
    ];
  });
}

function shortened(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= 140 ? clean : `${clean.slice(0, 139).trimEnd()}…`;
}

/**
 * The public map: open and recently answered Balcão requests, with a point rounded to a few hundred
 * metres and nothing that names anyone (listPublicMapItems). The table under the map lists the same
 * requests, for screen readers and for browsers without JavaScript.
 */
export default async function PublicMapPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const search = PublicMapSearchSchema.parse(await searchParams);
  const [services, neighbourhoods, map] = await Promise.all([listBalcaoServices(), listNeighbourhoods(), listPublicMapItems(search)]);
  const markers = markersOf(map.items);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Mapa dos pedidos do Balcão da Cidadania</h1>
      <p className="max-w-3xl">
        Pedidos em aberto e os respondidos nos últimos {RECENTLY_ANSWERED_DAYS} dias. Para proteger quem pediu, cada pedido aparece num ponto
        aproximado (a algumas centenas de metros do local) e sem nome ou contato; a descrição aparece só quando a equipe a revisou e liberou.
        Manifestações da Ouvidoria e pedidos sigilosos não aparecem.
      </p>
      <form method="get" action="/mapa" className="grid gap-4 rounded border border-slate-300 p-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
        <div>
          <label htmlFor="mapa-servico" className="block font-semibold">
            Serviço
          </label>
          <select id="mapa-servico" name="servico" defaultValue={search.servico ?? ''} className={control}>
            <option value="">Todos os serviços</option>
            {services.map((service) => (
              <option key={service.slug} value={service.slug}>
                {service.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="mapa-bairro" className="block font-semibold">
            Bairro
          </label>
          <select id="mapa-bairro" name="bairro" defaultValue={search.bairro ?? ''} className={control}>
            <option value="">Todos os bairros</option>
            {neighbourhoods.map((bairro) => (
              <option key={bairro.id} value={bairro.id}>
                {bairro.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded-full bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">
          Filtrar
        </button>
      </form>
      <p id="mapa-resumo" aria-live="polite">
        {map.items.length === 0
          ? 'Nenhum pedido com local marcado para estes filtros.'
          : `${map.items.length === 1 ? '1 pedido' : `${map.items.length} pedidos`} no mapa${map.truncated ? ' (os mais recentes; filtre por serviço ou bairro para ver outros)' : ''}. A lista completa está abaixo do mapa.`}
      </p>
      <MarkersMap settings={mapSettings()} markers={markers} label="Mapa dos pedidos do Balcão" descriptionId="mapa-resumo" />
      {map.items.length > 0 && (
        <table className="w-full border-collapse text-left">
          <caption className="mb-2 text-left text-lg font-bold">Pedidos no mapa, em lista</caption>
          <thead>
            <tr className="border-b-2 border-slate-400">
              <th scope="col" className="py-2 pr-4">Serviço</th>
              <th scope="col" className="py-2 pr-4">Situação</th>
              <th scope="col" className="py-2 pr-4">Registrado em</th>
              <th scope="col" className="py-2 pr-4">Bairro</th>
              <th scope="col" className="py-2 pr-4">Descrição</th>
            </tr>
          </thead>
          <tbody>
            {map.items.map((item, index) => (
              <tr key={index} className="border-b border-slate-200">
                <td className="py-2 pr-4">{item.serviceName}</td>
                <td className="py-2 pr-4">{item.stateLabel}</td>
                <td className="py-2 pr-4">{dateFormat.format(item.createdAt)}</td>
                <td className="py-2 pr-4">{item.neighbourhoodName ?? 'Não informado'}</td>
                <td className="py-2 pr-4">{item.description ?? <span className="text-slate-700">Não publicada</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

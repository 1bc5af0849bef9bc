import type { StatsMaps } from '@/lib/stats/maps';

const number = new Intl.NumberFormat('pt-BR');

/**
 * The statistics' maps as server-drawn SVG (no map library, no tiles): the bairros coloured by how many
 * demands each received (choropleth), and the cells where Balcão requests were marked (heat). Each shape
 * names itself and its count; the "Bairros com mais pedidos" table has the same numbers as text.
 */
export function StatsMapsView({ maps }: { maps: StatsMaps }) {
  const { width, height, areas, legend, heat } = maps;
  const heatName = heat.serviceName ? `pedidos de “${heat.serviceName}”` : 'pedidos do Balcão';
  return (
    <section aria-labelledby="mapas-titulo" className="mt-8 space-y-6">
      <h2 id="mapas-titulo" className="text-xl font-bold">
        Mapas
      </h2>
      <div className="grid gap-6 lg:grid-cols-2">
        <figure>
          <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="mapa-bairros-legenda" className="w-full rounded border border-slate-300 bg-white">
            {areas.map((area) => (
              <path key={area.name} d={area.path} fill={area.color} stroke="#334155" strokeWidth={1.5}>
                <title>{`${area.name}: ${number.format(area.received)}`}</title>
              </path>
            ))}
          </svg>
          <figcaption id="mapa-bairros-legenda" className="mt-2 text-sm">
            Manifestações por bairro no período (bairros desenhados no mapa):{' '}
            {areas.map((area) => `${area.name} ${number.format(area.received)}`).join('; ')}.
            {maps.undrawn > 0 && ` Outras ${number.format(maps.undrawn)} são de bairros sem contorno no mapa.`}
          </figcaption>
          {legend.length > 0 && (
            <ul className="mt-2 flex flex-wrap gap-3 text-sm" aria-label="Legenda das cores">
              {legend.map((entry) => (
                <li key={entry.color} className="flex items-center gap-1">
                  <span aria-hidden="true" className="inline-block h-4 w-6 border border-slate-500" style={{ backgroundColor: entry.color }} />
                  até {number.format(entry.upTo)}
                </li>
              ))}
            </ul>
          )}
        </figure>
        <figure>
          <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="mapa-calor-legenda" className="w-full rounded border border-slate-300 bg-white">
            {areas.map((area) => (
              <path key={area.name} d={area.path} fill="#f8fafc" stroke="#64748b" strokeWidth={1} />
            ))}
            {heat.cells.map((cell) => (
              <rect key={`${cell.x},${cell.y}`} x={cell.x} y={cell.y} width={cell.size} height={cell.size} fill="#b91c1c" fillOpacity={cell.opacity}>
                <title>{number.format(cell.received)}</title>
              </rect>
            ))}
          </svg>
          <figcaption id="mapa-calor-legenda" className="mt-2 text-sm">
            Mapa de calor dos {heatName} com local marcado no período: {number.format(heat.located)} pedidos; quanto mais escuro, mais pedidos
            no mesmo quarteirão.
            {heat.outside > 0 && ` ${number.format(heat.outside)} ficam fora da área urbana mostrada.`} Escolha um serviço em “Assunto” nos filtros
            para ver só ele.
          </figcaption>
        </figure>
      </div>
    </section>
  );
}

import { CHANNEL_LABELS, KIND_LABELS, SERVICE_LABELS } from '@/lib/domain/labels';
import { PRIORITY_BADGES } from '@/lib/domain/priorities';
import { CHANNELS, DEMAND_KINDS, DEMAND_PRIORITIES, SERVICES } from '@/lib/domain/vocabulary';
import type { StatsDimensions } from './dimensions';
import type { StatsFilter, StatsScope } from './filters';

export type FilterFieldSpec = {
  name: string;
  label: string;
  allLabel: string;
  value?: string;
  options: { value: string; label: string }[];
};

/** The filter form's selects, limited to the departments the viewer may count. */
export function filterFields(filter: StatsFilter, dimensions: StatsDimensions, scope: StatsScope): FilterFieldSpec[] {
  const departments =
    scope.departmentIds === 'all' ? dimensions.departments : dimensions.departments.filter((d) => scope.departmentIds.includes(d.id));
  return [
    { name: 'service', label: 'Serviço', allLabel: 'Ouvidoria e Balcão', value: filter.service, options: SERVICES.map((s) => ({ value: s, label: SERVICE_LABELS[s] })) },
    { name: 'kind', label: 'Tipo', allLabel: 'Todos os tipos', value: filter.kind, options: DEMAND_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] })) },
    {
      name: 'category',
      label: 'Serviço ou assunto',
      allLabel: 'Todos',
      value: filter.categoryId,
      options: dimensions.categories.map((c) => ({ value: c.id, label: `${c.name} (${SERVICE_LABELS[c.service]})` })),
    },
    {
      name: 'department',
      label: 'Secretaria',
      allLabel: scope.departmentIds === 'all' ? 'Todas' : 'Todas as minhas',
      value: filter.departmentId,
      options: departments.map((d) => ({ value: d.id, label: d.name })),
    },
    { name: 'channel', label: 'Canal', allLabel: 'Todos os canais', value: filter.channel, options: CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] })) },
    { name: 'bairro', label: 'Bairro', allLabel: 'Todos os bairros', value: filter.neighbourhoodId, options: dimensions.neighbourhoods.map((n) => ({ value: n.id, label: n.name })) },
    { name: 'priority', label: 'Prioridade', allLabel: 'Todas as prioridades', value: filter.priority, options: DEMAND_PRIORITIES.map((p) => ({ value: p, label: PRIORITY_BADGES[p] })) },
  ];
}

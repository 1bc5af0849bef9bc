import 'server-only';
import { cache } from 'react';
import { asc } from 'drizzle-orm';
import { getReadDb } from '@/lib/db/client';
import { categories, departments, neighbourhoods } from '@/lib/db/schema';
import { CHANNEL_LABELS, KIND_LABELS, SERVICE_LABELS } from '@/lib/domain/labels';
import { PRIORITY_BADGES } from '@/lib/domain/priorities';
import type { Channel, DemandKind, DemandPriority, Service } from '@/lib/domain/vocabulary';
import type { GroupKey } from './indicators';

export type Option = { id: string; name: string };
export type CategoryOption = Option & { service: Service; departmentId: string };
export type DepartmentOption = Option & { acronym: string | null; isInternalControl: boolean };

export type StatsDimensions = {
  categories: CategoryOption[];
  departments: DepartmentOption[];
  neighbourhoods: Option[];
};

/** The reference rows that name what the statistics count, read once per request. */
export const loadStatsDimensions = cache(async (): Promise<StatsDimensions> => {
  const db = await getReadDb();
  const [categoryRows, departmentRows, neighbourhoodRows] = await Promise.all([
    db.select({ id: categories.id, name: categories.name, service: categories.service, departmentId: categories.departmentId }).from(categories).orderBy(asc(categories.name)),
    db
      .select({ id: departments.id, name: departments.name, acronym: departments.acronym, isInternalControl: departments.isInternalControl })
      .from(departments)
      .orderBy(asc(departments.name)),
    db.select({ id: neighbourhoods.id, name: neighbourhoods.name }).from(neighbourhoods).orderBy(asc(neighbourhoods.name)),
  ]);
  return { categories: categoryRows, departments: departmentRows, neighbourhoods: neighbourhoodRows };
});

const NONE: Record<Exclude<GroupKey, 'month'>, string> = {
  service: '—',
  kind: '—',
  category: 'Sem assunto',
  department: 'Sem secretaria (ainda na triagem)',
  channel: '—',
  bairro: 'Sem bairro (Ouvidoria)',
  priority: '—',
  tag: '—',
};

/** The pt-BR name of a dimension value, as the tables and the CSV show it. */
export function labelOf(dimensions: StatsDimensions, key: Exclude<GroupKey, 'month'>, value: string | null): string {
  if (value === null) return NONE[key];
  switch (key) {
    case 'service':
      return SERVICE_LABELS[value as Service] ?? value;
    case 'kind':
      return KIND_LABELS[value as DemandKind] ?? value;
    case 'channel':
      return CHANNEL_LABELS[value as Channel] ?? value;
    case 'category':
      return dimensions.categories.find((c) => c.id === value)?.name ?? value;
    case 'department':
      return dimensions.departments.find((d) => d.id === value)?.name ?? value;
    case 'bairro':
      return dimensions.neighbourhoods.find((n) => n.id === value)?.name ?? value;
    case 'priority':
      return PRIORITY_BADGES[value as DemandPriority] ?? value;
    case 'tag':
      return value;
  }
}

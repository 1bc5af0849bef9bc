import { SERVICE_LABELS } from '@/lib/domain/labels';
import type { Service } from '@/lib/domain/vocabulary';

export function categoryChoices(rows: { category: { id: string; name: string; service: Service; active: boolean } }[]) {
  return rows.map(({ category }) => ({
    value: category.id,
    label: `${SERVICE_LABELS[category.service]}: ${category.name}${category.active ? '' : ' (indisponível)'}`,
  }));
}

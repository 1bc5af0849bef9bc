import { ROLE_LABELS } from '@/lib/domain/labels';
import { ROLES } from '@/lib/domain/vocabulary';
import { STAFF_ROLES } from '@/lib/auth/guards';

export const ALL_ROLE_CHOICES = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
export const STAFF_ROLE_CHOICES = STAFF_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

export function departmentChoices(departments: { id: string; name: string; active: boolean; isInternalControl: boolean }[]) {
  return departments.map((d) => ({ value: d.id, label: `${d.name}${d.isInternalControl && !d.name.includes('Controle Interno') ? ' (Controle Interno)' : ''}${d.active ? '' : ' — inativa'}` }));
}

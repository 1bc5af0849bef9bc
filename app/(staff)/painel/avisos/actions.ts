'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireStaff } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import { markStaffAlertsRead } from '@/lib/demands/staff-alerts';

/** Marks one alert, or all ("todos"), as read for the signed-in person; a plain form post without JavaScript. */
export async function markAlertsReadAction(formData: FormData): Promise<void> {
  const actor = await guarded(requireStaff, '/painel/avisos');
  const result = await markStaffAlertsRead(actor, { alertId: formData.get('alertId') });
  revalidatePath('/painel', 'layout');
  redirect(`/painel/avisos?feito=${result.ok ? (formData.get('alertId') === 'todos' ? 'todos' : 'lido') : 'nao-encontrado'}`);
}

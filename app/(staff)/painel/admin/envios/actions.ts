'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireRole } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import { retryAllFailedMessages, retryFailedMessage } from '@/lib/delivery/outbox-admin';

const RetrySchema = z.object({ id: z.uuid() });

export async function retryMessage(formData: FormData): Promise<void> {
  await guarded(() => requireRole('admin'), '/painel/admin/envios');
  const parsed = RetrySchema.safeParse({ id: formData.get('id') });
  if (!parsed.success) redirect('/painel/admin/envios?resultado=invalido');
  const retried = await retryFailedMessage({ id: parsed.data.id });
  redirect(`/painel/admin/envios?resultado=${retried ? 'reenviando' : 'nada'}`);
}

export async function retryAllMessages(): Promise<void> {
  await guarded(() => requireRole('admin'), '/painel/admin/envios');
  const retried = await retryAllFailedMessages();
  redirect(`/painel/admin/envios?resultado=${retried > 0 ? 'reenviando' : 'nada'}`);
}

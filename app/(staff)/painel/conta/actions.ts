'use server';

import { redirect } from 'next/navigation';
import { endOtherOwnSessions, endOwnSession } from '@/lib/accounts/auth-sessions';
import { requireStaff } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';

/** Ends one of the signed-in person's own sessions (the current one included: that is signing out there). */
export async function endSessionAction(formData: FormData): Promise<void> {
  const actor = await guarded(requireStaff, '/painel/conta');
  const result = await endOwnSession(actor, { sessionId: formData.get('sessionId') });
  if (result.ok && formData.get('sessionId') === actor.sessionId) redirect('/entrar');
  redirect(`/painel/conta?${new URLSearchParams({ feito: result.ok ? 'sessao' : 'sessao-ja-encerrada' })}#sessoes`);
}

export async function endOtherSessionsAction(): Promise<void> {
  const actor = await guarded(requireStaff, '/painel/conta');
  await endOtherOwnSessions(actor, actor.sessionId);
  redirect('/painel/conta?feito=outras#sessoes');
}

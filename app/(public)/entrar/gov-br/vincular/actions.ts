'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { confirmGovbrLink } from '@/lib/accounts/govbr-link';

const ConfirmSchema = z.object({ token: z.string().min(20).max(200) });

// Public by design: the one-time token from the e-mail is the authorization (only its owner has it).
export async function confirmGovbrLinkAction(formData: FormData): Promise<void> {
  const parsed = ConfirmSchema.safeParse({ token: formData.get('token') });
  if (!parsed.success) redirect('/entrar/gov-br/vincular?situacao=invalido');
  const result = await confirmGovbrLink(parsed.data.token);
  if (result.ok) redirect('/entrar?govbr=vinculada');
  redirect(`/entrar/gov-br/vincular?situacao=${result.reason === 'cpf_taken' ? 'cpf-em-uso' : 'invalido'}`);
}

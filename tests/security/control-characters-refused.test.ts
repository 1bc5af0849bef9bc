import { SOCKET_ADDRESS_HEADER } from '@/lib/http/client-address';
import { count } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { idleState, type FormState } from '@/lib/actions/form-state';
import type { IntakeReceipt } from '@/components/demand/receipt';
import { fileOuvidoriaDemand } from '@/app/(ouvidoria)/ouvidoria/actions';
import { fileBalcaoRequest } from '@/app/(balcao)/balcao/actions';
import { signUpCitizen } from '@/lib/accounts/sign-up';
import { getDb } from '@/lib/db/client';
import { demands, whatsappInboundMessages } from '@/lib/db/schema';
import { CONTROL_CHARACTER_MESSAGE } from '@/lib/domain/plain-text';
import { AnswerSchema, NoteSchema, RatingSchema } from '@/lib/domain/workspace-schemas';
import { balcaoInput, ouvidoriaInput } from '../factories';
import { deliverWebhook, sentTexts, withFakeCloudApi } from '../support/whatsapp-harness';
import { inboundPayload, maria, message, text } from '../support/whatsapp-payloads';

/**
 * Threat: a NUL byte (or another control character) typed or posted into a text field reaches
 * PostgreSQL, which refuses it: the filing fails with a 500 — and, before database errors were redacted,
 * wrote the filer's identity to the log. Every field refuses it instead, in Portuguese, keeping the rest.
 */
vi.mock('@/lib/auth/auth', () => ({ auth: async () => null }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ [SOCKET_ADDRESS_HEADER]: '203.0.113.52' }) }));

const { graph } = withFakeCloudApi();

function post(fields: Record<string, unknown>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (name === 'service' || value === undefined) continue;
    if (value && typeof value === 'object') {
      for (const [inner, innerValue] of Object.entries(value)) data.append(`${name}.${inner}`, String(innerValue));
    } else data.append(name, String(value));
  }
  return data;
}

async function demandCount() {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(demands);
  return row?.n ?? 0;
}

describe('control characters in what people type', () => {
  it('the Ouvidoria form refuses a NUL in the description, and a control character in the name, saying what to fix and keeping the text', async () => {
    const before = await demandCount();
    const description = 'Há um buraco enorme na rua\u0000 e ninguém aparece para consertar há meses.';
    const state = await fileOuvidoriaDemand(idleState as FormState<IntakeReceipt>, post(ouvidoriaInput({ identity: 'confidential', description, name: 'Maria\u0007 da Silva' })));

    expect(state.status).toBe('error');
    if (state.status !== 'error') return;
    expect(state.fieldErrors.description).toContain(CONTROL_CHARACTER_MESSAGE);
    expect(state.fieldErrors.name).toContain(CONTROL_CHARACTER_MESSAGE);
    expect(state.values.description).toBe(description);
    expect(await demandCount()).toBe(before);
  });

  it('line breaks and tabs in a description are still fine', async () => {
    const state = await fileOuvidoriaDemand(idleState as FormState<IntakeReceipt>, post(ouvidoriaInput({ description: 'Primeira linha do relato.\r\n\tSegunda linha, com recuo.' })));
    expect(state.status).toBe('success');
  });

  it('the Balcão form refuses one in the address and in a service question', async () => {
    const input = await balcaoInput({ addressLine: 'Rua Amando\u0000 de Barros, 100' });
    const state = await fileBalcaoRequest(idleState as FormState<IntakeReceipt>, post({ ...input, details: { reference_point: 'perto\u001b da escola' } }));
    expect(state.status).toBe('error');
    if (state.status !== 'error') return;
    expect(state.fieldErrors.addressLine).toContain(CONTROL_CHARACTER_MESSAGE);
    expect(state.fieldErrors['details.reference_point']).toContain(CONTROL_CHARACTER_MESSAGE);
  });

  it('sign-up refuses one in the name', async () => {
    const result = await signUpCitizen(
      { name: 'Joana\u0000 Souza', email: 'joana.controle@exemplo.org', phone: '(14) 99876-5432', password: 'uma-senha-bem-longa', passwordConfirmation: 'uma-senha-bem-longa' },
      { clientAddress: '203.0.113.53' },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors.name).toContain(CONTROL_CHARACTER_MESSAGE);
  });

  it('the workspace and status-page texts refuse them too', () => {
    const demandId = '3f1c1a52-0f5a-4b7e-9a55-6f3c2d1e0a11';
    for (const result of [
      NoteSchema.safeParse({ demandId, body: 'Nota interna\u0000 sobre o caso' }),
      AnswerSchema.safeParse({ demandId, body: 'Resposta conclusiva ao cidadão\u0000 com detalhes.' }),
      RatingSchema.safeParse({ demandId, via: 'status_link', rating: '4', resolved: 'sim', comment: 'ok\u0000' }),
    ]) {
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => issue.message)).toContain(CONTROL_CHARACTER_MESSAGE);
    }
  });

  it('a WhatsApp message with a NUL is kept without its content and the citizen is asked to type it again', async () => {
    const receipt = await deliverWebhook(inboundPayload(maria, [message(maria, text('quero registrar\u0000 uma reclamação'))]));

    expect(receipt.status).toBe(200);
    const db = await getDb();
    const rows = await db.select({ payload: whatsappInboundMessages.payload }).from(whatsappInboundMessages);
    expect(JSON.stringify(rows)).not.toContain('registrar');
    expect(sentTexts(graph()).join('\n')).toMatch(/caracteres invisíveis/);
  });
});

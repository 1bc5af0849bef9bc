import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { whatsappContactDemands, whatsappContacts } from '@/lib/db/schema';
import { fileDemand } from '@/lib/demands/intake';
import { ouvidoriaInput } from '../factories';
import { deliverWebhook, sentTexts, withFakeCloudApi } from '../support/whatsapp-harness';
import { inboundPayload, message, text, type Sender } from '../support/whatsapp-payloads';

/**
 * Threat: the tracking page's proof over WhatsApp. Typing a denúncia's protocol and then the
 * denunciante's e-mail opened it, and linked the asker's number to the demand for good (its notices and
 * its thread). A number that matches the one given when filing is no proof for a protected demand either.
 */

const { graph } = withFakeCloudApi();

function citizen(sender: Sender) {
  return (body: Parameters<typeof message>[1]) => deliverWebhook(inboundPayload(sender, [message(sender, body)]));
}

async function linkedDemands(sender: Sender) {
  const db = await getDb();
  const [contact] = await db.select().from(whatsappContacts).where(eq(whatsappContacts.waId, sender.waId ?? ''));
  if (!contact) return [];
  return db.select().from(whatsappContactDemands).where(eq(whatsappContactDemands.contactId, contact.id));
}

describe('tracking a protected demand over WhatsApp', () => {
  it('refuses the denunciante\'s e-mail as proof and links nothing; the access code opens it', async () => {
    const filed = await fileDemand(
      ouvidoriaInput({ kind: 'denunciation', identity: 'confidential', subject: 'Desvio de merenda', email: 'quem.denuncia@exemplo.com.br', phone: '(14) 99876-5411' }),
      { channel: 'web' },
    );
    if (!filed.ok) throw new Error('not filed');
    const { protocol } = filed.demand;

    const stranger: Sender = { name: 'Curioso', waId: '5514990001111' };
    const say = citizen(stranger);
    await say(text(protocol));
    await say(text('quem.denuncia@exemplo.com.br'));
    expect(sentTexts(graph()).at(-1)).toContain('Não encontramos uma manifestação com esse protocolo');
    expect(sentTexts(graph()).join('\n')).not.toContain('Desvio de merenda');
    expect(await linkedDemands(stranger)).toEqual([]);

    // The number given when filing does not open it by itself either.
    const sameNumber: Sender = { name: 'Mesmo Número', waId: '5514998765411' };
    await citizen(sameNumber)(text(protocol));
    expect(sentTexts(graph()).at(-1)).toContain(`Para ver o protocolo ${protocol}, confirme que ele é seu`);
    expect(await linkedDemands(sameNumber)).toEqual([]);

    await citizen(sameNumber)(text(filed.demand.accessCode ?? ''));
    expect(sentTexts(graph()).join('\n')).toContain(`Protocolo *${protocol}* — Ouvidoria`);
  });
});

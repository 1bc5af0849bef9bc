import { and, count, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { expireIdleConversations } from '@/lib/channels/whatsapp/maintenance';
import { getDb } from '@/lib/db/client';
import {
  attachments,
  demandEvents,
  demands,
  outbox,
  whatsappContactDemands,
  whatsappContacts,
  whatsappConversations,
  whatsappInboundMessages,
  whatsappOutboundMessages,
} from '@/lib/db/schema';
import { sendWhatsappOutboxMessage } from '@/lib/channels/whatsapp/send';
import { fileDemand } from '@/lib/demands/intake';
import { processWhatsappContacts } from '@/lib/channels/whatsapp/inbound';
import { toChatMessages } from '@/lib/channels/chat/chat-view';
import { listWhatsappThreadForDemand } from '@/lib/channels/whatsapp/thread';
import { formatProtocol, parseProtocol } from '@/lib/domain/protocol';
import { getFileStore } from '@/lib/storage';
import { aNeighbourhood, balcaoCategory, ouvidoriaInput } from '../factories';
import { deliverWebhook, lastInteractive, sentTexts, withFakeCloudApi } from '../support/whatsapp-harness';
import {
  audio,
  buttonReply,
  image,
  inboundPayload,
  listReply,
  location,
  maria,
  message,
  text,
  type Sender,
} from '../support/whatsapp-payloads';

const { graph } = withFakeCloudApi();

/** One citizen typing: each call is one webhook with one message, processed before the next. */
function citizen(sender: Sender) {
  return (body: Parameters<typeof message>[1], options?: Parameters<typeof message>[2]) => deliverWebhook(inboundPayload(sender, [message(sender, body, options)]));
}

async function aPhotoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 90, g: 90, b: 90 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'Celular', Model: 'Modelo X' }, IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '22/1 53/1 0/1' } })
    .toBuffer();
}

async function contactOf(sender: Sender) {
  const db = await getDb();
  const [contact] = sender.waId
    ? await db.select().from(whatsappContacts).where(eq(whatsappContacts.waId, sender.waId))
    : await db.select().from(whatsappContacts).where(eq(whatsappContacts.userId, sender.userId ?? ''));
  if (!contact) throw new Error('no contact');
  return contact;
}

describe('filing over WhatsApp', () => {
  it('files a Balcão request with a photo, a shared location and the bairro, and answers with protocol, deadline and link', async () => {
    const fake = graph();
    const say = citizen(maria);
    const photo = await aPhotoWithGps();
    const { sha256Base64 } = fake.addMedia('1289737654321098', photo, 'image/jpeg');
    const category = await balcaoCategory('tapa-buraco');
    const centro = await aNeighbourhood('Centro');

    await say(text('Oi, bom dia'));
    expect(sentTexts(fake)[0]).toContain('Olá, Maria!');
    expect(fake.sent.every((s) => s.authorization === `Bearer ${fake.token}` && s.body.to === maria.waId)).toBe(true);
    expect(fake.sent[0]?.path).toBe('/v23.0/106540352242922/messages');

    await say(listReply('menu:balcao', '2. Balcão da Cidadania'));
    // Page through the catalogue as the citizen would, until Tapa-buraco shows.
    let row: { id: string; title: string } | undefined;
    for (let pages = 0; pages < 4 && !row; pages++) {
      const list = lastInteractive(fake);
      if (list?.type !== 'list') throw new Error('expected the catalogue list');
      const rows = list.action.sections[0]?.rows ?? [];
      expect(rows.length).toBeLessThanOrEqual(10);
      row = rows.find((r) => r.title.includes('Tapa-buraco'));
      if (!row) await say(listReply('page:next', 'Mais opções ›'));
    }
    if (!row) throw new Error('Tapa-buraco never listed');
    await say(listReply(row.id, row.title));
    expect(sentTexts(fake).at(-1)).toContain('Ponto de referência');
    await say(text('Em frente à padaria'));
    await say(text('Buraco grande no asfalto, os carros desviam pela contramão.'));
    await say(image('1289737654321098', sha256Base64));
    expect(sentTexts(fake).at(-1)).toContain('Recebi 1 arquivo.');
    await say(buttonReply('attachments:done', 'Continuar'));
    await say(location(-22.8858, -48.445, 'Rua Amando de Barros, 1200', 'Centro, Botucatu - SP'));
    // The point is in the Centro as the município drew it: no question about the bairro.
    expect(sentTexts(fake).at(-1)).toContain('Como quer se identificar?');
    await say(buttonReply('identity:identified', 'Identificada'));
    await say(buttonReply('name:profile', 'Usar este nome'));
    expect(sentTexts(fake).at(-1)).toContain('• Anexos: 1 arquivo');
    expect(sentTexts(fake).at(-1)).toContain('• Local: Rua Amando de Barros, 1200, Centro, Botucatu - SP, Centro');
    await say(buttonReply('confirm:yes', 'Confirmar'));

    const receipt = sentTexts(fake).at(-2) ?? '';
    const protocol = receipt.match(/Protocolo: \*(\d{4}-\d{6}-\d)\*/)?.[1] ?? '';
    expect(parseProtocol(protocol).ok).toBe(true);
    expect(receipt).toMatch(/Prazo de resposta: até \d{2}\/\d{2}\/\d{4}\./);
    expect(receipt).toContain(`https://ouvidoria.botucatu.sp.gov.br/acompanhar?protocolo=${protocol}`);

    const db = await getDb();
    const [demand] = await db.select().from(demands).where(eq(demands.protocol, protocol));
    expect(demand).toMatchObject({
      channel: 'whatsapp',
      service: 'balcao',
      categoryId: category.id,
      neighbourhoodId: centro.id,
      addressLine: 'Rua Amando de Barros, 1200, Centro, Botucatu - SP',
      latitude: -22.8858,
      longitude: -48.445,
      details: { reference_point: 'Em frente à padaria' },
      identity: 'identified',
      requesterName: 'Maria da Silva',
      requesterPhone: '+5514991234567',
      notifyByWhatsapp: true,
    });
    if (!demand) return;

    // The photo came through Meta's media flow with the token, and was stored without its EXIF/GPS.
    expect(fake.mediaRequests.map((r) => [r.path, r.authorization])).toEqual([
      ['/v23.0/1289737654321098', `Bearer ${fake.token}`],
      ['/media-download/1289737654321098', `Bearer ${fake.token}`],
    ]);
    const files = await db.select().from(attachments).where(eq(attachments.demandId, demand.id));
    expect(files).toEqual([expect.objectContaining({ contentType: 'image/jpeg', fileName: 'whatsapp-1.jpg' })]);
    // In the same store as every other channel's files, linked to the demand's first movement.
    const [received] = await db.select().from(demandEvents).where(and(eq(demandEvents.demandId, demand.id), eq(demandEvents.type, 'received')));
    expect(files[0]?.eventId).toBe(received?.id);
    const bytes = Buffer.from(await new Response(await getFileStore().read(files[0]?.storageKey ?? '')).arrayBuffer());
    const stored = await sharp(bytes).metadata();
    expect(stored.width).toBe(64);
    expect(stored.exif).toBeUndefined();

    // It is this contact's demand now, and the citizen is told about it over WhatsApp through the outbox.
    const contact = await contactOf(maria);
    expect(await db.select().from(whatsappContactDemands).where(eq(whatsappContactDemands.demandId, demand.id))).toEqual([
      expect.objectContaining({ contactId: contact.id }),
    ]);
    // Beside it, the staff_new_demand e-mail to the Balcão's secretaria that every intake writes.
    const receipts = (await db.select().from(outbox).where(eq(outbox.demandId, demand.id))).filter((m) => m.channel === 'whatsapp');
    expect(receipts).toEqual([expect.objectContaining({ channel: 'whatsapp', recipient: '+5514991234567', template: 'demand_received' })]);
    // The conversation already gave the receipt: the outbox row is answered by that reply, not a second message.
    const sentBefore = fake.sent.length;
    const [receiptRow] = receipts;
    if (!receiptRow) return;
    const { id } = await sendWhatsappOutboxMessage(receiptRow);
    expect(fake.sent.length).toBe(sentBefore);
    const [receiptReply] = await db.select().from(whatsappOutboundMessages).where(eq(whatsappOutboundMessages.providerMessageId, id));
    expect(receiptReply?.preview).toContain(`Protocolo: *${protocol}*`);
    const [conversation] = await db.select().from(whatsappConversations).where(eq(whatsappConversations.contactId, contact.id));
    expect(conversation).toMatchObject({ step: 'start', expiresAt: null });
  });

  it('looks a protocol up: state, last public movement and deadline; a wrong check digit is explained', async () => {
    const fake = graph();
    const joao: Sender = { name: 'João', waId: '5514998765432' };
    const say = citizen(joao);
    // Filed on the web with this very number: WhatsApp vouches for it, no further proof.
    const mine = await fileDemand(ouvidoriaInput({ phone: '(14) 99876-5432', notifyByWhatsapp: 'on' }), { channel: 'web' });
    if (!mine.ok) throw new Error('intake failed');
    const protocol = mine.demand.protocol;

    await say(text('oi'));
    await say(text('3'));
    const digits = protocol.replaceAll('-', '');
    const wrong = `${digits.slice(0, -1)}${(Number(digits.slice(-1)) + 3) % 10}`;
    await say(text(wrong));
    expect(sentTexts(fake).at(-1)).toContain('dígito verificador');

    await say(text(protocol));
    const summary = sentTexts(fake).at(-2) ?? '';
    expect(summary).toContain(`Protocolo *${protocol}* — Ouvidoria`);
    expect(summary).toContain('Situação: *Recebida*');
    expect(summary).toMatch(/Última movimentação: Registrada, em \d{2}\/\d{2}\/\d{4}: Registrada pelo canal Site\./);
    expect(summary).toMatch(/Prazo de resposta: até \d{2}\/\d{2}\/\d{4} \(faltam \d+ dias\)/);
    const db = await getDb();
    const contact = await contactOf(joao);
    expect(await db.select().from(whatsappContactDemands).where(eq(whatsappContactDemands.contactId, contact.id))).toEqual([
      expect.objectContaining({ demandId: mine.demand.id }),
    ]);
  });

  it('asks for the e-mail, phone or access code before showing someone else’s protocol, and says the same for one that does not exist', async () => {
    const fake = graph();
    const lia: Sender = { name: 'Lia', waId: '5514998765400' };
    const say = citizen(lia);
    const theirs = await fileDemand(ouvidoriaInput({ email: 'outra.pessoa@exemplo.com.br' }), { channel: 'web' });
    if (!theirs.ok) throw new Error('intake failed');

    await say(text(theirs.demand.protocol));
    const ask = sentTexts(fake).at(-1) ?? '';
    expect(ask).toContain(`Para ver o protocolo ${theirs.demand.protocol}, confirme que ele é seu`);
    expect(ask).not.toContain('Recebida');
    await say(text('palpite@exemplo.com.br'));
    expect(sentTexts(fake).at(-1)).toContain('Não encontramos uma manifestação com esse protocolo e esse código de acesso, e-mail ou celular.');
    await say(text('menu'));

    const nonexistent = formatProtocol(2026, 999_999);
    await say(text(nonexistent));
    expect(sentTexts(fake).at(-1)).toBe(ask.replaceAll(theirs.demand.protocol, nonexistent));

    await say(text(theirs.demand.protocol));
    await say(text('Outra.Pessoa@exemplo.com.br'));
    expect(sentTexts(fake).at(-2)).toContain(`Protocolo *${theirs.demand.protocol}* — Ouvidoria`);
  });

  it('applies a message Meta delivers twice once: one demand', async () => {
    const ana: Sender = { name: 'Ana Souza', waId: '5514997770001' };
    const say = citizen(ana);
    await say(text('oi'));
    await say(text('1'));
    await say(text('3'));
    await say(text('Sugiro uma ciclofaixa ligando o centro à zona norte da cidade.'));
    await say(text('sem anexos'));
    await say(text('1'));
    await say(text('1'));
    const confirm = inboundPayload(ana, [message(ana, buttonReply('confirm:yes', 'Confirmar'))]);

    const db = await getDb();
    const countOf = async () => (await db.select({ n: count() }).from(demands).where(eq(demands.requesterPhone, '+5514997770001')))[0]?.n;
    const [first, again] = await Promise.all([deliverWebhook(confirm), deliverWebhook(confirm)]);
    const third = await deliverWebhook(confirm);
    expect([first.status, again.status, third.status]).toEqual([200, 200, 200]);
    expect(first.contactIds.length + again.contactIds.length).toBe(1);
    expect(third.contactIds).toEqual([]);
    expect(await countOf()).toBe(1);
    const receipts = sentTexts(graph()).filter((t) => t.startsWith('Pronto! Registramos'));
    expect(receipts).toHaveLength(1);
  });

  it('sends no second receipt when a worker takes the notification before the conversation\'s receipt has gone out', async () => {
    const fake = graph();
    const bia: Sender = { name: 'Bia Lima', waId: '5514997770009' };
    const say = citizen(bia);
    for (const step of ['oi', '1', '3', 'Sugiro bancos na praça da matriz.', 'sem anexos', '1', '1']) await say(text(step));
    await say(buttonReply('confirm:yes', 'Confirmar'));
    const db = await getDb();
    const [demand] = await db.select().from(demands).where(eq(demands.requesterPhone, '+5514997770009'));
    if (!demand) throw new Error('not filed');
    const [notification] = await db.select().from(outbox).where(and(eq(outbox.demandId, demand.id), eq(outbox.channel, 'whatsapp')));
    if (!notification) throw new Error('no notification row');
    // As it is between the filing's commit and Meta's answer to the reply: queued, no message id yet.
    const replies = await db.select().from(whatsappOutboundMessages).where(eq(whatsappOutboundMessages.demandId, demand.id));
    const accepted = replies.map((reply) => ({ id: reply.id, providerMessageId: reply.providerMessageId }));
    await db.update(whatsappOutboundMessages).set({ status: 'sending', providerMessageId: null }).where(eq(whatsappOutboundMessages.demandId, demand.id));
    const sentBefore = fake.sent.length;

    await expect(sendWhatsappOutboxMessage(notification)).rejects.toMatchObject({ retryable: true });
    expect(fake.sent.length).toBe(sentBefore);

    for (const reply of accepted) await db.update(whatsappOutboundMessages).set({ status: 'accepted', providerMessageId: reply.providerMessageId }).where(eq(whatsappOutboundMessages.id, reply.id));
    const { id } = await sendWhatsappOutboxMessage(notification);
    expect(fake.sent.length).toBe(sentBefore);
    expect(accepted.map((reply) => reply.providerMessageId)).toContain(id);
  });

  it('turns free text on a demand and "talk to an attendant" into timeline events staff see', async () => {
    const fake = graph();
    const rita: Sender = { name: 'Rita', waId: '5514996660002' };
    const say = citizen(rita);
    await say(text('oi'));
    await say(text('2'));
    const category = await balcaoCategory('retirada-de-entulho');
    await say(listReply(`service:${category.id}`, 'Retirada de entulho'));
    await say(buttonReply('skip', 'Pular'));
    await say(text('Entulho de obra jogado na calçada há uma semana.'));
    await say(text('sem anexos'));
    await say(text('Rua Curuzu, 300'));
    await say(text('Lavapés'));
    await say(text('1'));
    await say(text('1'));
    await say(text('confirmar'));
    const db = await getDb();
    const [demand] = await db.select().from(demands).where(eq(demands.requesterPhone, '+5514996660002'));
    if (!demand) throw new Error('not filed');

    await say(text('3'));
    await say(text('1')); // the first of "my demands"
    expect(sentTexts(fake).at(-2)).toContain(`Protocolo *${demand.protocol}*`);
    await say(text('Agora tem também um sofá velho no mesmo lugar.'));
    expect(sentTexts(fake).at(-1)).toContain(`Mensagem enviada! Ela foi juntada ao protocolo ${demand.protocol}`);

    await say(text('menu'));
    await say(listReply('menu:attendant', '4. Falar com atendente'));
    await say(listReply(`demand:${demand.id}`, demand.protocol));
    await say(text('Quero saber quando vão passar aqui.'));

    const events = await db.select().from(demandEvents).where(and(eq(demandEvents.demandId, demand.id), eq(demandEvents.type, 'citizen_message')));
    expect(events.map((e) => [e.body, e.visibility, e.actorLabel])).toEqual([
      ['Agora tem também um sofá velho no mesmo lugar.', 'public', 'Cidadão'],
      ['Pedido para falar com um atendente, pelo WhatsApp:\nQuero saber quando vão passar aqui.', 'public', 'Cidadão'],
    ]);
    expect(events.every((e) => (e.data as { via?: string }).via === 'whatsapp')).toBe(true);

    // On the demand's page staff read the conversation about it, with what reached her phone.
    const thread = toChatMessages(await listWhatsappThreadForDemand(demand.id));
    const citizenWords = thread.filter((m) => m.direction === 'in').map((m) => m.text);
    expect(citizenWords).toEqual(expect.arrayContaining(['confirmar', 'Agora tem também um sofá velho no mesmo lugar.', 'Quero saber quando vão passar aqui.']));
    const answers = thread.filter((m) => m.direction === 'out');
    expect(answers.some((m) => m.text.includes(`Protocolo *${demand.protocol}*`) || m.text.includes(demand.protocol))).toBe(true);
    expect(answers.every((m) => m.direction === 'out' && !m.options && m.statusLabel.length > 0)).toBe(true);
  });

  it('files anonymously: no phone, no link to the number, and the typed texts blanked from the log', async () => {
    const fake = graph();
    const anon: Sender = { name: 'Fulano', waId: '5514995550003' };
    const say = citizen(anon);
    await say(text('oi'));
    await say(text('1'));
    await say(text('2'));
    await say(text('Um carro oficial fica estacionado todo fim de semana numa chácara particular.'));
    await say(text('sem anexos'));
    await say(buttonReply('identity:anonymous', 'Anônima'));
    await say(buttonReply('confirm:yes', 'Confirmar'));
    const receipt = sentTexts(fake).at(-2) ?? '';
    const protocol = receipt.match(/Protocolo: \*(\d{4}-\d{6}-\d)\*/)?.[1] ?? '';
    expect(receipt).toMatch(/Código de acesso: \*[A-Z2-9]{5}-[A-Z2-9]{5}\*/);

    const db = await getDb();
    const [demand] = await db.select().from(demands).where(eq(demands.protocol, protocol));
    expect(demand).toMatchObject({ identity: 'anonymous', kind: 'denunciation', requesterName: null, requesterPhone: null, notifyByWhatsapp: false });
    const contact = await contactOf(anon);
    expect(await db.select().from(whatsappContactDemands).where(eq(whatsappContactDemands.contactId, contact.id))).toEqual([]);
    const logged = await db.select().from(whatsappInboundMessages).where(eq(whatsappInboundMessages.contactId, contact.id));
    const description = logged.find((m) => m.type === 'text' && JSON.stringify(m.payload).includes('chácara'));
    expect(description).toBeUndefined();
    expect(logged.filter((m) => (m.payload as { redacted?: boolean }).redacted).length).toBeGreaterThanOrEqual(5);
    expect(logged.every((m) => m.demandId === null)).toBe(true);

    // Following it takes the access code.
    const code = receipt.match(/Código de acesso: \*([A-Z2-9-]+)\*/)?.[1] ?? '';
    await say(text(protocol));
    // Since issue 9 a sigilosa or a denúncia also takes only the code (tests/security/whatsapp-tracking-protected-by-contact.test.ts).
    expect(sentTexts(fake).at(-1)).toContain('digite o código de acesso (se a manifestação é anônima, sigilosa ou uma denúncia)');
    await say(text('AAAAA-BBBBB'));
    expect(sentTexts(fake).at(-1)).toContain('Não encontramos uma manifestação com esse protocolo');
    await say(text(code.toLowerCase()));
    expect(sentTexts(fake).at(-2)).toContain('Situação: *Recebida*');
    // Still nothing ties this number to the anonymous demand.
    expect(await db.select().from(whatsappContactDemands).where(eq(whatsappContactDemands.contactId, contact.id))).toEqual([]);
  });

  it('talks to a username-only user by user id and asks for an e-mail, since there is no phone', async () => {
    const fake = graph();
    const hidden: Sender = { name: 'Bia', userId: 'BR.1094472291723' };
    const say = citizen(hidden);
    await say(text('oi'));
    expect(fake.sent.at(-1)?.body).toMatchObject({ recipient: 'BR.1094472291723' });
    expect(fake.sent.at(-1)?.body).not.toHaveProperty('to');
    await say(text('1'));
    await say(text('4'));
    await say(text('Parabéns à equipe da biblioteca municipal pelo atendimento.'));
    await say(text('sem anexos'));
    await say(text('1'));
    await say(text('Beatriz Lima'));
    expect(sentTexts(fake).at(-1)).toContain('não nos mostra o seu número');
    await say(text('bia@exemplo.com.br'));
    await say(text('1'));
    const db = await getDb();
    const [demand] = await db.select().from(demands).where(eq(demands.requesterEmail, 'bia@exemplo.com.br'));
    expect(demand).toMatchObject({ channel: 'whatsapp', kind: 'praise', requesterName: 'Beatriz Lima', requesterPhone: null });
  });

  it('drops an unfinished conversation after 30 minutes of silence, and says so', async () => {
    const fake = graph();
    const caio: Sender = { name: 'Caio', waId: '5514994440004' };
    const say = citizen(caio);
    const t0 = Math.floor(Date.now() / 1000) - 3 * 3600;
    await say(text('oi'), { timestamp: String(t0) });
    await say(text('1'), { timestamp: String(t0 + 10) });
    await say(audio('audio-1'), { timestamp: String(t0 + 20) });
    expect(sentTexts(fake).at(-1)).toContain('Ainda não consigo ouvir áudios');

    // The citizen comes back 40 minutes later: told the old conversation ended, and offered the menu.
    await say(text('2'), { timestamp: String(t0 + 20 + 40 * 60) });
    expect(sentTexts(fake).slice(-2)).toEqual([
      'Sua conversa ficou parada por mais de 30 minutos e foi encerrada. Nada foi registrado. Envie qualquer mensagem para começar de novo.',
      'Como podemos ajudar? Toque em “Ver opções” ou digite o número.',
    ]);

    // The worker's sweep tells a citizen who does not come back.
    await say(text('1'), { timestamp: String(t0 + 3000) });
    const told = await expireIdleConversations(new Date((t0 + 3000 + 31 * 60) * 1000));
    const contact = await contactOf(caio);
    expect(told).toEqual([contact.id]);
    await processWhatsappContacts(told);
    expect(sentTexts(fake).at(-1)).toContain('ficou parada por mais de 30 minutos');
    const db = await getDb();
    const [conversation] = await db.select().from(whatsappConversations).where(eq(whatsappConversations.contactId, contact.id));
    expect(conversation?.step).toBe('start');
  });
});

describe('"Já pediram isto aqui perto" over WhatsApp', () => {
  it('offers the open request nearby and joins it by number: own protocol and deadline, following the main one', async () => {
    const fake = graph();
    const joana: Sender = { ...maria, waId: '5514997776655', name: 'Joana Prado' };
    const say = citizen(joana);
    const category = await balcaoCategory('tapa-buraco');
    const main = await fileDemand(
      { service: 'balcao', categoryId: category.id, description: 'Cratera na pista da Rua Curuzu, perto do mercado.', addressLine: 'Rua Curuzu, 300', latitude: -22.8839, longitude: -48.4401, details: {}, identity: 'identified', name: 'Pedro Lima', email: 'pedro.lima@exemplo.com.br' },
      { channel: 'web' },
    );
    if (!main.ok) throw new Error(JSON.stringify(main.fieldErrors));

    await say(text('oi'));
    await say(listReply('menu:balcao', '2. Balcão da Cidadania'));
    let row: { id: string; title: string } | undefined;
    for (let pages = 0; pages < 4 && !row; pages++) {
      const list = lastInteractive(fake);
      if (list?.type !== 'list') throw new Error('expected the catalogue list');
      row = (list.action.sections[0]?.rows ?? []).find((r) => r.title.includes('Tapa-buraco'));
      if (!row) await say(listReply('page:next', 'Mais opções ›'));
    }
    if (!row) throw new Error('Tapa-buraco never listed');
    await say(listReply(row.id, row.title));
    await say(text('Na frente do mercado'));
    await say(text('Buraco que cresce a cada chuva, já estourou um pneu.'));
    await say(buttonReply('attachments:done', 'Sem anexos'));
    await say(location(-22.88392, -48.44012, 'Rua Curuzu, 310'));

    const offer = sentTexts(fake).at(-1) ?? '';
    expect(offer).toContain('Já pediram isto aqui perto:');
    const line = offer.match(new RegExp(`(\\d)\\. Protocolo ${main.demand.protocol} — Tapa-buraco — Centro, a cerca de \\d+ m do local informado — registrado em \\d{2}/\\d{2}/\\d{4} — Recebida`));
    expect(line).not.toBeNull();
    // Nothing the other requester typed or is: no name, no description, no address line.
    expect(offer).not.toContain('Pedro');
    expect(offer).not.toContain('Cratera');
    expect(offer).not.toContain('Rua Curuzu, 300');
    await say(text(line?.[1] ?? ''));
    expect(sentTexts(fake).at(-1)).toContain(`você vai apoiar a solicitação ${main.demand.protocol}`);
    await say(buttonReply('identity:identified', 'Identificada'));
    await say(buttonReply('name:profile', 'Usar este nome'));
    expect(sentTexts(fake).at(-1)).toContain(`• Apoia a solicitação: ${main.demand.protocol}`);
    await say(buttonReply('confirm:yes', 'Confirmar'));

    const receipt = sentTexts(fake).at(-2) ?? '';
    const protocol = receipt.match(/Protocolo: \*(\d{4}-\d{6}-\d)\*/)?.[1] ?? '';
    expect(protocol).not.toBe(main.demand.protocol);
    expect(receipt).toMatch(/Prazo de resposta: até \d{2}\/\d{2}\/\d{4}\./);
    expect(receipt).toContain(`Você passou a acompanhar a solicitação ${main.demand.protocol}`);

    const db = await getDb();
    const [joined] = await db.select().from(demands).where(eq(demands.protocol, protocol));
    expect(joined).toMatchObject({ channel: 'whatsapp', duplicateOfId: main.demand.id, requesterPhone: '+5514997776655', notifyByWhatsapp: true, dueOn: main.demand.dueOn });
    const mainEvents = await db.select().from(demandEvents).where(and(eq(demandEvents.demandId, main.demand.id), eq(demandEvents.type, 'duplicate_linked')));
    expect(mainEvents).toEqual([expect.objectContaining({ visibility: 'internal', body: `Outro cidadão passou a acompanhar esta solicitação (protocolo ${protocol}).` })]);
    const [link] = await db.select().from(whatsappContactDemands).where(eq(whatsappContactDemands.demandId, joined?.id ?? ''));
    expect(link).toBeDefined();
  });

  it('files the citizen\'s own request when they answer anything but a listed number', async () => {
    const fake = graph();
    const rui: Sender = { ...maria, waId: '5514996665544', name: 'Rui Souza' };
    const say = citizen(rui);
    const category = await balcaoCategory('tapa-buraco');
    const main = await fileDemand(
      { service: 'balcao', categoryId: category.id, description: 'Buraco fundo na Rua Major Matheus.', addressLine: 'Rua Major Matheus, 50', latitude: -22.8902, longitude: -48.4318, details: {}, identity: 'identified', name: 'Ana Lúcia', email: 'ana.lucia@exemplo.com.br' },
      { channel: 'web' },
    );
    if (!main.ok) throw new Error(JSON.stringify(main.fieldErrors));
    await say(text('oi'));
    await say(listReply('menu:balcao', '2. Balcão da Cidadania'));
    let row: { id: string; title: string } | undefined;
    for (let pages = 0; pages < 4 && !row; pages++) {
      const list = lastInteractive(fake);
      if (list?.type !== 'list') throw new Error('expected the catalogue list');
      row = (list.action.sections[0]?.rows ?? []).find((r) => r.title.includes('Tapa-buraco'));
      if (!row) await say(listReply('page:next', 'Mais opções ›'));
    }
    if (!row) throw new Error('Tapa-buraco never listed');
    await say(listReply(row.id, row.title));
    await say(text('pular'));
    await say(text('Afundamento no asfalto depois da obra de esgoto.'));
    await say(buttonReply('attachments:done', 'Sem anexos'));
    await say(location(-22.89021, -48.43181, 'Rua Major Matheus, 52'));
    expect(sentTexts(fake).at(-1)).toContain(main.demand.protocol);
    await say(text('é outro buraco'));
    await say(buttonReply('identity:identified', 'Identificada'));
    await say(buttonReply('name:profile', 'Usar este nome'));
    await say(buttonReply('confirm:yes', 'Confirmar'));
    const receipt = sentTexts(fake).at(-2) ?? '';
    expect(receipt).not.toContain('passou a acompanhar');
    const protocol = receipt.match(/Protocolo: \*(\d{4}-\d{6}-\d)\*/)?.[1] ?? '';
    const [own] = await (await getDb()).select().from(demands).where(eq(demands.protocol, protocol));
    expect(own).toMatchObject({ duplicateOfId: null, latitude: -22.89021 });
  });
});

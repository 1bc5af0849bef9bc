import { describe, expect, it } from 'vitest';
import { phoneFromWaId } from '@/lib/channels/whatsapp/identity';
import { conversationInputOf } from '@/lib/channels/whatsapp/inbound-input';
import { toGraphMessage } from '@/lib/channels/whatsapp/messages';
import { notificationText } from '@/lib/channels/chat/notification-texts';
import { isValidWebhookSignature, signWebhookBody } from '@/lib/channels/whatsapp/signature';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('webhook signature', () => {
  const body = '{"object":"whatsapp_business_account","entry":[]}';
  const header = signWebhookBody(body, 'segredo');

  it.each([
    ['the right signature', header, true],
    ['upper-case hex', `sha256=${header.slice(7).toUpperCase()}`, true],
    ['a missing header', null, false],
    ['another secret', signWebhookBody(body, 'outro'), false],
    ['no sha256= prefix', header.slice(7), false],
    ['a truncated digest', header.slice(0, -2), false],
  ])('accepts only %s', (_case, signature, valid) => {
    expect(isValidWebhookSignature(bytes(body), signature, 'segredo')).toBe(valid);
  });

  it('is computed over the exact bytes: re-serialised JSON does not match', () => {
    const reformatted = JSON.stringify(JSON.parse(body), null, 2);
    expect(isValidWebhookSignature(bytes(reformatted), header, 'segredo')).toBe(false);
  });
});

describe('WhatsApp ids and phones', () => {
  it.each([
    ['5514991234567', '+5514991234567'],
    ['551491234567', '+5514991234567'], // an old account without the ninth digit
    ['551438111547', null], // a landline
    ['16505551234', null], // not Brazilian
    [undefined, null],
  ])('%s → %s', (waId, phone) => {
    expect(phoneFromWaId(waId)).toBe(phone);
  });
});

describe('Graph API messages', () => {
  it('addresses a hidden-phone user by user id, and keeps titles within Meta’s limits', () => {
    const message = toGraphMessage({ recipient: 'BR.1234567890' }, {
      kind: 'list',
      text: 'Qual?',
      button: 'Ver todas as opções disponíveis',
      rows: [{ id: 'a', title: '15. Cata-treco (móveis e objetos volumosos)' }],
    });
    expect(message).toMatchObject({ messaging_product: 'whatsapp', recipient: 'BR.1234567890', type: 'interactive' });
    expect(message).not.toHaveProperty('to');
    const interactive = message.interactive as { action: { button: string; sections: { rows: { title: string }[] }[] } };
    expect(interactive.action.button.length).toBeLessThanOrEqual(20);
    expect(interactive.action.sections[0]?.rows[0]?.title).toBe('15. Cata-treco (móveis…');
  });

  it('sends the status template with protocol and state as body parameters in pt_BR', () => {
    expect(toGraphMessage({ to: '5514991234567' }, { kind: 'template', name: 'atualizacao_manifestacao', language: 'pt_BR', parameters: ['2026-000001-4', 'Respondida'] })).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '5514991234567',
      type: 'template',
      template: {
        name: 'atualizacao_manifestacao',
        language: { code: 'pt_BR' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: '2026-000001-4' }, { type: 'text', text: 'Respondida' }] }],
      },
    });
  });
});

describe('reading Meta messages', () => {
  it('turns replies, media and locations into conversation inputs, and ignores reactions', () => {
    expect(conversationInputOf({ id: 'w1', timestamp: '1', type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'menu:follow', title: '3. Acompanhar' } } })).toEqual({
      type: 'choice',
      id: 'menu:follow',
      title: '3. Acompanhar',
    });
    expect(conversationInputOf({ id: 'w2', timestamp: '1', type: 'document', document: { id: 'm1', mime_type: 'application/pdf', sha256: 'x', filename: 'laudo.pdf' } })).toEqual({
      type: 'media',
      media: { mediaId: 'm1', kind: 'document', mimeType: 'application/pdf', sha256: 'x', fileName: 'laudo.pdf' },
    });
    expect(conversationInputOf({ id: 'w3', timestamp: '1', type: 'location', location: { latitude: -22.88, longitude: -48.44 } })).toEqual({ type: 'location', latitude: -22.88, longitude: -48.44 });
    expect(conversationInputOf({ id: 'w4', timestamp: '1', type: 'reaction', reaction: { emoji: '👍', message_id: 'x' } })).toBeNull();
    expect(conversationInputOf({ id: 'w5', timestamp: '1', type: 'audio', audio: { id: 'a', mime_type: 'audio/ogg; codecs=opus', voice: true } })).toEqual({ type: 'unsupported', messageType: 'audio' });
  });
});

describe('notification texts', () => {
  it('puts the protocol, the text of the movement and the link in the message', () => {
    const text = notificationText('info_requested', { protocol: '2026-000001-4', service: 'balcao', body: 'Qual o número da casa?' }, 'http://x/acompanhar');
    expect(text).toBe('Precisamos de mais informações sobre o protocolo *2026-000001-4*:\nQual o número da casa?\nResponda por aqui. O prazo fica suspenso até a sua resposta.\nAcompanhe: http://x/acompanhar');
    expect(notificationText('demand_received', { protocol: '2026-000001-4', service: 'ouvidoria', dueOn: '2026-06-03' }, 'http://x')).toContain('até 03/06/2026');
  });

  it('says which files came with the answer, to be fetched from the link', () => {
    const one = notificationText('final_answer', { protocol: '2026-000001-4', service: 'ouvidoria', body: 'Segue o laudo.', attachmentNames: ['laudo.pdf'] }, 'http://x');
    expect(one).toBe('Resposta do protocolo *2026-000001-4*:\nSegue o laudo.\nHá 1 anexo: laudo.pdf. Baixe pelo link abaixo.\nAcompanhe: http://x');
    expect(notificationText('public_reply', { protocol: '2026-000001-4', service: 'ouvidoria', body: 'Fotos.', attachmentNames: ['a.jpg', 'b.jpg'] }, 'http://x')).toContain('Há 2 anexos.');
  });
});

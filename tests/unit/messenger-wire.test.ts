import { describe, expect, it } from 'vitest';
import { messengerInputOf } from '@/lib/channels/messenger/inbound-input';
import { toSendApiMessage } from '@/lib/channels/messenger/render';
import type { OutgoingContent } from '@/lib/channels/chat/content';

describe('the Messenger/Instagram adapter renders what the engine says', () => {
  const cases: { name: string; platform: 'messenger' | 'instagram'; content: OutgoingContent; expected: ReturnType<typeof toSendApiMessage> }[] = [
    { name: 'text as text, line breaks kept', platform: 'messenger', content: { kind: 'text', text: 'Protocolo:\n2026-000123-7' }, expected: { text: 'Protocolo:\n2026-000123-7' } },
    {
      name: 'buttons as quick replies',
      platform: 'messenger',
      content: { kind: 'buttons', text: 'Confirma?', buttons: [{ id: 'confirm:yes', title: 'Confirmar' }, { id: 'confirm:no', title: 'Cancelar' }] },
      expected: { text: 'Confirma?', quick_replies: [{ content_type: 'text', title: 'Confirmar', payload: 'confirm:yes' }, { content_type: 'text', title: 'Cancelar', payload: 'confirm:no' }] },
    },
    {
      name: 'a list as its rows written out, each a quick reply cut to 20 characters',
      platform: 'instagram',
      content: { kind: 'list', text: 'Como podemos ajudar?', button: 'Ver opções', rows: [{ id: 'menu:follow', title: '3. Acompanhar protocolo', description: 'Ver a situação' }] },
      expected: { text: 'Como podemos ajudar?\n\n3. Acompanhar protocolo — Ver a situação', quick_replies: [{ content_type: 'text', title: '3. Acompanhar proto…', payload: 'menu:follow' }] },
    },
  ];
  it.each(cases)('$name', ({ platform, content, expected }) => {
    expect(toSendApiMessage(platform, content)).toEqual(expected);
  });

  it('keeps within each platform’s text limit and Meta’s 13 quick replies', () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({ id: `r${i}`, title: `Opção ${i}` }));
    const long = toSendApiMessage('instagram', { kind: 'list', text: 'x'.repeat(1500), button: 'Ver', rows });
    expect(long.text.length).toBe(1000);
    expect(long.quick_replies).toHaveLength(13);
    expect(toSendApiMessage('messenger', { kind: 'text', text: 'y'.repeat(2500) }).text.length).toBe(2000);
  });
});

describe('what a Messenger Platform event means to the conversation', () => {
  const base = { sender: { id: '1' }, recipient: { id: '2' }, timestamp: 1764700000000 };
  const cases: { name: string; event: Record<string, unknown>; expected: ReturnType<typeof messengerInputOf> }[] = [
    { name: 'text', event: { ...base, message: { mid: 'm1', text: 'oi' } }, expected: { type: 'text', text: 'oi' } },
    { name: 'a quick reply is a choice', event: { ...base, message: { mid: 'm2', text: 'Confirmar', quick_reply: { payload: 'confirm:yes' } } }, expected: { type: 'choice', id: 'confirm:yes', title: 'Confirmar' } },
    { name: 'a postback is a choice', event: { ...base, postback: { mid: 'm3', title: 'Começar', payload: 'menu:follow' } }, expected: { type: 'choice', id: 'menu:follow', title: 'Começar' } },
    {
      name: 'a photo is media, by its URL',
      event: { ...base, message: { mid: 'm4', attachments: [{ type: 'image', payload: { url: 'https://scontent.xx.fbcdn.net/v/t1/a.jpg' } }] } },
      expected: { type: 'media', media: { mediaId: 'https://scontent.xx.fbcdn.net/v/t1/a.jpg', kind: 'image', mimeType: 'image/jpeg' } },
    },
    {
      name: 'a file named .docx is not taken for a PDF',
      event: { ...base, message: { mid: 'm5', attachments: [{ type: 'file', payload: { url: 'https://cdn.fbsbx.com/v/t59/carta.docx?dl=1' } }] } },
      expected: { type: 'media', media: { mediaId: 'https://cdn.fbsbx.com/v/t59/carta.docx?dl=1', kind: 'document', mimeType: 'application/octet-stream' } },
    },
    { name: 'audio is not read', event: { ...base, message: { mid: 'm6', attachments: [{ type: 'audio', payload: { url: 'https://cdn.fbsbx.com/a.mp4' } }] } }, expected: { type: 'unsupported', messageType: 'audio' } },
  ];
  it.each(cases)('$name', ({ event, expected }) => {
    expect(messengerInputOf(event)).toEqual(expected);
  });
});

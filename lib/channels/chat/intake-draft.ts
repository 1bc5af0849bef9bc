import type { ChatPlatform } from '@/lib/domain/vocabulary';
import type { Draft } from './state';

/**
 * The intake object for `fileDemand`. The Ouvidoria asks for a subject on the web form; in a chat the
 * first sentence of the description stands in for it (staff can reclassify), one question fewer. A phone
 * given on WhatsApp is that WhatsApp, so notices go there; a phone typed on Messenger or Instagram is
 * only a contact, and the notices go back on the platform itself.
 */
export function intakeFromDraft(draft: Draft, platform: ChatPlatform = 'whatsapp'): Record<string, unknown> {
  const requester =
    draft.identity === 'anonymous'
      ? { identity: 'anonymous' }
      : {
          identity: draft.identity ?? 'identified',
          name: draft.name,
          email: draft.email,
          phone: draft.phone,
          notifyByWhatsapp: platform === 'whatsapp' && Boolean(draft.phone),
        };
  if (draft.service === 'ouvidoria') {
    return { service: 'ouvidoria', kind: draft.kind, subject: subjectFrom(draft.description ?? ''), description: draft.description, ...requester };
  }
  return {
    service: 'balcao',
    categoryId: draft.categoryId,
    description: draft.description,
    addressLine: draft.addressLine,
    neighbourhoodId: draft.neighbourhoodId,
    latitude: draft.latitude,
    longitude: draft.longitude,
    details: draft.details,
    ...requester,
  };
}

export function subjectFrom(description: string): string {
  const clean = description.replace(/\s+/g, ' ').trim();
  const sentence = clean.split(/(?<=[.!?])\s/)[0] ?? clean;
  if (sentence.length <= 100) return sentence;
  const cut = sentence.slice(0, 99);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 60)).trimEnd()}…`;
}


'use server';

import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { lineText, multilineText } from '@/lib/domain/plain-text';
import { normalizeMobilePhone } from '@/lib/domain/phone';
import { waIdFromPhone } from '@/lib/channels/whatsapp/identity';
import {
  findSimulatorContact,
  isSimulatorAvailable,
  newBusinessScopedUserId,
  postSimulatedMessage,
  storeSimulatorMedia,
  type SimulatedMessage,
  type SimulatedSender,
} from '@/lib/channels/whatsapp/simulator';

/**
 * The simulator's forms. Development only: each action refuses to run in production or with real
 * credentials, validates what was typed, and plays Meta — a signed webhook to the app's own route.
 */

const PAGE = '/dev/whatsapp';

function requireSimulator() {
  if (!isSimulatorAvailable()) notFound();
}

async function ownOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000';
  const proto = h.get('x-forwarded-proto') ?? 'http';
  return `${proto}://${host}`;
}

function backWithError(contactId: string | null, field: string, message: string): never {
  const params = new URLSearchParams({ ...(contactId ? { contato: contactId } : {}), campo: field, erro: message });
  redirect(`${PAGE}?${params.toString()}#${field}`);
}

async function send(sender: SimulatedSender, message: SimulatedMessage, knownContactId: string | null): Promise<never> {
  let contactId: string | null;
  try {
    ({ contactId } = await postSimulatedMessage(await ownOrigin(), sender, message));
  } catch (error) {
    backWithError(knownContactId, 'texto', `A mensagem não chegou ao webhook: ${error instanceof Error ? error.message : String(error)}`);
  }
  const id = contactId ?? knownContactId;
  redirect(id ? `${PAGE}?contato=${id}#ultima` : PAGE);
}

const StartSchema = z.object({
  nome: lineText().min(2, { error: 'Informe o nome do perfil (ao menos 2 letras).' }).max(80, { error: 'Nome longo demais.' }),
  celular: z.string().trim().optional(),
  semNumero: z.literal('on').optional(),
  mensagem: multilineText().min(1, { error: 'Escreva a primeira mensagem.' }).max(4096),
});

export async function startConversation(formData: FormData): Promise<void> {
  requireSimulator();
  const parsed = StartSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    backWithError(null, String(issue?.path[0] ?? 'nome'), issue?.message ?? 'Confira os campos.');
  }
  const { nome, celular, semNumero, mensagem } = parsed.data;
  let sender: SimulatedSender;
  if (semNumero) {
    sender = { name: nome, userId: newBusinessScopedUserId() };
  } else {
    const phone = normalizeMobilePhone(celular ?? '');
    if (!phone) backWithError(null, 'celular', 'Informe um celular com DDD, como (14) 99123-4567, ou marque “sem número”.');
    sender = { name: nome, waId: waIdFromPhone(phone) };
  }
  await send(sender, { type: 'text', text: mensagem }, null);
}

const ContactSchema = z.object({ contato: z.uuid() });

async function senderFor(formData: FormData): Promise<{ contactId: string; sender: SimulatedSender }> {
  requireSimulator();
  const parsed = ContactSchema.safeParse({ contato: formData.get('contato') });
  if (!parsed.success) notFound();
  const contact = await findSimulatorContact(parsed.data.contato);
  if (!contact) notFound();
  return {
    contactId: contact.id,
    sender: { name: contact.profileName ?? 'Cidadão', ...(contact.waId ? { waId: contact.waId } : {}), ...(contact.userId ? { userId: contact.userId } : {}) },
  };
}

export async function sendText(formData: FormData): Promise<void> {
  const { contactId, sender } = await senderFor(formData);
  const text = String(formData.get('texto') ?? '').trim();
  if (!text) backWithError(contactId, 'texto', 'Escreva a mensagem.');
  if (text.length > 4096) backWithError(contactId, 'texto', 'A mensagem pode ter até 4.096 caracteres.');
  await send(sender, { type: 'text', text }, contactId);
}

const ChoiceSchema = z.object({ mensagem: z.coerce.number().int().positive(), opcao: z.string().min(1).max(200) });

export async function sendChoice(formData: FormData): Promise<void> {
  const { contactId, sender } = await senderFor(formData);
  const parsed = ChoiceSchema.safeParse({ mensagem: formData.get('mensagem'), opcao: formData.get('opcao') });
  if (!parsed.success) backWithError(contactId, 'texto', 'Opção inválida.');
  await send(sender, { type: 'choice', outboundId: parsed.data.mensagem, optionId: parsed.data.opcao }, contactId);
}

const LocationSchema = z.object({
  latitude: z.coerce.number({ error: 'Latitude inválida.' }).min(-90, { error: 'Latitude entre -90 e 90.' }).max(90, { error: 'Latitude entre -90 e 90.' }),
  longitude: z.coerce.number({ error: 'Longitude inválida.' }).min(-180, { error: 'Longitude entre -180 e 180.' }).max(180, { error: 'Longitude entre -180 e 180.' }),
  lugar: lineText().max(200).optional(),
  endereco: lineText().max(300).optional(),
});

export async function sendLocation(formData: FormData): Promise<void> {
  const { contactId, sender } = await senderFor(formData);
  const parsed = LocationSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    backWithError(contactId, String(issue?.path[0] ?? 'latitude'), issue?.message ?? 'Confira a localização.');
  }
  const { latitude, longitude, lugar, endereco } = parsed.data;
  await send(sender, { type: 'location', latitude, longitude, ...(lugar ? { name: lugar } : {}), ...(endereco ? { address: endereco } : {}) }, contactId);
}

const MAX_SIMULATED_FILE = 16 * 1024 * 1024;

export async function sendFile(formData: FormData): Promise<void> {
  const { contactId, sender } = await senderFor(formData);
  const file = formData.get('arquivo');
  if (!(file instanceof File) || file.size === 0) backWithError(contactId, 'arquivo', 'Escolha uma foto ou um PDF.');
  if (file.size > MAX_SIMULATED_FILE) backWithError(contactId, 'arquivo', 'O WhatsApp não envia arquivos maiores que 16 MB.');
  const caption = String(formData.get('legenda') ?? '').trim();
  const stored = await storeSimulatorMedia(file);
  const kind = stored.mimeType.startsWith('image/') ? 'image' : 'document';
  await send(
    sender,
    { type: 'media', kind, mediaId: stored.mediaId, mimeType: stored.mimeType, sha256: stored.sha256, ...(file.name ? { fileName: file.name } : {}), ...(caption ? { caption } : {}) },
    contactId,
  );
}

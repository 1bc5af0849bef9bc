'use server';

import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { findMessengerSimulatorContact, isMessengerSimulatorAvailable, newScopedId, postSimulatedEvent, storeSimulatorAttachment, type SimulatedEvent } from '@/lib/channels/messenger/simulator';
import { multilineText } from '@/lib/domain/plain-text';
import { MESSENGER_PLATFORMS, type MessengerPlatform } from '@/lib/domain/vocabulary';

/**
 * The Messenger/Instagram simulator's forms. Development only: each action refuses to run in production
 * or with a real access token, validates what was typed, and plays Meta — a signed webhook to the app's
 * own route.
 */

const PAGE = '/dev/messenger';
const MAX_SIMULATED_FILE = 25 * 1024 * 1024;

function platformOf(formData: FormData | string): MessengerPlatform {
  const named = typeof formData === 'string' ? formData : formData.get('plataforma');
  const platform = MESSENGER_PLATFORMS.find((p) => p === named);
  if (!platform || !isMessengerSimulatorAvailable(platform)) notFound();
  return platform;
}

async function ownOrigin(): Promise<string> {
  const h = await headers();
  return `${h.get('x-forwarded-proto') ?? 'http'}://${h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000'}`;
}

function pageFor(platform: MessengerPlatform, contactId: string | null, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ plataforma: platform, ...(contactId ? { contato: contactId } : {}), ...extra });
  return `${PAGE}?${params.toString()}`;
}

function backWithError(platform: MessengerPlatform, contactId: string | null, field: string, message: string): never {
  redirect(`${pageFor(platform, contactId, { campo: field, erro: message })}#${field}`);
}

async function send(platform: MessengerPlatform, scopedId: string, event: SimulatedEvent, knownContactId: string | null, field: string): Promise<never> {
  let contactId: string | null;
  try {
    ({ contactId } = await postSimulatedEvent(await ownOrigin(), platform, scopedId, event));
  } catch (error) {
    backWithError(platform, knownContactId, field, `A mensagem não chegou ao webhook: ${error instanceof Error ? error.message : String(error)}`);
  }
  redirect(`${pageFor(platform, contactId ?? knownContactId)}#ultima`);
}

const TextSchema = multilineText().min(1, { error: 'Escreva a mensagem.' }).max(2000, { error: 'A mensagem pode ter até 2.000 caracteres.' });

export async function startMessengerConversation(formData: FormData): Promise<void> {
  const platform = platformOf(formData);
  const text = TextSchema.safeParse(formData.get('mensagem') ?? '');
  if (!text.success) backWithError(platform, null, 'mensagem', text.error.issues[0]?.message ?? 'Escreva a mensagem.');
  await send(platform, newScopedId(), { type: 'text', text: text.data }, null, 'mensagem');
}

async function contactFor(formData: FormData, platform: MessengerPlatform) {
  const id = z.uuid().safeParse(formData.get('contato'));
  if (!id.success) notFound();
  const contact = await findMessengerSimulatorContact(platform, id.data);
  if (!contact) notFound();
  return contact;
}

export async function sendMessengerText(formData: FormData): Promise<void> {
  const platform = platformOf(formData);
  const contact = await contactFor(formData, platform);
  const text = TextSchema.safeParse(formData.get('texto') ?? '');
  if (!text.success) backWithError(platform, contact.id, 'texto', text.error.issues[0]?.message ?? 'Escreva a mensagem.');
  await send(platform, contact.scopedId, { type: 'text', text: text.data }, contact.id, 'texto');
}

const ChoiceSchema = z.object({ mensagem: z.coerce.number().int().positive(), opcao: z.string().min(1).max(200) });

/** Bound to the platform by the page: the chat's answer buttons post only the contact and the option. */
export async function sendMessengerChoice(platformName: string, formData: FormData): Promise<void> {
  const platform = platformOf(platformName);
  const contact = await contactFor(formData, platform);
  const parsed = ChoiceSchema.safeParse({ mensagem: formData.get('mensagem'), opcao: formData.get('opcao') });
  if (!parsed.success) backWithError(platform, contact.id, 'texto', 'Opção inválida.');
  await send(platform, contact.scopedId, { type: 'choice', outboundId: parsed.data.mensagem, optionId: parsed.data.opcao }, contact.id, 'texto');
}

export async function sendMessengerFile(formData: FormData): Promise<void> {
  const platform = platformOf(formData);
  const contact = await contactFor(formData, platform);
  const file = formData.get('arquivo');
  if (!(file instanceof File) || file.size === 0) backWithError(platform, contact.id, 'arquivo', 'Escolha uma foto ou um PDF.');
  if (file.size > MAX_SIMULATED_FILE) backWithError(platform, contact.id, 'arquivo', 'O Messenger não envia arquivos maiores que 25 MB.');
  const stored = await storeSimulatorAttachment(file);
  await send(platform, contact.scopedId, { type: 'media', ...stored }, contact.id, 'arquivo');
}

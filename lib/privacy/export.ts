import 'server-only';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor } from '@/lib/auth/guards';
import { getDb } from '@/lib/db/client';
import {
  categories,
  dataProtectionRequests,
  demands,
  departments,
  neighbourhoods,
  requesterProfiles,
  satisfactionRatings,
  users,
  whatsappContacts,
} from '@/lib/db/schema';
import { publicTimeline } from '@/lib/demands/public-timeline';
import { CHANNEL_LABELS, EVENT_LABELS, IDENTITY_LABELS, KIND_LABELS, SERVICE_LABELS, STATE_LABELS } from '@/lib/domain/labels';
import { municipality } from '@/lib/municipality';

/**
 * "Baixar meus dados" (LGPD art. 18 I, II and V; art. 19 II): everything the system holds about the
 * signed-in citizen, as they may see it. Their account; their own demands (by their account link, never
 * by a matching e-mail, so nobody receives another person's demand); of each, the public timeline only
 * (internal notes, forwards between staff and staff names stay out, as on their own pages) with the
 * files' names and download addresses; the WhatsApp contacts with their own phone; the optional data
 * they chose to give (WhatsApp notices, the profile); and their requests to the encarregado. Staff-only
 * fields (assignee, internal deadlines, pseudonym, access-code hash) are never selected.
 */

export type DataExport = {
  generatedAt: string;
  controller: string;
  dataProtectionOfficer: { name: string; email: string };
  account: { name: string; email: string; emailConfirmedAt: string | null; phone: string | null; cpf: string | null; createdAt: string };
  demands: ExportedDemand[];
  whatsappContacts: { phone: string | null; profileName: string | null; firstContactAt: string; lastMessageAt: string | null }[];
  dataProtectionRequests: { filedAt: string; scope: string; reason: string; state: string; dueOn: string; decidedAt: string | null; decision: string | null }[];
  /** What the browser keeps, not the server: said so the citizen knows it is not missing. */
  notHeldByUs: string;
};

export type ExportedDemand = {
  protocol: string;
  service: string;
  kind: string;
  category: string | null;
  subject: string;
  description: string;
  identity: string;
  channel: string;
  state: string;
  department: string | null;
  filedAt: string;
  dueOn: string;
  answeredAt: string | null;
  closedAt: string | null;
  anonymisedAt: string | null;
  address: string | null;
  bairro: string | null;
  answers: Record<string, string>;
  requester: { name: string | null; email: string | null; phone: string | null; cpf: string | null };
  consents: { whatsappNotices: boolean; profile: Record<string, string> | null };
  satisfaction: { rating: number; resolved: boolean; comment: string | null } | null;
  events: { at: string; what: string; by: string; text: string; files: { name: string; href: string }[] }[];
};

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const holder = alias(departments, 'holder');

export async function exportCitizenData(actor: Pick<Actor, 'userId'>, appUrl: string, now = new Date()): Promise<DataExport | null> {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user?.active) return null;
  const rows = await db
    .select({
      id: demands.id,
      protocol: demands.protocol,
      service: demands.service,
      kind: demands.kind,
      category: categories.name,
      categoryFields: categories.fields,
      subject: demands.subject,
      description: demands.description,
      identity: demands.identity,
      channel: demands.channel,
      state: demands.state,
      department: holder.name,
      createdAt: demands.createdAt,
      dueOn: demands.dueOn,
      answeredAt: demands.answeredAt,
      closedAt: demands.closedAt,
      anonymisedAt: demands.anonymisedAt,
      addressLine: demands.addressLine,
      bairro: neighbourhoods.name,
      details: demands.details,
      requesterName: demands.requesterName,
      requesterEmail: demands.requesterEmail,
      requesterPhone: demands.requesterPhone,
      requesterCpf: demands.requesterCpf,
      notifyByWhatsapp: demands.notifyByWhatsapp,
    })
    .from(demands)
    .leftJoin(categories, eq(categories.id, demands.categoryId))
    .leftJoin(neighbourhoods, eq(neighbourhoods.id, demands.neighbourhoodId))
    .leftJoin(holder, eq(holder.id, demands.departmentId))
    .where(eq(demands.requesterUserId, user.id))
    .orderBy(asc(demands.createdAt), asc(demands.protocol));
  const ids = rows.map((row) => row.id);
  const [profiles, ratings] = ids.length
    ? await Promise.all([
        db.select().from(requesterProfiles).where(inArray(requesterProfiles.demandId, ids)),
        db.select().from(satisfactionRatings).where(inArray(satisfactionRatings.demandId, ids)),
      ])
    : [[], []];
  const exported: ExportedDemand[] = [];
  for (const row of rows) {
    const timeline = await publicTimeline(db, row.id);
    const profile = profiles.find((candidate) => candidate.demandId === row.id);
    const rating = ratings.find((candidate) => candidate.demandId === row.id);
    const labelOf = (name: string) => row.categoryFields?.find((field) => field.name === name)?.label ?? name;
    exported.push({
      protocol: row.protocol,
      service: SERVICE_LABELS[row.service],
      kind: KIND_LABELS[row.kind],
      category: row.category,
      subject: row.subject,
      description: row.description,
      identity: IDENTITY_LABELS[row.identity],
      channel: CHANNEL_LABELS[row.channel],
      state: STATE_LABELS[row.state],
      department: row.department,
      filedAt: row.createdAt.toISOString(),
      dueOn: row.dueOn,
      answeredAt: iso(row.answeredAt),
      closedAt: iso(row.closedAt),
      anonymisedAt: iso(row.anonymisedAt),
      address: row.addressLine,
      bairro: row.bairro,
      answers: Object.fromEntries(Object.entries(row.details).map(([name, value]) => [labelOf(name), value])),
      requester: { name: row.requesterName, email: row.requesterEmail, phone: row.requesterPhone, cpf: row.requesterCpf },
      consents: { whatsappNotices: row.notifyByWhatsapp, profile: profile ? profileAnswers(profile) : null },
      satisfaction: rating ? { rating: rating.rating, resolved: rating.resolved, comment: rating.comment } : null,
      events: timeline.map((event) => ({
        at: event.createdAt.toISOString(),
        what: EVENT_LABELS[event.type],
        by: event.actorLabel,
        text: event.body,
        files: event.attachments.map((file) => ({ name: file.fileName, href: `${appUrl}/api/anexos/${file.id}` })),
      })),
    });
  }
  // Only contacts with the citizen's own number: a contact that follows their demand may be someone else.
  const phones = [...new Set([user.phone, ...rows.map((row) => row.requesterPhone)].filter((phone): phone is string => Boolean(phone)))];
  const contacts = phones.length
    ? await db.select().from(whatsappContacts).where(inArray(whatsappContacts.phone, phones)).orderBy(asc(whatsappContacts.createdAt))
    : [];
  const requests = await db
    .select()
    .from(dataProtectionRequests)
    .where(and(eq(dataProtectionRequests.userId, user.id)))
    .orderBy(desc(dataProtectionRequests.createdAt));
  const officer = municipality.privacy.dataProtectionOfficer;
  return {
    generatedAt: now.toISOString(),
    controller: municipality.privacy.controller.name,
    dataProtectionOfficer: { name: officer.name, email: officer.email },
    account: { name: user.name, email: user.email, emailConfirmedAt: iso(user.emailVerified), phone: user.phone, cpf: user.cpf, createdAt: user.createdAt.toISOString() },
    demands: exported,
    whatsappContacts: contacts.map((contact) => ({
      phone: contact.phone,
      profileName: contact.profileName,
      firstContactAt: contact.createdAt.toISOString(),
      lastMessageAt: iso(contact.lastInboundAt),
    })),
    dataProtectionRequests: requests.map((request) => ({
      filedAt: request.createdAt.toISOString(),
      scope: request.scope === 'account' ? 'Anonimizar os pedidos e encerrar a conta' : 'Anonimizar os pedidos concluídos',
      reason: request.reason,
      state: REQUEST_STATE_LABELS[request.state],
      dueOn: request.dueOn,
      decidedAt: iso(request.decidedAt),
      decision: request.decision,
    })),
    notHeldByUs: 'As preferências de exibição (alto contraste, tamanho do texto) ficam só no seu navegador, em um cookie; o sistema não as guarda.',
  };
}

export const REQUEST_STATE_LABELS = { pending: 'Aguardando decisão do encarregado', granted: 'Atendido', denied: 'Negado' } as const;

function profileAnswers(profile: typeof requesterProfiles.$inferSelect): Record<string, string> {
  const answers: Record<string, string> = {};
  if (profile.ageRange) answers['Faixa etária'] = profile.ageRange;
  if (profile.gender) answers['Gênero'] = profile.gender;
  if (profile.race) answers['Raça/cor'] = profile.race;
  if (profile.education) answers['Escolaridade'] = profile.education;
  return answers;
}

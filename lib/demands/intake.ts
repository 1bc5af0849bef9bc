import 'server-only';
import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '@/lib/db/client';
import { getDb } from '@/lib/db/client';
import { attachments, demands, intakeSubmissions } from '@/lib/db/schema';
import type { NewDemandEvent, NewIntakeSubmission, NewOutboxMessage } from '@/lib/db/schema';
import { CHANNEL_LABELS } from '@/lib/domain/labels';
import type { CitizenNotificationPayload } from '@/lib/domain/notifications';
import { initialDueOn, yearInSaoPaulo } from '@/lib/domain/deadlines';
import {
  fieldErrorsOf,
  IntakeContextSchema,
  IntakeSchema,
  type FieldErrors,
  type Intake,
  type IntakeContext,
} from '@/lib/domain/intake-schema';
import type { Category } from '@/lib/db/schema';
import type { Channel, DemandKind } from '@/lib/domain/vocabulary';
import { answerServiceFields } from '@/lib/domain/category-fields';
import { z } from 'zod';
import { isIdentityProtected } from '@/lib/domain/permissions';
import { prepareFiles, type IncomingFile, type PreparedFile } from '@/lib/attachments/prepare';
import { attachmentRows, discardStoredFiles, putPreparedFiles } from '@/lib/attachments/store';
import { generateAccessCode, generatePseudonym, hashAccessCode } from './access-code';
import { openAccessCode, sealAccessCode, type SubmissionKey } from './submission-key';
import { citizenNotifications, staffQueueNotifications, staffQueueRecipients } from './notifications';
import { staffAlertRows } from './staff-alerts';
import { PROTOCOL_FROM_STATEMENT, writeFiling, type Filing } from './filing-statement';
import { readCatalogue, type Catalogue } from '@/lib/db/queries/catalogue-cache';
import { placeOfPoint, subjectTakesLocation } from '@/lib/geo/place';

export type FiledDemand = {
  id: string;
  protocol: string;
  dueOn: string;
  service: Intake['service'];
  kind: DemandKind;
  categoryId: string | null;
  /** Whether the requester chose to stay anonymous (the receipt says the code is their only way back). */
  anonymous: boolean;
  /** Whether the requester gave an e-mail (the receipt says where confirmations go). */
  hasEmail: boolean;
  /** What was filed, as the receipt (and its PDF) repeats it to the citizen. */
  description: string;
  addressLine: string | null;
  /** The names of the files filed with it, in the order they were sent. */
  attachmentNames: string[];
  /**
   * For anonymous and protected demands (a denúncia, a confidential one), only here: it is stored hashed.
   * It is the one secret that opens a protected demand on the tracking page (a contact never does). It is
   * shown again only on the replayed receipt of the same form, within its idempotency key's lifetime
   * (see submission-key.ts).
   */
  accessCode?: string;
  /** The form was posted again with a key that had already filed this demand: nothing new was written. */
  replayed?: true;
};

/** What a demand that came by e-mail adds to its receipt e-mail. */
export type EmailReceiptExtras = Pick<CitizenNotificationPayload, 'emailThread' | 'refusedFiles' | 'closedProtocol'>;

export type IntakeResult = { ok: true; demand: FiledDemand } | { ok: false; fieldErrors: FieldErrors };

/**
 * The one way a demand enters the system, for every channel: validate, take the protocol, write the
 * demand, its first event, its attachments and its notifications in one transaction — one statement
 * (writeFiling in filing-statement.ts). Files are checked (and photos re-encoded) before anything is written, and stored
 * just before the statement; if it fails, the stored files are removed again.
 */
export async function fileDemand(
  input: unknown,
  context: IntakeContext,
  // `db` may be an open transaction: an escalation files the complaint inside its own.
  // `preparedFiles`: files a channel already checked one by one (WhatsApp keeps the good ones of a message).
  // `submission`: the form render's idempotency key; a second post with it gets the first one's demand.
  // `notify: false` queues no receipt and no staff alert (demo demands only).
  // `accessCode`: a code already hashed, for a demand that needs one (demo demands only: the seed hashes
  // one for all of them, since the hash is slow on purpose).
    // `duplicateOfId`: the open request this one joins (lib/demands/duplicates.ts, inside its transaction).
  // `emailReceipt`: what the e-mail channel adds to the receipt e-mail (threading, refused files).
  options: {
    now?: Date;
    db?: Executor;
    files?: readonly IncomingFile[];
    preparedFiles?: readonly PreparedFile[];
    submission?: SubmissionKey;
    notify?: boolean;
    accessCode?: { code: string; hash: string };
    duplicateOfId?: string;
    emailReceipt?: EmailReceiptExtras;
  } = {},
): Promise<IntakeResult> {
  const { submission } = options;
  if (submission) {
    // The common replay (a refresh after the receipt was lost) is answered before any file is decoded.
    const earlier = await filedSubmission(options.db ?? (await getDb()), submission.key);
    if (earlier) return { ok: true, demand: earlier };
  }
  const parsed = IntakeSchema.safeParse(input);
  const prepared = options.preparedFiles
    ? { ok: true as const, files: [...options.preparedFiles] }
    : options.files
      ? await prepareFiles(options.files)
      : { ok: true as const, files: [] };
  const fileErrors: FieldErrors = prepared.ok ? {} : { files: prepared.errors };
  const ctx = IntakeContextSchema.parse(context);
  const now = options.now ?? new Date();
  const db = options.db ?? (await getDb());
  if (!parsed.success) {
    // The service's own questions are checked too, so the citizen sees every problem in one round.
    return { ok: false, fieldErrors: { ...(await serviceFieldErrorsOf(db, input)), ...fieldErrorsOf(parsed.error), ...fileErrors } };
  }
  const intake = parsed.data;

  const references = await checkReferences(db, intake);
  if (!references.ok) return { ok: false, fieldErrors: { ...references.fieldErrors, ...fileErrors } };
  if (!prepared.ok) return { ok: false, fieldErrors: fileErrors };
  const staffRecipients = await staffQueueRecipients(db, { service: intake.service, departmentId: references.category?.departmentId ?? null });

  const accessCode = intake.identity === 'anonymous' || isIdentityProtected({ kind: kindOf(intake), identity: intake.identity }) ? (options.accessCode?.code ?? generateAccessCode()) : undefined;
  const accessCodeHash = accessCode ? (options.accessCode?.hash ?? (await hashAccessCode(accessCode))) : null;
  const dueOn = initialDueOn(
    { service: intake.service, kind: kindOf(intake), categoryDeadlineDays: references.category?.deadlineDays },
    now,
  );

  // Everything the statement writes is made here, with the demand's id, so that only the protocol is
  // left for the database to fill in.
  const demandId = randomUUID();
  const filed = { id: demandId, dueOn };
  const subject = intake.service === 'ouvidoria' ? intake.subject : (references.category?.name ?? '');
  const demand: Filing['demand'] = {
    id: demandId,
    service: intake.service,
    kind: kindOf(intake),
    categoryId: intake.categoryId ?? null,
    suggestedDepartmentId: intake.service === 'ouvidoria' ? (intake.suggestedDepartmentId ?? null) : null,
    channel: ctx.channel,
    state: 'received',
    identity: intake.identity,
    subject,
    description: intake.description,
    details: intake.service === 'balcao' ? references.details : {},
    requesterUserId: intake.identity === 'anonymous' ? null : (ctx.requesterUserId ?? null),
    requesterName: intake.name ?? null,
    requesterEmail: intake.email ?? null,
    requesterPhone: intake.phone ?? null,
    requesterCpf: intake.cpf ?? null,
    requesterPseudonym: generatePseudonym(),
    notifyByWhatsapp: intake.notifyByWhatsapp && Boolean(intake.phone),
    requesterChatId: intake.identity === 'anonymous' ? null : (ctx.requesterChatId ?? null),
    accessCodeHash,
    addressLine: intake.service === 'balcao' ? intake.addressLine : null,
    neighbourhoodId: references.neighbourhoodId,
    latitude: references.point?.lat ?? null,
    longitude: references.point?.lng ?? null,
    enteredByUserId: ctx.enteredByUserId ?? null,
    linkedDemandId: ctx.linkedDemandId ?? null,
    duplicateOfId: options.duplicateOfId ?? null,
    dueOn,
    createdAt: now,
    updatedAt: now,
  };
  const event: NewDemandEvent = {
    demandId,
    type: 'received',
    stateBefore: null,
    stateAfter: 'received',
    actorUserId: ctx.enteredByUserId ?? null,
    actorLabel: ctx.enteredByUserId ? 'Atendimento' : 'Cidadão',
    visibility: 'public',
    body: `Registrada pelo canal ${CHANNEL_LABELS[ctx.channel]}.`,
    data: { channel: ctx.channel },
    createdAt: now,
  };
  // The protocol in these payloads is written by the statement (see writeFiling).
  const notices =
    options.notify === false
      ? []
      : [
          ...receiptMessages({ ...filed, protocol: PROTOCOL_FROM_STATEMENT, channel: ctx.channel, requesterChatId: demand.requesterChatId ?? null }, intake, accessCode, now, options.emailReceipt),
          ...staffQueueNotifications(staffRecipients, {
            demandId,
            payload: { protocol: PROTOCOL_FROM_STATEMENT, service: intake.service, kind: kindOf(intake), subject, state: 'received', dueOn },
            now,
          }),
        ];
  // The same audience as the e-mail: the secretaria that owns a Balcão service, else the ombudsmen.
  const queueDepartmentId = intake.service === 'balcao' ? references.category?.departmentId : undefined;
  const alerts = options.notify === false ? [] : staffAlertRows(demandId, 'new_demand', [queueDepartmentId ? { departmentId: queueDepartmentId } : { role: 'ombudsman' }], demandId, now);
  const claim: NewIntakeSubmission | undefined = submission && {
    key: submission.key,
    demandId,
    sealedAccessCode: accessCode ? sealAccessCode(accessCode, submission.key) : null,
    expiresAt: submission.expiresAt,
    createdAt: now,
  };

  const stored = await putPreparedFiles(prepared.files);
  const files = attachmentRows(stored, { demandId, eventId: null, uploadedByUserId: ctx.enteredByUserId, createdAt: now });
  // Filings that arrive together are written by one statement (writeFiling); not inside a caller's transaction.
  // Every profile row sets the same columns: the statement inserts them as one record set.
  const answers = intake.profile ?? {};
  const profile = Object.values(answers).some(Boolean)
    ? { demandId, ageRange: answers.ageRange ?? null, gender: answers.gender ?? null, race: answers.race ?? null, education: answers.education ?? null }
    : undefined;
  const filing = { year: yearInSaoPaulo(now), now, claim, demand, event, files, notices, alerts, profile };
  const protocol = await writeFiling(db, filing, { together: !options.db }).catch(async (error: unknown) => {
    await discardStoredFiles(stored.map((file) => file.storageKey));
    throw error;
  });

  if (!protocol) {
    // Another post with this submission key filed first (or is filing: the claim waited for it).
    await discardStoredFiles(stored.map((file) => file.storageKey));
    const earlier = submission && (await filedSubmission(db, submission.key));
    if (!earlier) throw new Error('A claimed intake submission has no demand');
    return { ok: true, demand: earlier };
  }
  return {
    ok: true,
    demand: { ...filed, protocol, service: intake.service, kind: kindOf(intake), categoryId: intake.categoryId ?? null, anonymous: intake.identity === 'anonymous', hasEmail: Boolean(intake.email), description: intake.description, addressLine: demand.addressLine ?? null, attachmentNames: files.map((file) => file.fileName), accessCode },
  };
}

/** The demand a submission key already filed, as its first receipt showed it. */
export async function filedSubmission(db: Executor, key: string): Promise<FiledDemand | undefined> {
  const [row] = await db
    .select({
      id: demands.id,
      protocol: demands.protocol,
      dueOn: demands.dueOn,
      service: demands.service,
      kind: demands.kind,
      categoryId: demands.categoryId,
      identity: demands.identity,
      requesterEmail: demands.requesterEmail,
      description: demands.description,
      addressLine: demands.addressLine,
      sealedAccessCode: intakeSubmissions.sealedAccessCode,
    })
    .from(intakeSubmissions)
    .innerJoin(demands, eq(demands.id, intakeSubmissions.demandId))
    .where(eq(intakeSubmissions.key, key))
    .prepare('intake_filed_submission')
    .execute();
  if (!row) return undefined;
  const files = await db
    .select({ fileName: attachments.fileName })
    .from(attachments)
    .where(eq(attachments.demandId, row.id))
    .orderBy(asc(attachments.createdAt), asc(attachments.fileName));
  const accessCode = row.sealedAccessCode ? openAccessCode(row.sealedAccessCode, key) : undefined;
  return {
    id: row.id,
    protocol: row.protocol,
    dueOn: row.dueOn,
    service: row.service,
    kind: row.kind,
    categoryId: row.categoryId,
    anonymous: row.identity === 'anonymous',
    hasEmail: Boolean(row.requesterEmail),
    description: row.description,
    addressLine: row.addressLine,
    attachmentNames: files.map((file) => file.fileName),
    ...(accessCode ? { accessCode } : {}),
    replayed: true,
  };
}

function kindOf(intake: Intake) {
  return intake.service === 'ouvidoria' ? intake.kind : 'service_request';
}

type ReferenceCheck =
  | { ok: true; category?: Category; details: Record<string, string>; neighbourhoodId: string | null; point?: { lat: number; lng: number } }
  | { ok: false; fieldErrors: FieldErrors };

/** What the schema cannot know: the category, bairro and secretaria exist, are active and fit (read from the catalogue snapshot). */
async function checkReferences(db: Executor, intake: Intake): Promise<ReferenceCheck> {
  const catalogue = await readCatalogue(db);
  const fieldErrors: FieldErrors = {};
  let category: Category | undefined;
  if (intake.categoryId) {
    const found = catalogue.categories.find((row) => row.id === intake.categoryId && row.service === intake.service && row.active);
    if (found) {
      const { departmentName: _departmentName, ...row } = found;
      category = row;
    } else {
      fieldErrors.categoryId = [intake.service === 'balcao' ? 'Este serviço não está disponível. Escolha outro no catálogo.' : 'Escolha um assunto da lista.'];
    }
  }
  if (intake.service === 'ouvidoria' && intake.suggestedDepartmentId) {
    const department = catalogue.departments.find((row) => row.id === intake.suggestedDepartmentId && row.active);
    if (!department) fieldErrors.suggestedDepartmentId = ['Escolha uma secretaria da lista.'];
  }
  const details: Record<string, string> = {};
  const place = placeOf(intake, category, catalogue);
  Object.assign(fieldErrors, place.fieldErrors);
  if (intake.service === 'balcao') {
    const answered = answerServiceFields(category?.fields ?? [], intake.details);
    Object.assign(details, answered.details);
    Object.assign(fieldErrors, answered.fieldErrors);
  }
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  return { ok: true, category, details, neighbourhoodId: place.neighbourhoodId, point: place.point };
}

/**
 * Where the demand is. A Balcão request's bairro follows from its point when the município has drawn
 * that bairro, and is the one chosen from the list otherwise. An Ouvidoria demand keeps a point only for
 * the subjects the município asks a place for.
 */
function placeOf(intake: Intake, category: Category | undefined, catalogue: Catalogue) {
  const wanted = intake.service === 'balcao' || subjectTakesLocation(category?.slug);
  const point = wanted && intake.latitude !== undefined && intake.longitude !== undefined ? { lat: intake.latitude, lng: intake.longitude } : undefined;
  const located = point ? placeOfPoint(point, catalogue.neighbourhoods) : undefined;
  const fieldErrors: FieldErrors = {};
  if (located && !located.ok) fieldErrors.latitude = [located.message];
  if (intake.service !== 'balcao') return { fieldErrors, neighbourhoodId: null, point };
  const neighbourhoodId = (located?.ok ? located.neighbourhoodId : undefined) ?? intake.neighbourhoodId;
  const chosen = catalogue.neighbourhoods.find((row) => row.id === neighbourhoodId);
  if (!chosen && !fieldErrors.latitude) {
    fieldErrors.neighbourhoodId = [intake.neighbourhoodId || !point ? 'Escolha o bairro na lista.' : 'Não encontramos o bairro deste ponto no mapa: escolha o bairro na lista.'];
  }
  return { fieldErrors, neighbourhoodId: chosen?.id ?? null, point };
}

const BalcaoAnswers = z.object({
  service: z.literal('balcao'),
  categoryId: z.uuid(),
  details: z.record(z.string(), z.unknown()).optional(),
});

/** For input that failed the schema: the Balcão service's questions, when the service can be told. */
async function serviceFieldErrorsOf(db: Executor, input: unknown): Promise<FieldErrors> {
  const answers = BalcaoAnswers.safeParse(input);
  if (!answers.success) return {};
  const category = (await readCatalogue(db)).categories.find((row) => row.id === answers.data.categoryId && row.service === 'balcao');
  return category ? answerServiceFields(category.fields, answers.data.details ?? {}).fieldErrors : {};
}

/**
 * The receipt goes to the contacts given; a protected demand's access code goes with it, because the
 * tracking page will not take those contacts as proof. The worker drops the code once it is sent.
 */
function receiptMessages(
  demand: { id: string; protocol: string; dueOn: string; channel: Channel; requesterChatId: string | null },
  intake: Intake,
  accessCode: string | undefined,
  now: Date,
  emailExtras: EmailReceiptExtras = {},
): NewOutboxMessage[] {
  const recipient = {
    id: demand.id,
    channel: demand.channel,
    requesterChatId: demand.requesterChatId,
    requesterEmail: intake.email ?? null,
    requesterPhone: intake.phone ?? null,
    notifyByWhatsapp: intake.notifyByWhatsapp,
  };
  const payload = { protocol: demand.protocol, dueOn: demand.dueOn, service: intake.service, ...(accessCode ? { accessCode } : {}) };
  return citizenNotifications(recipient, 'demand_received', payload, demand.id, now).map((message) =>
    message.channel === 'email' ? { ...message, payload: { ...message.payload, ...emailExtras } } : message,
  );
}

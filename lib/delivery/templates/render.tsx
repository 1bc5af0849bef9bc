import { render, toPlainText } from '@react-email/components';
import type { ReactElement } from 'react';
import { z } from 'zod';
import { DEMAND_KINDS, DEMAND_STATES, SERVICES } from '@/lib/domain/vocabulary';
import {
  CITIZEN_TEMPLATES,
  type CitizenNotificationPayload,
  type CitizenTemplate,
  type StaffDemandPayload,
  type StaffDigestPayload,
} from '@/lib/domain/notifications';
import { dataProtectionQueueUrl, privacyNoticeUrl, staffDemandUrl, staffQueueUrl, statusPageUrl } from '../links';
import { PrivacyDecisionEmail, PrivacyRequestFiledEmail, privacyDecisionSubject } from './privacy';
import { CitizenEmail, citizenCopy } from './citizen';
import { StaffDemandEmail, StaffDigestEmail, staffDemandSubject, staffDigestSubject } from './staff';

export type RenderedEmail = { subject: string; html: string; text: string };

/** The outbox row fields an e-mail is made from. */
export type EmailSource = { template: string; payload: unknown; demandId: string | null; recipient: string; createdAt: Date };

/** A row that can never be rendered (unknown template, bad payload): retrying will not help. */
export class UnrenderableMessageError extends Error {
  readonly retryable = false;
  constructor(message: string) {
    super(message);
    this.name = 'UnrenderableMessageError';
  }
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const CitizenPayloadSchema = z.object({
  protocol: z.string().min(1),
  service: z.enum(SERVICES),
  body: z.string().optional(),
  dueOn: isoDate.optional(),
  departmentName: z.string().optional(),
  state: z.enum(DEMAND_STATES).optional(),
  attachmentNames: z.array(z.string()).optional(),
  statusLinkGeneration: z.number().int().min(0).optional(),
  emailThread: z.object({ messageId: z.string(), references: z.array(z.string()) }).optional(),
  refusedFiles: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
  closedProtocol: z.string().optional(),
}) satisfies z.ZodType<CitizenNotificationPayload>;

const StaffDemandPayloadSchema = z.object({
  protocol: z.string().min(1),
  service: z.enum(SERVICES),
  kind: z.enum(DEMAND_KINDS),
  subject: z.string(),
  state: z.enum(DEMAND_STATES),
  dueOn: isoDate,
  departmentName: z.string().optional(),
}) satisfies z.ZodType<StaffDemandPayload>;

const StaffDigestPayloadSchema = z.object({
  departmentName: z.string(),
  date: isoDate,
  open: z.number().int(),
  dueSoon: z.number().int(),
  overdue: z.number().int(),
  awaitingCitizen: z.number().int(),
  items: z.array(
    z.object({ demandId: z.uuid(), protocol: z.string(), subject: z.string(), dueOn: isoDate, status: z.enum(['due_soon', 'overdue']) }),
  ),
}) satisfies z.ZodType<StaffDigestPayload>;

const PrivacyDecisionPayloadSchema = z.object({
  decision: z.enum(['granted', 'denied']),
  reason: z.string(),
  anonymised: z.number().int().min(0),
  running: z.number().int().min(0),
  accountClosed: z.boolean(),
});

const PrivacyRequestFiledPayloadSchema = z.object({ dueOn: isoDate });

function parse<T>(schema: z.ZodType<T>, source: EmailSource): T {
  const parsed = schema.safeParse(source.payload);
  if (!parsed.success) throw new UnrenderableMessageError(`Payload of ${source.template} is invalid: ${parsed.error.message}`);
  return parsed.data;
}

function requireDemand(source: EmailSource): string {
  if (!source.demandId) throw new UnrenderableMessageError(`${source.template} needs a demand`);
  return source.demandId;
}

function isCitizenTemplate(template: string): template is CitizenTemplate {
  return (CITIZEN_TEMPLATES as readonly string[]).includes(template);
}

function compose(source: EmailSource): { subject: string; element: ReactElement } {
  const { template } = source;
  if (isCitizenTemplate(template)) {
    const payload = parse(CitizenPayloadSchema, source);
    // The link's expiry and generation come from the row, not the clock or the demand: a re-send renders
    // the very same e-mail, which Resend requires of two requests with one idempotency key.
    const statusUrl = statusPageUrl({
      demandId: requireDemand(source),
      recipient: source.recipient,
      generation: payload.statusLinkGeneration ?? 0,
      issuedAt: source.createdAt,
    });
    return { subject: citizenCopy(template, payload).subject, element: <CitizenEmail template={template} payload={payload} statusUrl={statusUrl} /> };
  }
  switch (template) {
    case 'staff_new_demand':
    case 'staff_due_soon':
    case 'staff_overdue': {
      const payload = parse(StaffDemandPayloadSchema, source);
      // A new Balcão request is announced to its service's department mailbox while it is still with the
      // counter for triage; the department cannot open it before it is forwarded, so that e-mail links to
      // the department's queue, where it will appear. Every other alert goes to people who can open it.
      const awaitsTriage = template === 'staff_new_demand' && payload.service === 'balcao' && payload.state === 'received';
      const element = <StaffDemandEmail template={template} payload={payload} workspaceUrl={awaitsTriage ? staffQueueUrl() : staffDemandUrl(payload.protocol)} />;
      return { subject: staffDemandSubject(template, payload), element };
    }
    case 'staff_digest': {
      const payload = parse(StaffDigestPayloadSchema, source);
      return { subject: staffDigestSubject(payload), element: <StaffDigestEmail payload={payload} queueUrl={staffQueueUrl()} demandUrl={staffDemandUrl} /> };
    }
    case 'privacy_request_decided': {
      const payload = parse(PrivacyDecisionPayloadSchema, source);
      return { subject: privacyDecisionSubject(payload), element: <PrivacyDecisionEmail payload={payload} privacyUrl={privacyNoticeUrl()} /> };
    }
    case 'privacy_request_filed': {
      const payload = parse(PrivacyRequestFiledPayloadSchema, source);
      return { subject: 'Novo pedido de titular de dados (LGPD)', element: <PrivacyRequestFiledEmail payload={payload} queueUrl={dataProtectionQueueUrl()} /> };
    }
    default:
      throw new UnrenderableMessageError(`No e-mail template named ${template}`);
  }
}

/** Renders an outbox row to the e-mail it stands for, as HTML and as plain text. */
export async function renderEmail(source: EmailSource): Promise<RenderedEmail> {
  const { subject, element } = compose(source);
  const html = await render(element);
  return { subject, html, text: toPlainText(html) };
}

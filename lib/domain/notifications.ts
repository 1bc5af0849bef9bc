import type { DemandKind, DemandState, Service } from './vocabulary';

/**
 * Every notification the outbox carries, by template name. Use cases write outbox rows with these names
 * and a payload; the delivery worker renders and sends them (e-mail templates, WhatsApp texts/templates).
 */

/** To the citizen, on each public movement of a demand. */
export const CITIZEN_TEMPLATES = [
  'demand_received',
  'demand_forwarded',
  'public_reply',
  'info_requested',
  'deadline_extended',
  'final_answer',
  'demand_archived',
  'demand_reopened',
  'satisfaction_survey',
  /** LAI: the requester's appeal or omission complaint was received (with the day it will be decided by), and its decision. */
  'appeal_filed',
  'appeal_decided',
] as const;

/** To staff: a new demand in their queue, deadlines, and the daily digest per department. */
export const STAFF_TEMPLATES = ['staff_new_demand', 'staff_due_soon', 'staff_overdue', 'staff_digest'] as const;

/** The citizen's data rights (LGPD): the encarregado's decision, and a new request in the encarregado's queue. */
export const PRIVACY_TEMPLATES = ['privacy_request_decided', 'privacy_request_filed'] as const;

export type CitizenTemplate = (typeof CITIZEN_TEMPLATES)[number];
export type StaffTemplate = (typeof STAFF_TEMPLATES)[number];
export type NotificationTemplate = CitizenTemplate | StaffTemplate;

/**
 * What a citizen notification's payload holds. Never the requester's identity: a staff e-mail about a
 * protected demand must not carry it either.
 */
export type CitizenNotificationPayload = {
  protocol: string;
  service: Service;
  /** The public text of the movement (reply, justification, question), when there is one. */
  body?: string;
  dueOn?: string;
  departmentName?: string;
  /** The state after the movement, for templates whose name does not say it (a public reply). */
  state?: DemandState;
  /** The files that came with the movement (a reply's report, the answer's documents). */
  attachmentNames?: string[];
  /**
   * The demand's status-link generation when the message was written (absent: 0, a new demand). The
   * e-mail's link carries it, so links written before the ombudsman revoked them stop working.
   */
  statusLinkGeneration?: number;
  /**
   * Only on the receipt of a protected demand: the code the tracking page asks for. Removed from the
   * outbox row once the message is sent.
   */
  accessCode?: string;
  /** The citizen's e-mail this message answers: its Message-ID and References, for threading. */
  emailThread?: { messageId: string; references: string[] };
  /** Files of the citizen's e-mail the attachment rules refused, each with the reason. */
  refusedFiles?: { name: string; reason: string }[];
  /** An e-mail answered a demand closed beyond the reopen window: this one was filed in its place. */
  closedProtocol?: string;
};

/** The state a citizen template announces, when its name says it. */
export const CITIZEN_TEMPLATE_STATES: Partial<Record<CitizenTemplate, DemandState>> = {
  demand_received: 'received',
  demand_forwarded: 'forwarded',
  info_requested: 'awaiting_citizen',
  final_answer: 'answered',
  demand_archived: 'archived',
  demand_reopened: 'in_progress',
  satisfaction_survey: 'answered',
};

/**
 * A staff alert about one demand (new in the queue, due soon, overdue). Staff e-mails carry what the
 * queue shows and never who the requester is: no name, e-mail, phone or CPF, for any kind of demand.
 */
export type StaffDemandPayload = {
  protocol: string;
  service: Service;
  kind: DemandKind;
  subject: string;
  state: DemandState;
  dueOn: string;
  departmentName?: string;
};

export type StaffDigestItem = { demandId: string; protocol: string; subject: string; dueOn: string; status: 'due_soon' | 'overdue' };

/** One department's morning summary of its open demands. */
export type StaffDigestPayload = {
  departmentName: string;
  /** The day the digest is for (YYYY-MM-DD, São Paulo). */
  date: string;
  open: number;
  dueSoon: number;
  overdue: number;
  awaitingCitizen: number;
  /** The most urgent demands, overdue first; at most DIGEST_ITEM_LIMIT. */
  items: StaffDigestItem[];
};

export const DIGEST_ITEM_LIMIT = 30;

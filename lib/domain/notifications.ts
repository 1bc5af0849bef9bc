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
] as const;

/** To staff: a new demand in their queue, deadlines, and the daily digest per department. */
export const STAFF_TEMPLATES = ['staff_new_demand', 'staff_due_soon', 'staff_overdue', 'staff_digest'] as const;

export type CitizenTemplate = (typeof CITIZEN_TEMPLATES)[number];
export type StaffTemplate = (typeof STAFF_TEMPLATES)[number];
export type NotificationTemplate = CitizenTemplate | StaffTemplate;

/**
 * What a citizen notification's payload holds. Never the requester's identity: a staff e-mail about a
 * protected demand must not carry it either.
 */
export type CitizenNotificationPayload = {
  protocol: string;
  service: 'ouvidoria' | 'balcao';
  /** The public text of the movement (reply, justification, question), when there is one. */
  body?: string;
  dueOn?: string;
  departmentName?: string;
};

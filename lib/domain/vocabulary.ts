/** The domain's closed sets, named as in DESIGN.md; labels for the UI live in labels.ts. */

export const SERVICES = ['ouvidoria', 'balcao'] as const;
export type Service = (typeof SERVICES)[number];

export const OUVIDORIA_KINDS = ['complaint', 'denunciation', 'suggestion', 'praise', 'request', 'information'] as const;
export const DEMAND_KINDS = [...OUVIDORIA_KINDS, 'service_request'] as const;
export type OuvidoriaKind = (typeof OUVIDORIA_KINDS)[number];
export type DemandKind = (typeof DEMAND_KINDS)[number];

export const CHANNELS = ['web', 'whatsapp', 'email', 'phone', 'in_person', 'letter', 'facebook', 'messenger', 'instagram', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The channels a guided conversation runs on (lib/channels/chat); `facebook` stays the staff-entered one. */
export const CHAT_PLATFORMS = ['whatsapp', 'messenger', 'instagram'] as const;
export type ChatPlatform = (typeof CHAT_PLATFORMS)[number];
/** Messenger Platform channels (Pages messaging and Instagram messaging), sharing one webhook shape. */
export const MESSENGER_PLATFORMS = ['messenger', 'instagram'] as const;
export type MessengerPlatform = (typeof MESSENGER_PLATFORMS)[number];

export const DEMAND_STATES = [
  'received',
  'forwarded',
  'in_progress',
  'awaiting_citizen',
  'answered',
  'closed',
  'archived',
] as const;
export type DemandState = (typeof DEMAND_STATES)[number];

export const IDENTITIES = ['identified', 'confidential', 'anonymous'] as const;
export type Identity = (typeof IDENTITIES)[number];

/**
 * `appeal_authority`: judges the appeals and omission complaints of access-to-information requests, for
 * the instances its user is given (users.appeal_instances; LAI art. 15, Decreto 7.724 arts. 21–23).
 */
export const ROLES = ['citizen', 'attendant', 'ombudsman', 'department', 'internal_control', 'manager', 'admin', 'appeal_authority'] as const;
export type Role = (typeof ROLES)[number];

/** How urgently staff work a demand: normal, "alta", or one of the legal priorities (labels in lib/domain/priorities.ts). */
export const DEMAND_PRIORITIES = ['normal', 'high', 'elderly', 'elderly_80', 'legal'] as const;
export type DemandPriority = (typeof DEMAND_PRIORITIES)[number];

export const EVENT_VISIBILITIES = ['public', 'internal'] as const;
export type EventVisibility = (typeof EVENT_VISIBILITIES)[number];

export const DEMAND_EVENT_TYPES = [
  'received',
  'classified',
  'forwarded',
  'assigned',
  'note',
  'info_requested',
  'citizen_replied',
  'public_reply',
  'extended',
  'answered',
  'archived',
  'reopened',
  'closed',
  'escalated',
  'citizen_message',
  'rated',
  /** A demand filed while signed out, linked to the account of the citizen who owns its verified e-mail. */
  'claimed',
  /** The ombudsman revoked every status link e-mailed so far (one may have leaked). Internal. */
  'status_links_revoked',
  /** Staff linked this demand to another of the same problem, or a citizen joined one (both demands get one). */
  'duplicate_linked',
  /** The link was undone; each demand goes on by itself. */
  'duplicate_unlinked',
  /** LAI: a recurso (1ª or 2ª instância) or a reclamação por omissão filed by the requester; its decision. */
  'appeal_filed',
  'omission_complaint_filed',
  'appeal_decided',
  /** The requester's personal data were removed (LGPD arts. 16 and 18 IV); the reason is in the body. Internal. */
  'anonymised',
  /** Staff marked a Balcão request's description publishable on the public map, or unmarked it. Internal. */
  'publication_changed',
  /** Staff put an etiqueta on the demand, or took it off. Internal. */
  'tag_added',
  'tag_removed',
  /** Staff changed the demand's priority (a legal priority, Lei 10.048/2000 or Lei 10.741/2003, or "alta"). Internal. */
  'priority_changed',
] as const;
export type DemandEventType = (typeof DEMAND_EVENT_TYPES)[number];

/** What a citizen asks the encarregado for (LGPD art. 18 IV and VI). */
export const DATA_PROTECTION_REQUEST_SCOPES = ['demands', 'account'] as const;
export type DataProtectionRequestScope = (typeof DATA_PROTECTION_REQUEST_SCOPES)[number];

export const DATA_PROTECTION_REQUEST_STATES = ['pending', 'granted', 'denied'] as const;
export type DataProtectionRequestState = (typeof DATA_PROTECTION_REQUEST_STATES)[number];

/** The domain's closed sets, named as in DESIGN.md; labels for the UI live in labels.ts. */

export const SERVICES = ['ouvidoria', 'balcao'] as const;
export type Service = (typeof SERVICES)[number];

export const OUVIDORIA_KINDS = ['complaint', 'denunciation', 'suggestion', 'praise', 'request', 'information'] as const;
export const DEMAND_KINDS = [...OUVIDORIA_KINDS, 'service_request'] as const;
export type OuvidoriaKind = (typeof OUVIDORIA_KINDS)[number];
export type DemandKind = (typeof DEMAND_KINDS)[number];

export const CHANNELS = ['web', 'whatsapp', 'email', 'phone', 'in_person', 'letter', 'facebook', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

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

export const ROLES = ['citizen', 'attendant', 'ombudsman', 'department', 'internal_control', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

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
  /** The requester's personal data were removed (LGPD arts. 16 and 18 IV); the reason is in the body. Internal. */
  'anonymised',
] as const;
export type DemandEventType = (typeof DEMAND_EVENT_TYPES)[number];

/** What a citizen asks the encarregado for (LGPD art. 18 IV and VI). */
export const DATA_PROTECTION_REQUEST_SCOPES = ['demands', 'account'] as const;
export type DataProtectionRequestScope = (typeof DATA_PROTECTION_REQUEST_SCOPES)[number];

export const DATA_PROTECTION_REQUEST_STATES = ['pending', 'granted', 'denied'] as const;
export type DataProtectionRequestState = (typeof DATA_PROTECTION_REQUEST_STATES)[number];

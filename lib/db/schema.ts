import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  CHANNELS,
  DEMAND_EVENT_TYPES,
  DEMAND_KINDS,
  DEMAND_PRIORITIES,
  DATA_PROTECTION_REQUEST_SCOPES,
  DATA_PROTECTION_REQUEST_STATES,
  DEMAND_STATES,
  EVENT_VISIBILITIES,
  IDENTITIES,
  ROLES,
  SERVICES,
  type MessengerPlatform,
} from '@/lib/domain/vocabulary';
import { MACRO_ACTIONS } from '@/lib/domain/macros';
import type { CategoryField } from '@/lib/domain/category-fields';
import type { CharterChannel, CharterField, LifeEvent } from '@/lib/domain/service-charter';
import { APPEAL_DECISIONS, DENIAL_GROUNDS, INFORMATION_APPEAL_KINDS, INFORMATION_OUTCOMES } from '@/lib/domain/information-requests';

export const serviceEnum = pgEnum('service', SERVICES);
export const demandKindEnum = pgEnum('demand_kind', DEMAND_KINDS);
export const channelEnum = pgEnum('channel', CHANNELS);
export const demandStateEnum = pgEnum('demand_state', DEMAND_STATES);
export const identityEnum = pgEnum('identity', IDENTITIES);
export const roleEnum = pgEnum('role', ROLES);
export const eventVisibilityEnum = pgEnum('event_visibility', EVENT_VISIBILITIES);
export const demandPriorityEnum = pgEnum('demand_priority', DEMAND_PRIORITIES);
export const macroActionEnum = pgEnum('macro_action', MACRO_ACTIONS);
export const demandEventTypeEnum = pgEnum('demand_event_type', DEMAND_EVENT_TYPES);
export const informationOutcomeEnum = pgEnum('information_outcome', INFORMATION_OUTCOMES);
export const denialGroundEnum = pgEnum('denial_ground', DENIAL_GROUNDS);
export const informationAppealKindEnum = pgEnum('information_appeal_kind', INFORMATION_APPEAL_KINDS);
export const appealDecisionEnum = pgEnum('appeal_decision', APPEAL_DECISIONS);
/** gov.br's account levels (Login Único "níveis": 1 bronze, 2 prata, 3 ouro). */
export const govbrTrustLevelEnum = pgEnum('govbr_trust_level', ['bronze', 'prata', 'ouro']);
export const outboxChannelEnum = pgEnum('outbox_channel', ['email', 'whatsapp', 'messenger', 'instagram', 'push']);
export const outboxStatusEnum = pgEnum('outbox_status', ['pending', 'sent', 'failed']);
/** Ours until the Graph API accepts a message (`pending`, `sending`), then Meta's status callbacks. */
export const whatsappOutboundStatusEnum = pgEnum('whatsapp_outbound_status', [
  'pending',
  'sending',
  'accepted',
  'sent',
  'delivered',
  'read',
  'failed',
]);

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const departments = pgTable('departments', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  acronym: text('acronym'),
  email: text('email'),
  isInternalControl: boolean('is_internal_control').notNull().default(false),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
});

export const categories = pgTable(
  'categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    service: serviceEnum('service').notNull(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    deadlineDays: smallint('deadline_days').notNull(),
    fields: jsonb('fields').$type<CategoryField[]>().notNull().default([]),
    /** Open requests of this service within this many metres of a new one are offered as "already asked here". */
    duplicateRadiusMeters: smallint('duplicate_radius_meters').notNull().default(50),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('categories_service_slug_key').on(t.service, t.slug)],
);

/**
 * The Carta de Serviços ao Usuário (Lei 13.460/2017 art. 7): one entry per Balcão service (`category_id`;
 * its name, secretaria and deadline are the service's) or per service listed without online filing (its
 * own `name`, `department_id` and `deadline_text`). Lists are one item per element.
 */
export const serviceCharters = pgTable(
  'service_charters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    categoryId: uuid('category_id')
      .unique()
      .references(() => categories.id),
    name: text('name'),
    departmentId: uuid('department_id').references(() => departments.id),
    deadlineText: text('deadline_text'),
    summary: text('summary').notNull(),
    audience: text('audience').notNull(),
    requirements: jsonb('requirements').$type<string[]>().notNull().default([]),
    documents: jsonb('documents').$type<string[]>().notNull().default([]),
    steps: jsonb('steps').$type<string[]>().notNull().default([]),
    channels: jsonb('channels').$type<CharterChannel[]>().notNull().default([]),
    priorityRules: text('priority_rules').notNull(),
    expectedWait: text('expected_wait').notNull(),
    fees: text('fees').notNull(),
    location: text('location').notNull(),
    hours: text('hours').notNull(),
    lifeEvents: jsonb('life_events').$type<LifeEvent[]>().notNull().default([]),
    published: boolean('published').notNull().default(true),
    createdAt: createdAt(),
    /** Art. 7 §4: the Carta says when it was last brought up to date. */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'service_charters_own_or_category',
      sql`(${t.categoryId} is null and ${t.name} is not null and ${t.departmentId} is not null) or (${t.categoryId} is not null and ${t.name} is null and ${t.departmentId} is null and ${t.deadlineText} is null)`,
    ),
  ],
);

/** Every save of a Carta entry: who, when and which fields (art. 7 §4). */
export const serviceCharterChanges = pgTable(
  'service_charter_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    charterId: uuid('charter_id')
      .notNull()
      .references(() => serviceCharters.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
    changedByUserId: uuid('changed_by_user_id').references(() => users.id),
    /** The name at the time of the change, kept if the account is renamed. */
    changedByName: text('changed_by_name').notNull(),
    fields: jsonb('fields').$type<CharterField[]>().notNull(),
    note: text('note').notNull().default(''),
  },
  (t) => [index('service_charter_changes_charter_idx').on(t.charterId, t.changedAt)],
);

export type ServiceCharter = typeof serviceCharters.$inferSelect;
export type NewServiceCharter = typeof serviceCharters.$inferInsert;
export type ServiceCharterChange = typeof serviceCharterChanges.$inferSelect;

export const neighbourhoods = pgTable('neighbourhoods', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  district: text('district'),
});

/** Columns named as Auth.js's Drizzle adapter expects (`emailVerified`, `image`). */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull().default(''),
    email: text('email').notNull().unique(),
    emailVerified: timestamp('email_verified', { withTimezone: true }),
    image: text('image'),
    phone: text('phone'),
    cpf: text('cpf'),
    passwordHash: text('password_hash'),
    role: roleEnum('role').notNull().default('citizen'),
    active: boolean('active').notNull().default(true),
    /**
     * Carried in every session token; raising it ends every session issued before (the citizen's "end
     * my other sessions", a password change, the first link sign-in of a pre-registered account).
     */
    sessionVersion: integer('session_version').notNull().default(0),
    /** For role `appeal_authority`: which LAI appeal instances this person judges (1, 2 or both). */
    appealInstances: smallint('appeal_instances').array().notNull().default(sql`'{}'::smallint[]`),
    /**
     * The LGPD encarregado's permission (art. 41): decides the citizens' requests to delete or anonymise
     * their data and sees the retention runs. A permission, not a role, so any staff member may hold it.
     */
    dataProtectionOfficer: boolean('data_protection_officer').notNull().default(false),
    /**
     * The CPF gov.br vouched for (its `sub`), set only by a gov.br sign-in. Unlike `cpf`, which the
     * citizen types, this one opens the demands filed with it on any channel.
     */
    govbrCpf: text('govbr_cpf').unique(),
    /** The gov.br account level at the last gov.br sign-in (staff roles may require prata or ouro). */
    govbrTrustLevel: govbrTrustLevelEnum('govbr_trust_level'),
    govbrVerifiedAt: timestamp('govbr_verified_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('users_role_idx').on(t.role), index('users_cpf_idx').on(t.cpf), index('users_phone_idx').on(t.phone)],
);

/**
 * A first gov.br sign-in whose e-mail already has an account: what gov.br said, kept until the owner of
 * that e-mail follows the confirmation link (only the SHA-256 of the token is kept; one use, until
 * `expires_at`). Nothing is joined before that.
 */
export const govbrLinkRequests = pgTable('govbr_link_requests', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  cpf: text('cpf').notNull(),
  name: text('name').notNull(),
  email: text('email').notNull(),
  trustLevel: govbrTrustLevelEnum('trust_level'),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: createdAt(),
});
export type GovbrLinkRequest = typeof govbrLinkRequests.$inferSelect;

export const accounts = pgTable(
  'accounts',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    provider: text('provider').notNull(),
    providerAccountId: text('provider_account_id').notNull(),
    refresh_token: text('refresh_token'),
    access_token: text('access_token'),
    expires_at: integer('expires_at'),
    token_type: text('token_type'),
    scope: text('scope'),
    id_token: text('id_token'),
    session_state: text('session_state'),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const sessions = pgTable('sessions', {
  sessionToken: text('session_token').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  expires: timestamp('expires', { withTimezone: true }).notNull(),
});

export const verificationTokens = pgTable(
  'verification_tokens',
  {
    identifier: text('identifier').notNull(),
    token: text('token').notNull(),
    expires: timestamp('expires', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

/**
 * One-time links to set a password (the first administrator, created with `npm run admin:create`). Only
 * the SHA-256 of the token is kept, so a copy of the database opens no account; each works once and
 * until `expires_at`.
 */
export const passwordSetupTokens = pgTable(
  'password_setup_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('password_setup_tokens_user_idx').on(t.userId)],
);

export const departmentMembers = pgTable(
  'department_members',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.departmentId] }), index('department_members_department_idx').on(t.departmentId)],
);

/** One row per year; the intake transaction increments it, so a rolled-back intake leaves no gap. */
export const protocolCounters = pgTable('protocol_counters', {
  year: integer('year').primaryKey(),
  lastSequence: integer('last_sequence').notNull(),
});

export const demands = pgTable(
  'demands',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    protocol: text('protocol').notNull(),
    protocolYear: integer('protocol_year').notNull(),
    protocolSequence: integer('protocol_sequence').notNull(),
    service: serviceEnum('service').notNull(),
    kind: demandKindEnum('kind').notNull(),
    categoryId: uuid('category_id').references(() => categories.id),
    /** The department that holds the demand now (after a forward). */
    departmentId: uuid('department_id').references(() => departments.id),
    /** The department the citizen believes is involved, as typed on the form. */
    suggestedDepartmentId: uuid('suggested_department_id').references(() => departments.id),
    assignedUserId: uuid('assigned_user_id').references(() => users.id),
    channel: channelEnum('channel').notNull(),
    state: demandStateEnum('state').notNull().default('received'),
    priority: demandPriorityEnum('priority').notNull().default('normal'),
    identity: identityEnum('identity').notNull(),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    details: jsonb('details').$type<Record<string, string>>().notNull().default({}),
    // Requester: all null for anonymous demands (Lei 13.460 art. 10 §7 — restricted information).
    requesterUserId: uuid('requester_user_id').references(() => users.id),
    requesterName: text('requester_name'),
    requesterEmail: text('requester_email'),
    requesterPhone: text('requester_phone'),
    requesterCpf: text('requester_cpf'),
    requesterPseudonym: text('requester_pseudonym').notNull(),
    notifyByWhatsapp: boolean('notify_by_whatsapp').notNull().default(false),
    /** A browser of the citizen subscribed to this demand's Web Push notices (push_subscriptions). */
    notifyByPush: boolean('notify_by_push').notNull().default(false),
    /**
     * For a demand filed on Messenger or Instagram: the page-scoped id of the citizen there, where its
     * notices go back (falling back to e-mail). Identity, like the phone: null for anonymous demands.
     */
    requesterChatId: text('requester_chat_id'),
    accessCodeHash: text('access_code_hash'),
    addressLine: text('address_line'),
    neighbourhoodId: uuid('neighbourhood_id').references(() => neighbourhoods.id),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    enteredByUserId: uuid('entered_by_user_id').references(() => users.id),
    linkedDemandId: uuid('linked_demand_id'),
    /**
     * The main demand of the same problem (DESIGN.md `duplicate_of`): this one keeps its own protocol and
     * deadline, and the main one's final answer answers it too (lib/demands/duplicates.ts).
     */
    duplicateOfId: uuid('duplicate_of_id').references((): AnyPgColumn => demands.id),
    /**
     * Staff judged the description fit for the public map (/mapa, Open311): no names, nothing personal.
     * Only a Balcão request that is not confidential may be marked (lib/demands/publication.ts).
     */
    descriptionPublishable: boolean('description_publishable').notNull().default(false),
    dueOn: date('due_on').notNull(),
    /** The internal deadline of the current forward (20 days for an Ouvidoria request to a department). */
    departmentDueOn: date('department_due_on'),
    extensionUsed: boolean('extension_used').notNull().default(false),
    /** Set while awaiting the citizen: the deadline is suspended from this instant. */
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    reopenCount: smallint('reopen_count').notNull().default(0),
    /** An access-to-information request's answer: its outcome and, for a refusal, its legal ground (LAI art. 11 §1). */
    informationOutcome: informationOutcomeEnum('information_outcome'),
    denialGround: denialGroundEnum('denial_ground'),
    /** Bound into every e-mailed status link; bumping it revokes the links sent so far. */
    statusLinkGeneration: integer('status_link_generation').notNull().default(0),
    /** When the requester's personal data were removed (lib/privacy/anonymise.ts); null while they are kept. */
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('demands_protocol_key').on(t.protocol),
    uniqueIndex('demands_protocol_year_sequence_key').on(t.protocolYear, t.protocolSequence),
    index('demands_state_due_idx').on(t.state, t.dueOn),
    index('demands_department_state_due_idx').on(t.departmentId, t.state, t.dueOn),
    index('demands_service_state_due_idx').on(t.service, t.state, t.dueOn),
    index('demands_assigned_state_idx').on(t.assignedUserId, t.state),
    index('demands_requester_idx').on(t.requesterUserId, t.createdAt),
    index('demands_requester_cpf_idx').on(t.requesterCpf, t.createdAt),
    index('demands_requester_email_idx').on(sql`lower(${t.requesterEmail})`),
    index('demands_created_idx').on(t.createdAt),
    index('demands_category_idx').on(t.categoryId),
    index('demands_neighbourhood_idx').on(t.neighbourhoodId),
    // The workspace's queues (lib/db/queries/demand-queues.ts): active demands in deadline order per
    // desk, department and assignee; `state` last so that the counts are index-only.
    index('demands_active_due_idx').on(t.dueOn, t.state).where(activeStates(t.state)),
    index('demands_active_service_due_idx').on(t.service, t.dueOn, t.state).where(activeStates(t.state)),
    index('demands_active_department_due_idx').on(t.departmentId, t.dueOn, t.state).where(activeStates(t.state)),
    index('demands_active_assigned_due_idx').on(t.assignedUserId, t.departmentId, t.dueOn, t.state).where(activeStates(t.state)),
    index('demands_due_idx').on(t.dueOn, t.protocol),
    index('demands_linked_idx').on(t.linkedDemandId).where(sql`${t.linkedDemandId} is not null`),
    index('demands_duplicate_of_idx').on(t.duplicateOfId).where(sql`${t.duplicateOfId} is not null`),
    // "Já pediram isto aqui perto" (lib/db/queries/duplicate-suggestions.ts): the open requests of one
    // service, in a bounding box over their points or all of them for the description comparison — bounded
    // by one service's backlog, not by the table.
    index('demands_open_category_point_idx').on(t.categoryId, t.latitude, t.longitude).where(activeStates(t.state)),
    // The staff map of a department's queue or of one bairro (lib/db/queries/demand-map.ts) counts its
    // located demands from these alone (index-only), without reading the table.
    index('demands_located_department_idx')
      .on(t.departmentId, t.state, t.latitude, t.longitude)
      .where(sql`${t.latitude} is not null and ${t.longitude} is not null`),
    index('demands_located_neighbourhood_idx')
      .on(t.neighbourhoodId, t.latitude, t.longitude)
      .where(sql`${t.latitude} is not null and ${t.longitude} is not null`),
    // Similar descriptions among one service's open requests (findSimilarOpenRequests): pg_trgm's `%` and
    // nearest-first `<->` inside one category, so a big backlog of alike requests is not read row by row
    // (btree_gist puts the category in the same GiST index).
    index('demands_open_request_trgm_idx')
      .using('gist', t.categoryId, t.description.op('gist_trgm_ops(siglen=256)'))
      .where(sql`${t.service} = 'balcao' and ${activeStates(t.state)} and ${t.duplicateOfId} is null and ${t.identity} <> 'confidential'`),
    // The yearly access-to-information report (lib/stats/information-requests.ts) reads only this index.
    index('demands_information_year_idx')
      .on(t.protocolYear, t.informationOutcome, t.denialGround, t.extensionUsed, t.createdAt, t.answeredAt)
      .where(sql`${t.kind} = 'information'`),
    // The queue's priority filter: most demands are "normal", so only the others are indexed.
    index('demands_priority_idx').on(t.priority, t.dueOn).where(sql`${t.priority} <> 'normal'`),
    // The retention rule (lib/privacy/retention.ts): finished demands not yet anonymised, by kind and closing.
    index('demands_retention_idx').on(t.kind, t.closedAt).where(sql`${t.anonymisedAt} is null and ${t.state} in ('closed', 'archived')`),
    // Free text in the workspace; queries repeat this expression (demandSearchDocument in queries/demand-search.ts).
    index('demands_search_idx').using('gin', sql`to_tsvector('portuguese', ${t.subject} || ' ' || ${t.description})`),
  ],
);

/** Someone still has to act on the demand; partial indexes over these stay small as history grows. */
function activeStates(state: AnyPgColumn) {
  return sql`${state} in ('received', 'forwarded', 'in_progress', 'awaiting_citizen')`;
}

/**
 * A demand forwarded to several departments at once: the first chosen is responsible
 * (demands.department_id) and the others, listed here, help answer it and see it too. Replaced on
 * every forward, so a department taken off a demand stops seeing it.
 */
export const demandSupportingDepartments = pgTable(
  'demand_supporting_departments',
  {
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    forwardedAt: timestamp('forwarded_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.demandId, t.departmentId] }), index('demand_supporting_departments_department_idx').on(t.departmentId)],
);

export const demandEvents = pgTable(
  'demand_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    type: demandEventTypeEnum('type').notNull(),
    stateBefore: demandStateEnum('state_before'),
    stateAfter: demandStateEnum('state_after').notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    /** Who acted, as the citizen may see it ("Ouvidoria", "Cidadão", "Sistema"). */
    actorLabel: text('actor_label').notNull(),
    visibility: eventVisibilityEnum('visibility').notNull(),
    body: text('body').notNull().default(''),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('demand_events_demand_idx').on(t.demandId, t.createdAt)],
);

/** Etiquetas the admin keeps: global (no department) or of one secretaria. Staff put them on demands. */
export const tags = pgTable(
  'tags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('tags_name_idx').on(sql`lower(${t.name})`)],
);

/** Which etiquetas a demand carries. The queue filter reads (tag_id, demand_id); a demand's chips read the key. */
export const demandTags = pgTable(
  'demand_tags',
  {
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    tagId: uuid('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.demandId, t.tagId] }), index('demand_tags_tag_idx').on(t.tagId, t.demandId)],
);

/**
 * A macro: one click on the demand page sends an answer template as a message of `action` (which moves
 * the state as that action does) and puts an etiqueta on the demand, all in one transaction.
 */
export const macros = pgTable('macros', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  answerTemplateId: uuid('answer_template_id')
    .notNull()
    .references(() => answerTemplates.id, { onDelete: 'cascade' }),
  action: macroActionEnum('action').notNull(),
  tagId: uuid('tag_id').references(() => tags.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});

export type Tag = typeof tags.$inferSelect;
export type Macro = typeof macros.$inferSelect;

/**
 * Who has a demand open in the workspace right now: one heartbeat per person and demand, renewed by the
 * page's poll every few seconds ('replying' while their composer has text). A row older than
 * `PRESENCE_SECONDS` means nothing and is deleted by a later poll.
 */
export const demandPresence = pgTable(
  'demand_presence',
  {
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    activity: text('activity', { enum: ['viewing', 'replying'] }).notNull(),
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.demandId, t.userId] }), index('demand_presence_seen_idx').on(t.seenAt)],
);

/**
 * The appeals (recurso de 1ª / 2ª instância) and omission complaints of an access-to-information request:
 * each a movement on the same protocol with its own deadline and its own deciding authority (LAI arts.
 * 15–16; Decreto 7.724 arts. 21–24). `instance` is the appeal instance that judges it (an omission
 * complaint goes to the 1st instance's authority).
 */
export const informationAppeals = pgTable(
  'information_appeals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    kind: informationAppealKindEnum('kind').notNull(),
    instance: smallint('instance').notNull(),
    reason: text('reason').notNull(),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull(),
    /** The last day to decide: 5 days after filing. */
    dueOn: date('due_on').notNull(),
    decision: appealDecisionEnum('decision'),
    decisionText: text('decision_text'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedByUserId: uuid('decided_by_user_id').references(() => users.id),
  },
  (t) => [
    uniqueIndex('information_appeals_demand_kind_instance_key').on(t.demandId, t.kind, t.instance),
    index('information_appeals_pending_idx').on(t.instance, t.dueOn).where(sql`${t.decision} is null`),
    index('information_appeals_filed_idx').on(t.filedAt),
    check('information_appeals_instance_check', sql`${t.instance} in (1, 2)`),
  ],
);

export type InformationAppeal = typeof informationAppeals.$inferSelect;

export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    eventId: integer('event_id'),
    storageKey: text('storage_key').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    uploadedByUserId: uuid('uploaded_by_user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('attachments_demand_idx').on(t.demandId)],
);

export const satisfactionRatings = pgTable('satisfaction_ratings', {
  demandId: uuid('demand_id')
    .primaryKey()
    .references(() => demands.id, { onDelete: 'cascade' }),
  rating: smallint('rating').notNull(),
  resolved: boolean('resolved').notNull(),
  comment: text('comment'),
  createdAt: createdAt(),
});

/**
 * Located demands counted per grid cell of 1/1024° (about 110 m × 100 m), service and state, kept by
 * database triggers on demands (lib/db/map-routines.ts): the staff map of a wide queue (the ombudsman's
 * every demand, the counter's) reads these few thousand rows instead of every located demand
 * (lib/db/queries/demand-map.ts). Centroids come from the sums.
 */
export const demandMapCells = pgTable(
  'demand_map_cells',
  {
    cellY: integer('cell_y').notNull(),
    cellX: integer('cell_x').notNull(),
    service: serviceEnum('service').notNull(),
    state: demandStateEnum('state').notNull(),
    demands: integer('demands').notNull(),
    latitudeSum: doublePrecision('latitude_sum').notNull(),
    longitudeSum: doublePrecision('longitude_sum').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cellY, t.cellX, t.service, t.state] })],
);

/**
 * One narrow row per demand with only what statistics read, kept by database triggers on demands,
 * demand_events (information requests) and satisfaction_ratings (lib/db/stats-routines.ts), so it is
 * always exactly as fresh as the demands themselves. Dates are calendar dates in São Paulo.
 */
export const demandFacts = pgTable(
  'demand_facts',
  {
    demandId: uuid('demand_id')
      .primaryKey()
      .references(() => demands.id, { onDelete: 'cascade' }),
    receivedOn: date('received_on').notNull(),
    receivedMonth: date('received_month').notNull(),
    service: serviceEnum('service').notNull(),
    kind: demandKindEnum('kind').notNull(),
    channel: channelEnum('channel').notNull(),
    state: demandStateEnum('state').notNull(),
    categoryId: uuid('category_id'),
    departmentId: uuid('department_id'),
    neighbourhoodId: uuid('neighbourhood_id'),
    dueOn: date('due_on').notNull(),
    answeredOn: date('answered_on'),
    daysToAnswer: integer('days_to_answer'),
    extensionUsed: boolean('extension_used').notNull(),
    infoRequests: smallint('info_requests').notNull().default(0),
    reopenCount: smallint('reopen_count').notNull(),
    rating: smallint('rating'),
    resolved: boolean('resolved'),
    /** Linked as a duplicate of another demand (demands.duplicate_of_id): the same problem, counted once as a problem. */
    isDuplicate: boolean('is_duplicate').notNull().default(false),
    /** The demand's priority now (staff change it after intake). */
    priority: demandPriorityEnum('priority').notNull().default('normal'),
  },
  (t) => [
    index('demand_facts_received_idx').on(t.receivedOn),
    // A priority filter with a dimension no priority grain keeps: most demands are "normal", so only the others are indexed.
    index('demand_facts_priority_received_idx').on(t.priority, t.receivedOn).where(sql`${t.priority} <> 'normal'`),
    // For filters that no rollup grain keeps (a channel and a bairro together, say): read the facts of one value only.
    index('demand_facts_channel_received_idx').on(t.channel, t.receivedOn),
    index('demand_facts_neighbourhood_received_idx').on(t.neighbourhoodId, t.receivedOn),
    index('demand_facts_open_idx')
      .on(t.departmentId, t.dueOn)
      .where(sql`${t.state} in ('received', 'forwarded', 'in_progress', 'awaiting_citizen')`),
  ],
);

/**
 * demand_facts summed by month of receipt at several grains (lib/stats/grains.ts): each grain keeps some
 * dimensions and leaves the others null, so a query reads the smallest grain that has every dimension it
 * filters or groups by. A cache: a month whose facts changed is listed in stats_dirty_months until
 * refreshStatsRollups() recomputes it, and queries read dirty months from demand_facts instead, so the
 * figures are never stale (lib/stats/source.ts).
 */
export const demandStatsRollup = pgTable(
  'demand_stats_rollup',
  {
    grain: smallint('grain').notNull(),
    month: date('month').notNull(),
    service: serviceEnum('service'),
    kind: demandKindEnum('kind'),
    channel: channelEnum('channel'),
    categoryId: uuid('category_id'),
    departmentId: uuid('department_id'),
    neighbourhoodId: uuid('neighbourhood_id'),
    priority: demandPriorityEnum('priority'),
    /** Only in the etiqueta grains, where a demand counts once under each of its etiquetas. */
    tagId: uuid('tag_id'),
    daysToAnswer: integer('days_to_answer'),
    received: integer('received').notNull(),
    stateReceived: integer('state_received').notNull(),
    stateForwarded: integer('state_forwarded').notNull(),
    stateInProgress: integer('state_in_progress').notNull(),
    stateAwaitingCitizen: integer('state_awaiting_citizen').notNull(),
    stateAnswered: integer('state_answered').notNull(),
    stateClosed: integer('state_closed').notNull(),
    stateArchived: integer('state_archived').notNull(),
    answered: integer('answered').notNull(),
    answeredOnTime: integer('answered_on_time').notNull(),
    extended: integer('extended').notNull(),
    infoRequested: integer('info_requested').notNull(),
    infoRequests: integer('info_requests').notNull(),
    reopened: integer('reopened').notNull(),
    rated: integer('rated').notNull(),
    ratingSum: integer('rating_sum').notNull(),
    resolved: integer('resolved').notNull(),
    problems: integer('problems').notNull().default(0),
  },
  (t) => [index('demand_stats_rollup_grain_month_idx').on(t.grain, t.month)],
);

export const statsDirtyMonths = pgTable('stats_dirty_months', {
  month: date('month').primaryKey(),
  markedAt: timestamp('marked_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Notifications written in the same transaction as the change that causes them; a worker sends them. */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    demandId: uuid('demand_id').references(() => demands.id, { onDelete: 'cascade' }),
    channel: outboxChannelEnum('channel').notNull(),
    template: text('template').notNull(),
    recipient: text('recipient').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    status: outboxStatusEnum('status').notNull().default('pending'),
    attempts: smallint('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lockedBy: text('locked_by'),
    lastError: text('last_error'),
    providerMessageId: text('provider_message_id'),
    /** The Message-ID header we gave an e-mail (lib/channels/email/message-id.ts): replies and bounces name it. */
    emailMessageId: text('email_message_id'),
    /** A delivery status notification came back for this e-mail (lib/channels/email/inbound.ts). */
    bouncedAt: timestamp('bounced_at', { withTimezone: true }),
    bounceDetail: text('bounce_detail'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('outbox_demand_idx').on(t.demandId),
    uniqueIndex('outbox_email_message_id_key').on(t.emailMessageId),
    index('outbox_bounced_idx').on(t.bouncedAt).where(sql`${t.bouncedAt} is not null`),
  ],
);

/**
 * Every message the e-mail reader took from the mailbox (lib/channels/email). `message_key` (the
 * Message-ID, or a hash of the raw message when it has none) and the mailbox UID make each message
 * applied once: `processed_at` is set in the same transaction as its effects (a demand filed, a reply
 * on the timeline, a bounce recorded). A message that failed keeps `processed_at` null, with its error
 * and the instant of the next attempt; the admin delivery page lists those.
 */
export const emailInboundMessages = pgTable(
  'email_inbound_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageKey: text('message_key').notNull().unique(),
    folder: text('folder').notNull(),
    uidValidity: text('uid_validity').notNull(),
    uid: integer('uid').notNull(),
    /** Lower-cased sender address: identity, shown only under the demand's identity rules. */
    fromAddress: text('from_address'),
    fromName: text('from_name'),
    subject: text('subject').notNull().default(''),
    /** The text the citizen wrote (HTML converted to text); its personal data removed when the demand is anonymised (LGPD). */
    body: text('body').notNull().default(''),
    /** The headers worth showing staff (Date, From, To, Cc, Subject, Message-ID, In-Reply-To, …). */
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** What it turned out to be: new_demand, reply, new_demand_after_closed, auto_reply, bounce, mailing_list, loop, own_message, refused. */
    outcome: text('outcome'),
    /** Why a message filed nothing (the auto-reply's header, the refusal), for the admin page. */
    outcomeDetail: text('outcome_detail'),
    demandId: uuid('demand_id').references(() => demands.id, { onDelete: 'set null' }),
    /** For a bounce: the outbox row it bounced. */
    outboxId: uuid('outbox_id').references(() => outbox.id, { onDelete: 'set null' }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    attempts: smallint('attempts').notNull().default(0),
    lastError: text('last_error'),
    retryAt: timestamp('retry_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('email_inbound_uid_key').on(t.folder, t.uidValidity, t.uid),
    index('email_inbound_demand_idx').on(t.demandId, t.receivedAt),
    index('email_inbound_sender_idx').on(t.fromAddress, t.receivedAt),
    index('email_inbound_failed_idx').on(t.receivedAt).where(sql`${t.processedAt} is null`),
  ],
);

/**
 * Which process reads a mailbox folder: with several workers on one PostgreSQL only the lease holder
 * connects to IMAP; the others wait to take over when its lease runs out.
 */
export const emailReaderLeases = pgTable('email_reader_leases', {
  folder: text('folder').primaryKey(),
  holder: text('holder').notNull(),
  leaseUntil: timestamp('lease_until', { withTimezone: true }).notNull(),
});

/**
 * A WhatsApp user who wrote to the prefeitura or was notified by it. Meta identifies a user by phone
 * (`wa_id`) and, since usernames, by a business-scoped user id (`user_id`, BSUID); either may be absent,
 * so neither is assumed. `phone` is the E.164 form of a Brazilian `wa_id`, to match demands' phones.
 */
export const whatsappContacts = pgTable(
  'whatsapp_contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    waId: text('wa_id').unique(),
    userId: text('user_id').unique(),
    phone: text('phone'),
    profileName: text('profile_name'),
    /** Opens Meta's 24-hour customer-service window: free text may be sent until 24 h after it. */
    lastInboundAt: timestamp('last_inbound_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('whatsapp_contacts_phone_idx').on(t.phone),
    check('whatsapp_contacts_identifier_check', sql`${t.waId} is not null or ${t.userId} is not null`),
  ],
);

/**
 * Every message a citizen sent, stored before it is acted on: the webhook answers Meta at once, and the
 * unique message id makes a redelivered webhook a no-op. `processed_at` is set in the same transaction
 * as the message's effects (a demand filed, a timeline event), so each message is applied once.
 */
export const whatsappInboundMessages = pgTable(
  'whatsapp_inbound_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: text('message_id').notNull().unique(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => whatsappContacts.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    /** The message object exactly as Meta sent it (redacted after an anonymous filing). */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    phoneNumberId: text('phone_number_id').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    /** The demand this message filed or was added to, for the demand's WhatsApp thread. */
    demandId: uuid('demand_id').references(() => demands.id, { onDelete: 'set null' }),
    attempts: smallint('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** After a failure (Meta's media API down, say): not tried again before this instant. */
    retryAt: timestamp('retry_at', { withTimezone: true }),
  },
  (t) => [
    index('whatsapp_inbound_pending_idx').on(t.contactId, t.sentAt).where(sql`${t.processedAt} is null`),
    index('whatsapp_inbound_contact_idx').on(t.contactId, t.receivedAt),
    index('whatsapp_inbound_demand_idx').on(t.demandId),
  ],
);

/**
 * Every message sent to a citizen: conversation replies and outbox notifications. The bigserial id keeps
 * a contact's replies in the order they were written. Without Cloud API credentials this table is the
 * development store that /dev/whatsapp shows.
 */
export const whatsappOutboundMessages = pgTable(
  'whatsapp_outbound_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => whatsappContacts.id, { onDelete: 'cascade' }),
    /** Set for notifications: one outbound message per outbox row, so a retried row never sends twice. */
    outboxId: uuid('outbox_id')
      .unique()
      .references(() => outbox.id, { onDelete: 'set null' }),
    demandId: uuid('demand_id').references(() => demands.id, { onDelete: 'set null' }),
    kind: text('kind').$type<'text' | 'buttons' | 'list' | 'template'>().notNull(),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    /** The message as plain text, for the simulator and the demand's thread. */
    preview: text('preview').notNull(),
    status: whatsappOutboundStatusEnum('status').notNull().default('pending'),
    /** `cloud_api` when Meta accepted it; `simulator` when kept for /dev/whatsapp (no credentials). */
    transport: text('transport').$type<'cloud_api' | 'simulator'>(),
    providerMessageId: text('provider_message_id').unique(),
    attempts: smallint('attempts').notNull().default(0),
    lastError: text('last_error'),
    errorCode: integer('error_code'),
    statusAt: timestamp('status_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('whatsapp_outbound_contact_idx').on(t.contactId, t.id),
    index('whatsapp_outbound_pending_idx').on(t.contactId, t.id).where(sql`${t.status} in ('pending', 'sending')`),
    index('whatsapp_outbound_demand_idx').on(t.demandId),
  ],
);

/**
 * One guided conversation per contact: the state machine's state (lib/channels/whatsapp/conversation.ts)
 * lives here, so it survives restarts and is shared by every app instance. `lease_until` lets one
 * process at a time work a contact's messages, in order.
 */
export const whatsappConversations = pgTable(
  'whatsapp_conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contactId: uuid('contact_id')
      .notNull()
      .unique()
      .references(() => whatsappContacts.id, { onDelete: 'cascade' }),
    step: text('step').notNull().default('start'),
    state: jsonb('state').$type<Record<string, unknown>>().notNull().default({ step: 'start' }),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }),
    /** When an unfinished conversation is dropped for inactivity; null when nothing is in progress. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('whatsapp_conversations_expiry_idx').on(t.expiresAt).where(sql`${t.expiresAt} is not null`)],
);

/** The demands a contact filed (or follows) over WhatsApp: their "minhas manifestações". Never anonymous ones. */
export const whatsappContactDemands = pgTable(
  'whatsapp_contact_demands',
  {
    contactId: uuid('contact_id')
      .notNull()
      .references(() => whatsappContacts.id, { onDelete: 'cascade' }),
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.contactId, t.demandId] }), index('whatsapp_contact_demands_demand_idx').on(t.demandId)],
);

/**
 * A person who wrote to the Facebook Page (Messenger) or the Instagram account. Meta identifies them by
 * an id scoped to our Page or account (PSID / IGSID), unique per platform; no phone, no e-mail.
 */
export const messengerContacts = pgTable(
  'messenger_contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    platform: text('platform').$type<MessengerPlatform>().notNull(),
    scopedId: text('scoped_id').notNull(),
    profileName: text('profile_name'),
    /** Opens the 24-hour standard messaging window: a reply may be sent until 24 h after it. */
    lastInboundAt: timestamp('last_inbound_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('messenger_contacts_platform_scoped_id_unique').on(t.platform, t.scopedId)],
);

/** Every message a citizen sent on Messenger or Instagram, stored before it is acted on (applied once by `mid`). */
export const messengerInboundMessages = pgTable(
  'messenger_inbound_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    platform: text('platform').$type<MessengerPlatform>().notNull(),
    messageId: text('message_id').notNull(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => messengerContacts.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    /** The messaging event as Meta sent it (redacted after an anonymous filing). */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    demandId: uuid('demand_id').references(() => demands.id, { onDelete: 'set null' }),
    attempts: smallint('attempts').notNull().default(0),
    lastError: text('last_error'),
    retryAt: timestamp('retry_at', { withTimezone: true }),
  },
  (t) => [
    unique('messenger_inbound_platform_message_unique').on(t.platform, t.messageId),
    index('messenger_inbound_pending_idx').on(t.contactId, t.sentAt).where(sql`${t.processedAt} is null`),
    index('messenger_inbound_demand_idx').on(t.demandId),
  ],
);

/** Every message sent on Messenger or Instagram: conversation replies and outbox notifications. */
export const messengerOutboundMessages = pgTable(
  'messenger_outbound_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => messengerContacts.id, { onDelete: 'cascade' }),
    outboxId: uuid('outbox_id')
      .unique()
      .references(() => outbox.id, { onDelete: 'set null' }),
    demandId: uuid('demand_id').references(() => demands.id, { onDelete: 'set null' }),
    kind: text('kind').$type<'text' | 'buttons' | 'list' | 'template'>().notNull(),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    preview: text('preview').notNull(),
    status: whatsappOutboundStatusEnum('status').notNull().default('pending'),
    /** `send_api` when Meta accepted it; `simulator` when kept for /dev/messenger (no credentials). */
    transport: text('transport').$type<'send_api' | 'simulator'>(),
    /** The Send API's message tag when it went outside the 24-hour window (HUMAN_AGENT). */
    tag: text('tag'),
    providerMessageId: text('provider_message_id').unique(),
    attempts: smallint('attempts').notNull().default(0),
    lastError: text('last_error'),
    statusAt: timestamp('status_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('messenger_outbound_contact_idx').on(t.contactId, t.id),
    index('messenger_outbound_demand_idx').on(t.demandId),
  ],
);

/** The conversation state per Messenger/Instagram contact, with a lease so one process works it at a time. */
export const messengerConversations = pgTable('messenger_conversations', {
  id: uuid('id').primaryKey().defaultRandom(),
  contactId: uuid('contact_id')
    .notNull()
    .unique()
    .references(() => messengerContacts.id, { onDelete: 'cascade' }),
  step: text('step').notNull().default('start'),
  state: jsonb('state').$type<Record<string, unknown>>().notNull().default({ step: 'start' }),
  lastActivityAt: timestamp('last_activity_at', { withTimezone: true }),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The demands a Messenger/Instagram contact filed or proved theirs. Never anonymous ones. */
export const messengerContactDemands = pgTable(
  'messenger_contact_demands',
  {
    contactId: uuid('contact_id')
      .notNull()
      .references(() => messengerContacts.id, { onDelete: 'cascade' }),
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.contactId, t.demandId] }), index('messenger_contact_demands_demand_idx').on(t.demandId)],
);

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** Development only: photos and documents "sent" from /dev/whatsapp and /dev/messenger, served in place of Meta's media. */
export const whatsappDevMedia = pgTable('whatsapp_dev_media', {
  id: text('id').primaryKey(),
  contentType: text('content_type').notNull(),
  fileName: text('file_name'),
  bytes: bytea('bytes').notNull(),
  sha256: text('sha256').notNull(),
  createdAt: createdAt(),
});

/** Every view of a protected identity (denúncia or confidential demand) by staff. */
export const identityAccessLog = pgTable(
  'identity_access_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    accessedAt: timestamp('accessed_at', { withTimezone: true }).notNull().defaultNow(),
    /** Why the ombudsman opened the identity; required since reveals became a POST (older rows have none). */
    reason: text('reason'),
  },
  (t) => [index('identity_access_log_demand_idx').on(t.demandId, t.accessedAt)],
);

export const answerTemplates = pgTable('answer_templates', {
  id: uuid('id').primaryKey().defaultRandom(),
  categoryId: uuid('category_id').references(() => categories.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  body: text('body').notNull(),
  createdAt: createdAt(),
});

/**
 * One row per intake form render that was filed: its idempotency key, the demand it filed and, for an
 * anonymous demand, the access code sealed under a server secret, so that posting the same form again
 * (a refresh, a retry after a lost response, a double click) shows the same receipt instead of filing
 * twice. The key's primary key makes two simultaneous posts wait for each other. Rows go when the key
 * expires (`expires_at`), taking the sealed code with them.
 */
export const intakeSubmissions = pgTable(
  'intake_submissions',
  {
    key: text('key').primaryKey(),
    // Written with the claim, by the statement that files the demand (lib/demands/intake.ts).
    demandId: uuid('demand_id').references(() => demands.id, { onDelete: 'cascade' }),
    sealedAccessCode: text('sealed_access_code'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('intake_submissions_expires_at_idx').on(t.expiresAt)],
);

/**
 * The browsers that asked for Web Push notices about one demand (its status page, "Avisar neste
 * aparelho"): the push service's endpoint and the keys that encrypt for that browser. A subscription
 * the push service says is gone (404/410) is deleted by the sender (lib/delivery/push.ts).
 */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    endpoint: text('endpoint').notNull(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('push_subscriptions_demand_endpoint_key').on(t.demandId, t.endpoint)],
);

export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;

/** Fixed-window counters for throttling (tracking lookups, sign-ins); shared by every app instance. */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    hits: integer('hits').notNull(),
    windowEndsAt: timestamp('window_ends_at', { withTimezone: true }).notNull(),
  },
  // The worker deletes ended windows in batches (pruneExpiredRateLimits).
  (t) => [index('rate_limits_window_ends_idx').on(t.windowEndsAt)],
);

/**
 * One row per running outbox worker, touched on every loop (at most every WORKER_HEARTBEAT_MS): the
 * readiness check (/api/health/ready) and the metrics read it to tell a working delivery from a dead one.
 */
export const workerHeartbeats = pgTable('worker_heartbeats', {
  workerId: text('worker_id').primaryKey(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  beatAt: timestamp('beat_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One row per tick of the workers' scheduled tasks (lib/delivery/scheduled-tasks.ts): the primary key is
 * what lets one worker, and only one, run a tick's tasks when several share the database. Kept a week.
 */
export const scheduledTaskRuns = pgTable('scheduled_task_runs', {
  tickAt: timestamp('tick_at', { withTimezone: true }).primaryKey(),
  workerId: text('worker_id').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  /** Names of the tasks that failed in this tick ([] when all ran). */
  failedTasks: jsonb('failed_tasks').$type<string[]>(),
});

/**
 * Third-party applications allowed to post Open311 requests (app/open311/v2). The key is shown once when
 * an administrator issues it; only its SHA-256 is kept, and a revoked key is refused from then on.
 */
export const open311Clients = pgTable('open311_clients', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  contactEmail: text('contact_email'),
  keyHash: text('key_hash').notNull().unique(),
  /** The key's first characters, so an administrator can tell keys apart without the key itself. */
  keyPrefix: text('key_prefix').notNull(),
  createdByUserId: uuid('created_by_user_id').references(() => users.id),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  createdAt: createdAt(),
});

/** Development only (no RESEND_API_KEY): e-mails kept here and shown in the mailbox page. */
export const devMailbox = pgTable(
  'dev_mailbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    idempotencyKey: text('idempotency_key').unique(),
    /** Message-ID, In-Reply-To and References, as they would have gone through Resend. */
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('dev_mailbox_recipient_idx').on(t.recipient, t.createdAt)],
);

/**
 * The staff-written sections of the annual management report (Lei 13.460/2017 arts. 14–15); the
 * figures beside them are computed, never typed.
 */
export const annualReports = pgTable('annual_reports', {
  year: integer('year').primaryKey(),
  presentation: text('presentation').notNull().default(''),
  reasonsAnalysis: text('reasons_analysis').notNull().default(''),
  recurringAnalysis: text('recurring_analysis').notNull().default(''),
  measuresTaken: text('measures_taken').notNull().default(''),
  updatedByUserId: uuid('updated_by_user_id').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const dataProtectionRequestScopeEnum = pgEnum('data_protection_request_scope', DATA_PROTECTION_REQUEST_SCOPES);
export const dataProtectionRequestStateEnum = pgEnum('data_protection_request_state', DATA_PROTECTION_REQUEST_STATES);

/**
 * A citizen's request to the encarregado to delete or anonymise their data (LGPD art. 18 IV and VI),
 * answered within 15 days (art. 19 II). `requester_email` is the address the decision is sent to, kept
 * apart from the account, which a granted request may anonymise.
 */
export const dataProtectionRequests = pgTable(
  'data_protection_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    scope: dataProtectionRequestScopeEnum('scope').notNull(),
    reason: text('reason').notNull().default(''),
    state: dataProtectionRequestStateEnum('state').notNull().default('pending'),
    dueOn: date('due_on').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedByUserId: uuid('decided_by_user_id').references(() => users.id),
    decision: text('decision'),
    /** How many demands the decision anonymised. */
    anonymisedDemands: integer('anonymised_demands'),
    createdAt: createdAt(),
  },
  (t) => [index('data_protection_requests_state_due_idx').on(t.state, t.dueOn), index('data_protection_requests_user_idx').on(t.userId, t.createdAt)],
);

/**
 * Every run of the retention rule (lib/privacy/retention.ts), real or dry: the rule in force (days per
 * kind), how many demands it selected and how many it anonymised. The worker refuses a real run until a
 * dry run has been recorded.
 */
export const retentionRuns = pgTable(
  'retention_runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dryRun: boolean('dry_run').notNull(),
    /** `worker`, `command` or `admin`. */
    trigger: text('trigger').notNull(),
    rule: jsonb('rule').$type<Record<string, number | null>>().notNull(),
    selected: integer('selected').notNull(),
    anonymised: integer('anonymised').notNull().default(0),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('retention_runs_started_idx').on(t.startedAt)],
);

/**
 * The optional requester profile (faixa etária, gênero, raça/cor, escolaridade, as Fala.BR asks), kept
 * apart from the identity: no name, contact or user link here, only the demand it came with. Read only
 * in aggregate, with counts under 5 suppressed (lib/domain/privacy.ts).
 */
export const requesterProfiles = pgTable('requester_profiles', {
  demandId: uuid('demand_id')
    .primaryKey()
    .references(() => demands.id, { onDelete: 'cascade' }),
  ageRange: text('age_range'),
  gender: text('gender'),
  race: text('race'),
  education: text('education'),
});

export type DataProtectionRequest = typeof dataProtectionRequests.$inferSelect;
export type RetentionRun = typeof retentionRuns.$inferSelect;
export type Department = typeof departments.$inferSelect;
export type NewDepartment = typeof departments.$inferInsert;
export type Category = typeof categories.$inferSelect;
export type NewCategory = typeof categories.$inferInsert;
export type Neighbourhood = typeof neighbourhoods.$inferSelect;
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Demand = typeof demands.$inferSelect;
export type NewDemand = typeof demands.$inferInsert;
export type DemandSupportingDepartment = typeof demandSupportingDepartments.$inferSelect;
export type DemandEvent = typeof demandEvents.$inferSelect;
export type NewDemandEvent = typeof demandEvents.$inferInsert;
export type Attachment = typeof attachments.$inferSelect;
export type NewAttachment = typeof attachments.$inferInsert;
export type OutboxMessage = typeof outbox.$inferSelect;
export type NewOutboxMessage = typeof outbox.$inferInsert;
export type NewIntakeSubmission = typeof intakeSubmissions.$inferInsert;
export type WhatsappContact = typeof whatsappContacts.$inferSelect;
export type WhatsappInboundMessage = typeof whatsappInboundMessages.$inferSelect;
export type WhatsappOutboundMessage = typeof whatsappOutboundMessages.$inferSelect;
export type NewWhatsappOutboundMessage = typeof whatsappOutboundMessages.$inferInsert;
export type WhatsappConversation = typeof whatsappConversations.$inferSelect;
export type MessengerContact = typeof messengerContacts.$inferSelect;
export type MessengerInboundMessage = typeof messengerInboundMessages.$inferSelect;
export type MessengerOutboundMessage = typeof messengerOutboundMessages.$inferSelect;
export type MessengerConversation = typeof messengerConversations.$inferSelect;
export type DemandFact = typeof demandFacts.$inferSelect;
export type AnnualReport = typeof annualReports.$inferSelect;
export type IntakeSubmission = typeof intakeSubmissions.$inferSelect;
export type Open311Client = typeof open311Clients.$inferSelect;
export type EmailInboundMessage = typeof emailInboundMessages.$inferSelect;

/**
 * One row per signed-in session: the session token carries its id (`sid`), and `auth()` checks the row on
 * every request, so one session can be ended without ending the others. A row waiting for the second
 * factor (`secondFactorPending`) is not a session yet: the guards refuse it, and it lapses after minutes.
 */
export const authSessions = pgTable(
  'auth_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    userAgent: text('user_agent').notNull().default(''),
    /** The client address as `clientAddress()` reads it (only through trusted proxies). */
    clientAddress: text('client_address').notNull().default(''),
    secondFactorPending: boolean('second_factor_pending').notNull().default(false),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [index('auth_sessions_user_idx').on(t.userId, t.endedAt)],
);

/** A person's authenticator app (TOTP): the secret encrypted at rest, usable once confirmed by a code. */
export const twoFactorTotp = pgTable('two_factor_totp', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  secretCiphertext: text('secret_ciphertext').notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  /** The last 30-second step whose code was taken: a code is good once (no replay). */
  lastTimeStep: bigint('last_time_step', { mode: 'number' }).notNull().default(0),
  createdAt: createdAt(),
});

/** One-time recovery codes (argon2 hashes), shown once when the authenticator is confirmed. */
export const twoFactorRecoveryCodes = pgTable(
  'two_factor_recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('two_factor_recovery_codes_user_idx').on(t.userId)],
);

/** Which staff roles must sign in with a second factor (no row: not required). Set by the admin. */
export const twoFactorPolicies = pgTable('two_factor_policies', {
  role: roleEnum('role').primaryKey(),
  required: boolean('required').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by').references(() => users.id),
});

/**
 * A person's passkeys (WebAuthn credentials), each a second factor in place of the authenticator app.
 * Only the public key is kept; `counter` is the authenticator's signature counter, which must move forward
 * on every use (a cloned authenticator repeats it).
 */
export const passkeys = pgTable(
  'passkeys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The credential id as the browser reports it (base64url). */
    credentialId: text('credential_id').notNull(),
    /** The COSE public key, base64url. */
    publicKey: text('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: jsonb('transports').$type<string[]>().notNull().default([]),
    /** The name the person gave it ("notebook do trabalho"). */
    name: text('name').notNull(),
    /** Synced between devices (a password manager) or bound to one. */
    backedUp: boolean('backed_up').notNull().default(false),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('passkeys_credential_id_idx').on(t.credentialId), index('passkeys_user_idx').on(t.userId)],
);

/**
 * WebAuthn challenges waiting for the browser's answer, kept on the server (not in a cookie) and bound to
 * the session that asked: each is taken (deleted) by the first answer, right or wrong, and lapses after
 * minutes. One per session and purpose.
 */
export const passkeyChallenges = pgTable(
  'passkey_challenges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => authSessions.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['registration', 'authentication'] }).notNull(),
    challenge: text('challenge').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('passkey_challenges_session_purpose_idx').on(t.sessionId, t.purpose), index('passkey_challenges_expires_idx').on(t.expiresAt)],
);

export type Passkey = typeof passkeys.$inferSelect;

/** Who did what to whose sign-in (2FA reset, policy change, account disabled): read by the admin, never edited. */
export const accountSecurityLog = pgTable(
  'account_security_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actorId: uuid('actor_id').references(() => users.id),
    subjectId: uuid('subject_id').references(() => users.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    detail: text('detail').notNull().default(''),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('account_security_log_at_idx').on(t.at)],
);

export type AuthSession = typeof authSessions.$inferSelect;

/**
 * The workspace's own copy of the alerts staff get by e-mail (a demand entered the queue, was forwarded
 * or assigned, is due soon or overdue). Addressed to a role, a secretaria or one person — read at query
 * time against who the person is now — and named by its demand only: the list reads the protocol and
 * subject from the demand, so an anonymised demand's alert says nothing more than the demand does.
 */
export const staffAlerts = pgTable(
  'staff_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['new_demand', 'forwarded', 'assigned', 'due_soon', 'overdue'] }).notNull(),
    audienceRole: roleEnum('audience_role'),
    audienceDepartmentId: uuid('audience_department_id').references(() => departments.id, { onDelete: 'cascade' }),
    audienceUserId: uuid('audience_user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** One alert per movement and audience (a retried use case or scan writes none twice). */
    dedupeKey: text('dedupe_key').notNull().unique(),
    createdAt: createdAt(),
  },
  (t) => [
    index('staff_alerts_role_idx').on(t.audienceRole, t.createdAt),
    index('staff_alerts_department_idx').on(t.audienceDepartmentId, t.createdAt),
    index('staff_alerts_user_idx').on(t.audienceUserId, t.createdAt),
    index('staff_alerts_demand_idx').on(t.demandId),
    check('staff_alerts_one_audience', sql`num_nonnulls(${t.audienceRole}, ${t.audienceDepartmentId}, ${t.audienceUserId}) = 1`),
  ],
);

/** Who has read which alert (read per person, also when the alert went to a whole secretaria). */
export const staffAlertReads = pgTable(
  'staff_alert_reads',
  {
    alertId: uuid('alert_id')
      .notNull()
      .references(() => staffAlerts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.alertId, t.userId] })],
);

export type StaffAlert = typeof staffAlerts.$inferSelect;
export type NewStaffAlert = typeof staffAlerts.$inferInsert;

/**
 * A queue with its filters and order, saved under a name by a staff member (lib/demands/saved-views.ts):
 * their own, or shared with one of their secretarias (`department_id`). Only a query string over the
 * queue page: applying it goes through the same queue checks as typing it would.
 */
export const savedViews = pgTable(
  'saved_views',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerUserId: uuid('owner_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Shared with this secretaria's members; null for a personal view. */
    departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The queue page's query string (`fila=…&ordem=…`), normalised: known parameters only, no page. */
    query: text('query').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('saved_views_owner_idx').on(t.ownerUserId), index('saved_views_department_idx').on(t.departmentId).where(sql`${t.departmentId} is not null`)],
);

export type SavedView = typeof savedViews.$inferSelect;

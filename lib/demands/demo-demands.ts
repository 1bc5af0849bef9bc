import { eq } from 'drizzle-orm';
import type { Executor } from '@/lib/db/client';
import { categories, demandEvents, demands, departments, informationAppeals, neighbourhoods, satisfactionRatings } from '@/lib/db/schema';
import { appealDecisionDueOn, DENIAL_GROUND_LABELS, isAppealableOutcome, OUTCOME_LABELS, type DenialGround, type InformationOutcome } from '@/lib/domain/information-requests';
import { municipality } from '@/lib/municipality';
import { OUVIDORIA_KINDS, type Channel, type DemandState, type Identity } from '@/lib/domain/vocabulary';
import { DEMO_CITIZEN_EMAIL_DOMAIN } from '@/lib/db/demo-data';
import { boundsOf, pointInArea, type LatLng } from '@/lib/domain/geo';
import { fileDemand } from './intake';
import { generateAccessCode, hashAccessCode } from './access-code';

/**
 * A few hundred demands spread over the last twelve months, across services, kinds, channels and states,
 * so that queues, timelines and statistics have something real to show in development. Deterministic.
 * They queue no notification, and their requesters' e-mails are on a reserved domain.
 */

const FIRST_NAMES = ['Maria', 'José', 'Ana', 'João', 'Francisca', 'Antônio', 'Adriana', 'Carlos', 'Juliana', 'Paulo', 'Márcia', 'Lucas'];
const LAST_NAMES = ['Silva', 'Santos', 'Oliveira', 'Souza', 'Lima', 'Pereira', 'Ferreira', 'Almeida', 'Costa', 'Rodrigues'];
const STREETS = ['Rua Amando de Barros', 'Rua Curuzu', 'Rua General Telles', 'Avenida Dom Lúcio', 'Rua Major Matheus', 'Rua Cardoso de Almeida', 'Avenida Leonardo Villas Boas'];
const OUVIDORIA_TEXTS: Record<(typeof OUVIDORIA_KINDS)[number], { subject: string; description: string }[]> = {
  complaint: [
    { subject: 'Demora no atendimento da UBS', description: 'Esperei mais de quatro horas para ser atendida na unidade de saúde do bairro, sem nenhuma informação.' },
    { subject: 'Ônibus atrasado todos os dias', description: 'A linha que passa no bairro atrasa mais de 40 minutos no horário das 6h, e os trabalhadores perdem a hora.' },
  ],
  denunciation: [
    { subject: 'Uso de veículo oficial para fins particulares', description: 'Um carro da Prefeitura é visto estacionado aos fins de semana em frente a uma chácara particular.' },
    { subject: 'Descarte irregular de lixo em área verde', description: 'Um caminhão descarrega entulho à noite em área de preservação ao lado do córrego.' },
  ],
  suggestion: [
    { subject: 'Ciclofaixa na avenida principal', description: 'Sugiro a criação de uma ciclofaixa ligando o centro aos bairros da zona norte, muito usada por trabalhadores.' },
  ],
  praise: [
    { subject: 'Ótimo atendimento no pronto-socorro', description: 'Fui muito bem atendido pela equipe de enfermagem durante a noite, com atenção e cuidado. Parabéns!' },
  ],
  request: [
    { subject: 'Faixa de pedestres em frente à escola', description: 'Pedimos a pintura de uma faixa de pedestres em frente à escola municipal, onde as crianças atravessam.' },
  ],
  information: [
    { subject: 'Contratos de coleta de lixo', description: 'Solicito cópia dos contratos vigentes de coleta de lixo e os valores pagos nos últimos doze meses.' },
  ],
};
const CHANNEL_WEIGHTS: [Channel, number][] = [
  ['web', 30], ['phone', 25], ['in_person', 20], ['whatsapp', 12], ['email', 6], ['letter', 3], ['facebook', 4],
];

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type DemoProgress = (filed: number, total: number) => void;

/**
 * Files `total` demo demands through fileDemand on `db`, oldest first: on an open transaction (as
 * seedDatabase gives it) each filing is a savepoint, and the protocol numbers of each year run without a
 * gap. The demands that need an access code share one, hashed once and never shown (nobody can open them
 * on the tracking page, as before). `onProgress` hears of every filing.
 */
export async function seedDemoDemands(db: Executor, total: number, options: { now?: Date; onProgress?: DemoProgress } = {}): Promise<void> {
  const now = options.now ?? new Date();
  const next = random(20261128);
  // Points draw from their own sequence, so the rest of the demo stays as it was before they existed.
  const demoPoint = pointsInDrawnBairros(random(20261203));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const weighted = <T>(items: [T, number][]): T => {
    let roll = next() * items.reduce((sum, [, w]) => sum + w, 0);
    for (const [item, weight] of items) if ((roll -= weight) <= 0) return item;
    return items[0]?.[0] as T;
  };

  const allCategories = await db.select().from(categories);
  const balcaoCategories = allCategories.filter((c) => c.service === 'balcao');
  const ouvidoriaCategories = allCategories.filter((c) => c.service === 'ouvidoria');
  const bairros = await db.select().from(neighbourhoods);
  const internalControl = (await db.select().from(departments).where(eq(departments.isInternalControl, true)))[0];
  const code = generateAccessCode();
  const accessCode = { code, hash: await hashAccessCode(code) };

  const dates = Array.from({ length: total }, () => new Date(now.getTime() - Math.floor(next() * 365 * 86_400_000))).sort(
    (a, b) => a.getTime() - b.getTime(),
  );

  // What happened to each demand after it was filed, written in bulk once all are filed.
  const later: DemoHistory[] = [];
  for (const [index, createdAt] of dates.entries()) {
    const isBalcao = next() < 0.55;
    const identity: Identity = weighted([['identified', 70], ['confidential', 15], ['anonymous', 15]]);
    const name = `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`;
    const contact = () => ({
      name,
      email: `${name.toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').replace(' ', '.')}@${DEMO_CITIZEN_EMAIL_DOMAIN}`,
      phone: `(14) 99${String(Math.floor(next() * 1e7)).padStart(7, '0')}`,
    });
    const requester = identity === 'anonymous' ? {} : contact();
    const channel = weighted(CHANNEL_WEIGHTS);
    let input: Record<string, unknown>;
    let departmentId: string | undefined;
    if (isBalcao) {
      const category = pick(balcaoCategories);
      const details: Record<string, string> = {};
      for (const field of category.fields) {
        if (!field.required) continue;
        details[field.name] = field.type === 'select' ? pick(field.options ?? ['—']) : 'Informado no atendimento.';
      }
      input = {
        service: 'balcao',
        categoryId: category.id,
        description: `${category.description} Pedido registrado para o endereço informado.`,
        addressLine: `${pick(STREETS)}, ${Math.floor(next() * 2000) + 1}`,
        neighbourhoodId: pick(bairros).id,
        // Most requests carry a pin (the intake then files them in the bairro it falls in); some only an address.
        ...demoPoint(),
        details,
        identity,
        ...requester,
      };
      departmentId = category.departmentId;
    } else {
      const kind = pick(OUVIDORIA_KINDS);
      const text = pick(OUVIDORIA_TEXTS[kind]);
      const category = kind === 'denunciation' && next() < 0.5 ? ouvidoriaCategories.find((c) => c.slug === 'conduta-servidor') : pick(ouvidoriaCategories);
      // An access-to-information request names its requester (Lei 12.527 art. 10); kept confidential instead.
      const lai = kind === 'information' && identity === 'anonymous';
      input = { service: 'ouvidoria', kind, subject: text.subject, description: text.description, categoryId: category?.id, identity: lai ? 'confidential' : identity, ...(lai ? contact() : requester) };
      departmentId = kind === 'denunciation' && category?.slug === 'conduta-servidor' ? internalControl?.id : category?.departmentId;
    }
    // Nobody is told about a demo demand: it would mail the demo requesters and secretarias on the
    // first start with a real e-mail transport.
    const result = await fileDemand(input, { channel }, { now: createdAt, db, notify: false, accessCode });
    if (!result.ok) throw new Error(`Demo demand rejected: ${JSON.stringify(result.fieldErrors)}`);

    const ageDays = (now.getTime() - createdAt.getTime()) / 86_400_000;
    const target: DemandState =
      ageDays < 3
        ? 'received'
        : ageDays < 20
          ? weighted([['forwarded', 40], ['in_progress', 35], ['awaiting_citizen', 10], ['answered', 15]])
          : weighted([['closed', 55], ['answered', 15], ['archived', 8], ['in_progress', 12], ['forwarded', 10]]);
    const history = demoHistory(result.demand.id, target, createdAt, departmentId, now, next);
    if (history && input.kind === 'information' && history.demand.answeredAt) demoInformationOutcome(history, history.demand.answeredAt, now, next);
    if (history) later.push(history);
    options.onProgress?.(index + 1, total);
  }
  await writeDemoHistories(db, later);
}

const PATH: DemandState[] = ['forwarded', 'in_progress', 'answered', 'closed'];

type DemoHistory = {
  demandId: string;
  events: (typeof demandEvents.$inferInsert)[];
  demand: Pick<typeof demands.$inferInsert, 'state' | 'departmentId' | 'suspendedAt' | 'answeredAt' | 'closedAt' | 'updatedAt' | 'informationOutcome' | 'denialGround'>;
  rating?: typeof satisfactionRatings.$inferInsert;
  appeals?: (typeof informationAppeals.$inferInsert)[];
};

const DAY = 86_400_000;

/**
 * An answered demo access-to-information request gets an outcome; a denial or partial grant states its
 * ground, and some are appealed (1st instance, then some to the 2nd), decided or still pending.
 */
function demoInformationOutcome(history: DemoHistory, answeredAt: Date, now: Date, next: () => number): void {
  const roll = next();
  const outcome: InformationOutcome = roll < 0.55 ? 'granted' : roll < 0.7 ? 'partly_granted' : roll < 0.9 ? 'denied' : 'not_held';
  const grounds: DenialGround[] = ['personal_data', 'classified', 'generic', 'disproportionate', 'extra_work'];
  const denialGround = isAppealableOutcome(outcome) ? grounds[Math.floor(next() * grounds.length)] : undefined;
  history.demand.informationOutcome = outcome;
  history.demand.denialGround = denialGround ?? null;
  const answer = history.events.find((event) => event.type === 'answered');
  if (answer) {
    answer.body = [
      'Segue a resposta da secretaria responsável ao seu pedido de informação.',
      `Resultado: ${OUTCOME_LABELS[outcome]}.`,
      ...(denialGround ? [`Fundamento legal: ${DENIAL_GROUND_LABELS[denialGround]}.`] : []),
    ].join('\n\n');
    answer.data = { information: { outcome, ...(denialGround ? { denialGround, appealAuthority: municipality.informationAppeals.firstInstance } : {}) } };
  }
  if (!denialGround || next() < 0.4) return;
  const appeals: (typeof informationAppeals.$inferInsert)[] = [];
  const closed = history.events.find((event) => event.type === 'closed')?.createdAt;
  const stateAt = (when: Date) => (closed && closed <= when ? 'closed' : 'answered');
  const demandId = history.demandId;
  let filedAt = new Date(answeredAt.getTime() + 3 * DAY);
  for (const instance of [1, 2] as const) {
    if (filedAt > now) break;
    const decidedAt = new Date(filedAt.getTime() + 4 * DAY);
    const decided = decidedAt <= now;
    const decision = decided ? (next() < 0.3 ? 'granted' : 'denied') : null;
    appeals.push({
      demandId,
      kind: 'appeal',
      instance,
      reason: 'Discordo da negativa: a informação é de interesse público e pode ser entregue sem dados pessoais.',
      filedAt,
      dueOn: appealDecisionDueOn(filedAt),
      decision,
      decisionText: decision ? (decision === 'granted' ? 'Recurso provido: a informação deve ser entregue em 10 dias.' : 'Recurso não provido: mantidos os fundamentos da resposta.') : null,
      decidedAt: decided ? decidedAt : null,
    });
    const filedState = stateAt(filedAt);
    history.events.push({ demandId, type: 'appeal_filed', stateBefore: filedState, stateAfter: filedState, actorLabel: 'Cidadão', visibility: 'public', body: 'Recurso apresentado.', data: { instance }, createdAt: filedAt });
    if (!decision) break;
    const decidedState = stateAt(decidedAt);
    history.events.push({
      demandId,
      type: 'appeal_decided',
      stateBefore: decidedState,
      stateAfter: decidedState,
      actorLabel: `Autoridade de recurso (${instance}ª instância)`,
      visibility: 'public',
      body: decision === 'granted' ? 'Recurso provido.' : 'Recurso não provido.',
      data: { instance, decision },
      createdAt: decidedAt,
    });
    if (decision === 'granted' || next() < 0.5) break;
    filedAt = new Date(decidedAt.getTime() + 2 * DAY);
  }
  history.appeals = appeals;
}

/** Walks a demo demand along the usual path: the events a real one would have, and where it ends. */
function demoHistory(
  demandId: string,
  target: DemandState,
  createdAt: Date,
  departmentId: string | undefined,
  now: Date,
  next: () => number,
): DemoHistory | undefined {
  if (target === 'received') return undefined;
  const steps: DemandState[] =
    target === 'archived' ? ['archived'] : target === 'awaiting_citizen' ? ['forwarded', 'awaiting_citizen'] : PATH.slice(0, PATH.indexOf(target) + 1);
  let at = createdAt;
  let state: DemandState = 'received';
  const events: (typeof demandEvents.$inferInsert)[] = [];
  let answeredAt: Date | null = null;
  let closedAt: Date | null = null;
  for (const step of steps) {
    at = new Date(at.getTime() + (1 + Math.floor(next() * 9)) * 86_400_000 * (step === 'answered' ? 2 : 1));
    if (at > now) at = now;
    const event = DEMO_EVENTS[step];
    events.push({ demandId, type: event.type, stateBefore: state, stateAfter: step, actorLabel: event.actor, visibility: 'public', body: event.body, createdAt: at });
    if (step === 'answered') answeredAt = at;
    if (step === 'closed' || step === 'archived') closedAt = at;
    state = step;
  }
  const demand = {
    state,
    departmentId: state === 'archived' ? null : (departmentId ?? null),
    suspendedAt: state === 'awaiting_citizen' ? at : null,
    answeredAt,
    closedAt,
    updatedAt: at,
  };
  const rating = state === 'closed' && next() < 0.6 ? { demandId, rating: 1 + Math.floor(next() * 5), resolved: next() < 0.7, createdAt: at } : undefined;
  return { demandId, events, demand, rating };
}

// Rows per INSERT: well under PostgreSQL's 65,535 bound parameters.
const CHUNK = 500;

async function writeDemoHistories(db: Executor, histories: DemoHistory[]): Promise<void> {
  const events = histories.flatMap((h) => h.events);
  for (let i = 0; i < events.length; i += CHUNK) await db.insert(demandEvents).values(events.slice(i, i + CHUNK));
  const ratings = histories.flatMap((h) => (h.rating ? [h.rating] : []));
  if (ratings.length) await db.insert(satisfactionRatings).values(ratings);
  const appeals = histories.flatMap((h) => h.appeals ?? []);
  if (appeals.length) await db.insert(informationAppeals).values(appeals);
  for (const history of histories) await db.update(demands).set(history.demand).where(eq(demands.id, history.demandId));
}

const DEMO_EVENTS: Record<DemandState, { type: (typeof demandEvents.$inferInsert)['type']; actor: string; body: string }> = {
  received: { type: 'received', actor: 'Cidadão', body: '' },
  forwarded: { type: 'forwarded', actor: 'Ouvidoria', body: 'Encaminhada à secretaria responsável para análise.' },
  in_progress: { type: 'public_reply', actor: 'Secretaria', body: 'A equipe recebeu a demanda e programou uma vistoria.' },
  awaiting_citizen: { type: 'info_requested', actor: 'Ouvidoria', body: 'Por favor, informe um ponto de referência mais preciso.' },
  answered: { type: 'answered', actor: 'Ouvidoria', body: 'O serviço foi executado pela equipe responsável. Agradecemos o contato.' },
  closed: { type: 'closed', actor: 'Sistema', body: 'Demanda concluída.' },
  archived: { type: 'archived', actor: 'Ouvidoria', body: 'Arquivada por duplicidade: o mesmo pedido já está registrado em outro protocolo.' },
};

/**
 * Points inside the bairros the município has drawn (municipality-geography.ts), for 85% of the demo's
 * Balcão requests; none when it has drawn none.
 */
function pointsInDrawnBairros(next: () => number): () => { latitude?: number; longitude?: number } {
  const areas = municipality.geography?.neighbourhoods ?? [];
  return () => {
    const area = areas[Math.floor(next() * areas.length)];
    const bounds = area && boundsOf([area.geometry]);
    if (!area || !bounds || next() >= 0.85) return {};
    for (let attempt = 0; attempt < 20; attempt++) {
      const point: LatLng = { lat: bounds.south + next() * (bounds.north - bounds.south), lng: bounds.west + next() * (bounds.east - bounds.west) };
      if (pointInArea(point, area.geometry)) return { latitude: Number(point.lat.toFixed(6)), longitude: Number(point.lng.toFixed(6)) };
    }
    return {};
  };
}

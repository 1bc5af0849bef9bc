import { sql, type SQL } from 'drizzle-orm';
import type { Database, Executor, Transaction } from './client';
import { rebuildDemandFacts } from './stats-routines';
import { rebuildDemandMapCells } from './map-routines';
import { rowsOf } from './migrate';

/**
 * A large, realistic dataset generated inside the database with set-based SQL (generate_series and
 * INSERT … SELECT): demands over the last `years` years with their whole timeline — forwarding, work,
 * information requests and replies (deadline suspended), extensions, on-time and late answers,
 * reopenings, closing, archiving and satisfaction ratings — and, for identified requesters, names,
 * e-mails, phones, CPFs and street addresses (and free text that sometimes repeats them), as real
 * demands have. Each demand's life is planned from its receipt and cut at `now`, so recent demands are
 * still open and some old ones are overdue. Protocols continue each year's counter without gaps, with
 * their Damm check digit. Deterministic for a given `randomSeed`, `demands` and `now`.
 */

export type LargeSeedOptions = { demands: number; years?: number; now?: Date; randomSeed?: number };

const BALCAO_WEIGHTS: Record<string, { dry: number; wet: number; problem: string }> = {
  'tapa-buraco': { dry: 14, wet: 20, problem: 'Há um buraco grande no asfalto e os carros desviam pela contramão.' },
  'iluminacao-publica': { dry: 14, wet: 14, problem: 'A lâmpada do poste está apagada há vários dias e a rua fica escura.' },
  'poda-de-arvore': { dry: 8, wet: 12, problem: 'Os galhos da árvore estão encostando na fiação e cobrindo a iluminação.' },
  'remocao-de-arvore': { dry: 2, wet: 4, problem: 'A árvore está seca e inclinada, com risco de cair sobre a casa.' },
  'retirada-de-entulho': { dry: 8, wet: 7, problem: 'Deixaram entulho de obra na calçada, ocupando a passagem.' },
  'cata-treco': { dry: 7, wet: 6, problem: 'Preciso que recolham um sofá velho e um colchão.' },
  'limpeza-de-terreno': { dry: 9, wet: 7, problem: 'O terreno ao lado está com mato alto e lixo acumulado, aparecem ratos.' },
  'capina-e-rocada': { dry: 6, wet: 9, problem: 'O mato da praça está muito alto e as crianças não conseguem brincar.' },
  'limpeza-de-boca-de-lobo': { dry: 3, wet: 8, problem: 'A boca de lobo está entupida e a rua alaga quando chove.' },
  'galeria-pluvial': { dry: 2, wet: 4, problem: 'A tampa da galeria está quebrada e o asfalto está afundando.' },
  'calcada-danificada': { dry: 3, wet: 3, problem: 'A calçada em frente à escola está quebrada e uma senhora caiu.' },
  'estrada-rural': { dry: 2, wet: 3, problem: 'A estrada de terra está cheia de valetas depois da chuva.' },
  'sinalizacao-de-transito': { dry: 4, wet: 4, problem: 'A placa de pare caiu e os carros não param no cruzamento.' },
  'ponto-de-onibus': { dry: 2, wet: 2, problem: 'O abrigo do ponto de ônibus está quebrado e sem cobertura.' },
  'estacionamento-irregular': { dry: 3, wet: 3, problem: 'Há um carro abandonado na rua há mais de dois meses.' },
  'animal-morto': { dry: 2, wet: 2, problem: 'Há um cachorro morto na calçada desde ontem.' },
  'foco-de-dengue': { dry: 2, wet: 7, problem: 'A casa vizinha está fechada e a piscina tem água parada.' },
  'controle-de-pragas': { dry: 3, wet: 4, problem: 'Apareceram escorpiões dentro de casa, já foram três esta semana.' },
  'perturbacao-do-sossego': { dry: 5, wet: 4, problem: 'O bar da esquina toca som alto até as três da manhã.' },
  'area-de-risco': { dry: 1, wet: 3, problem: 'O barranco atrás das casas está cedendo com a chuva.' },
  'numeracao-predial': { dry: 1, wet: 1, problem: 'Preciso do número oficial da casa para ligar a água.' },
  'cadastro-habitacional': { dry: 2, wet: 2, problem: 'Quero saber a situação da minha inscrição no programa de moradia.' },
  'vaga-em-creche': { dry: 3, wet: 3, problem: 'Estou na fila da creche há meses e não tenho resposta.' },
};

const OUVIDORIA_KIND_WEIGHTS = { complaint: 46, request: 18, information: 12, suggestion: 8, praise: 7, denunciation: 9 } as const;

/** Subject weights per kind (Ouvidoria subjects of lib/municipality.ts). */
const OUVIDORIA_SUBJECT_WEIGHTS: Record<keyof typeof OUVIDORIA_KIND_WEIGHTS, Record<string, number>> = {
  complaint: { 'atendimento-saude': 22, medicamentos: 12, 'escolas-creches': 9, 'transporte-coletivo': 16, transito: 10, obras: 10, 'assistencia-social': 7, 'meio-ambiente': 8, 'conduta-servidor': 6 },
  request: { 'atendimento-saude': 10, 'escolas-creches': 10, 'transporte-coletivo': 12, transito: 18, obras: 25, 'assistencia-social': 10, 'meio-ambiente': 15 },
  information: { 'licitacoes-contratos': 30, 'atendimento-saude': 15, 'escolas-creches': 15, obras: 20, 'transporte-coletivo': 10, 'assistencia-social': 10 },
  suggestion: { 'transporte-coletivo': 25, transito: 20, obras: 15, 'meio-ambiente': 20, 'escolas-creches': 10, 'atendimento-saude': 10 },
  praise: { 'atendimento-saude': 40, 'escolas-creches': 25, 'assistencia-social': 15, obras: 10, 'meio-ambiente': 10 },
  denunciation: { 'conduta-servidor': 40, 'licitacoes-contratos': 15, 'meio-ambiente': 20, obras: 10, 'atendimento-saude': 15 },
};

const OUVIDORIA_TEXTS: Record<keyof typeof OUVIDORIA_KIND_WEIGHTS, [string, string][]> = {
  complaint: [
    ['Demora no atendimento', 'Esperei mais de quatro horas para ser atendida, sem nenhuma informação da equipe.'],
    ['Ônibus atrasado todos os dias', 'A linha atrasa mais de 40 minutos no horário das 6h e os trabalhadores perdem a hora.'],
    ['Falta de resposta da secretaria', 'Já liguei várias vezes e ninguém resolve o problema que relatei no mês passado.'],
    ['Mau atendimento no balcão', 'O servidor foi grosseiro e se recusou a receber meus documentos.'],
  ],
  request: [
    ['Faixa de pedestres em frente à escola', 'Pedimos a pintura de uma faixa de pedestres onde as crianças atravessam.'],
    ['Lombada na rua do posto', 'Os carros passam em alta velocidade e já houve dois atropelamentos.'],
    ['Reforma da praça do bairro', 'Os brinquedos estão quebrados e a iluminação não funciona.'],
  ],
  information: [
    ['Contratos de coleta de lixo', 'Solicito cópia dos contratos vigentes de coleta de lixo e os valores pagos nos últimos doze meses.'],
    ['Gastos com obras', 'Solicito a relação das obras em andamento com valores e prazos.'],
    ['Lista de espera de cirurgias', 'Quero saber quantas pessoas aguardam cirurgia eletiva e o tempo médio de espera.'],
  ],
  suggestion: [
    ['Ciclofaixa na avenida principal', 'Sugiro uma ciclofaixa ligando o centro aos bairros da zona norte.'],
    ['Agendamento pela internet', 'Sugiro que as consultas possam ser agendadas pelo site ou pelo WhatsApp.'],
  ],
  praise: [
    ['Ótimo atendimento no pronto-socorro', 'Fui muito bem atendido pela equipe de enfermagem durante a noite. Parabéns!'],
    ['Professora dedicada', 'Agradeço à professora da escola municipal pelo cuidado com meu filho.'],
  ],
  denunciation: [
    ['Uso de veículo oficial para fins particulares', 'Um carro da Prefeitura fica estacionado aos fins de semana em frente a uma chácara particular.'],
    ['Descarte irregular de lixo em área verde', 'Um caminhão descarrega entulho à noite em área de preservação ao lado do córrego.'],
    ['Servidor cobrando para agilizar processo', 'Um funcionário pediu dinheiro para liberar o alvará mais rápido.'],
  ],
};

const BAIRRO_WEIGHTS: Record<string, number> = {
  Centro: 10, Lavapés: 7, 'Vila dos Lavradores': 6, 'Cohab I': 6, 'Vila Jaú': 5, 'Vila Assumpção': 5, 'Vila São Lúcio': 5,
  'Jardim Paraíso': 5, 'Vila Padovan': 4, 'Vila Antártica': 4, 'Jardim Peabiru': 4, 'Jardim Bom Pastor': 4, 'Jardim Cristina': 4,
  'Jardim Santa Elisa': 4, 'Jardim Itamaraty': 4, 'Jardim Iolanda': 3, 'Parque Marajoara': 3, 'Rubião Júnior': 3, Demétria: 2,
  Vitoriana: 2, 'Rio Bonito': 1, 'Porto Said': 1, Mina: 1, 'Alvorada da Barra': 1,
};

/** Channel shares per service, for the first, second and third (latest) year: WhatsApp grows. */
const CHANNEL_WEIGHTS: Record<'balcao' | 'ouvidoria', Record<string, number>[]> = {
  balcao: [
    { in_person: 35, phone: 35, web: 15, whatsapp: 5, email: 5, facebook: 3, letter: 2 },
    { in_person: 28, phone: 30, web: 20, whatsapp: 14, email: 4, facebook: 3, letter: 1 },
    { in_person: 20, phone: 24, web: 24, whatsapp: 26, email: 3, facebook: 2, letter: 1 },
  ],
  ouvidoria: [
    { in_person: 25, phone: 30, web: 25, whatsapp: 5, email: 8, letter: 4, facebook: 3 },
    { in_person: 20, phone: 25, web: 28, whatsapp: 15, email: 7, letter: 2, facebook: 3 },
    { in_person: 15, phone: 20, web: 30, whatsapp: 25, email: 6, letter: 1, facebook: 3 },
  ],
};

/** Share of demands each secretaria answers on time (the rest late, by up to 40 days). */
const ON_TIME_SHARE: Record<string, number> = {
  saude: 0.74, infraestrutura: 0.7, 'meio-ambiente': 0.8, mobilidade: 0.78, educacao: 0.88, seguranca: 0.86,
  agricultura: 0.82, 'assistencia-social': 0.84, habitacao: 0.8, planejamento: 0.85, 'defesa-civil': 0.9, 'controle-interno': 0.72,
};

const FIRST_NAMES = ['Maria', 'José', 'Ana', 'João', 'Francisca', 'Antônio', 'Adriana', 'Carlos', 'Juliana', 'Paulo', 'Márcia', 'Lucas', 'Aparecida', 'Pedro', 'Sandra', 'Marcos', 'Patrícia', 'Rafael', 'Luciana', 'Daniel', 'Camila', 'Gabriel', 'Fernanda', 'Roberto', 'Cláudia', 'Eduardo', 'Vanessa', 'Thiago', 'Regina', 'Sebastião'];
const LAST_NAMES = ['Silva', 'Santos', 'Oliveira', 'Souza', 'Lima', 'Pereira', 'Ferreira', 'Almeida', 'Costa', 'Rodrigues', 'Gomes', 'Martins', 'Araújo', 'Ribeiro', 'Carvalho', 'Barbosa', 'Rocha', 'Dias', 'Moreira', 'Nascimento', 'Mendes', 'Cardoso', 'Teixeira', 'Correia', 'Pinto'];
const STREETS = ['Rua Amando de Barros', 'Rua Curuzu', 'Rua General Telles', 'Avenida Dom Lúcio', 'Rua Major Matheus', 'Rua Cardoso de Almeida', 'Avenida Leonardo Villas Boas', 'Rua Quintino Bocaiúva', 'Rua Rangel Pestana', 'Rua Lourenço Castanho', 'Avenida Santana', 'Rua João Passos', 'Rua Prudente de Moraes', 'Rua Velho Cardoso', 'Avenida Vital Brasil'];
// Reserved domains (RFC 2606 / 6761): a benchmark database given a real e-mail key mails nobody.
const EMAIL_DOMAINS = ['exemplo.example.org', 'correio.example.org', 'email.test', 'provedor.invalid'];
const REFERENCES = ['em frente à padaria', 'ao lado da escola', 'perto do posto de saúde', 'na esquina com a praça', 'em frente ao número 120', 'atrás da igreja'];

export async function seedLargeDataset(db: Database, options: LargeSeedOptions): Promise<{ demands: number; events: number; ratings: number }> {
  const now = options.now ?? new Date();
  const years = options.years ?? 3;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select setseed(${options.randomSeed ?? 0.2026})`);
    // JIT would spend seconds compiling these one-off statements (the planner cannot estimate temp tables).
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local work_mem = '256MB'`);
    await tx.execute(sql`set local maintenance_work_mem = '512MB'`);
    const bulk = await enterBulkMode(tx);
    await loadWeights(tx);
    await planDemands(tx, options.demands, years, now);
    const { events, ratings } = await withSecondaryIndexesDropped(tx, ['demands', 'demand_events', 'satisfaction_ratings'], async () => {
      await insertDemands(tx, now);
      await addInformationOutcomes(tx, now);
      return { events: await insertEvents(tx, now), ratings: await insertRatings(tx, now) };
    });
    await tx.execute(sql`
      insert into protocol_counters (year, last_sequence)
      select year, max(sequence) from seed_protocols group by year
      on conflict (year) do update set last_sequence = greatest(protocol_counters.last_sequence, excluded.last_sequence)`);
    if (bulk) {
      await rebuildDemandFacts(tx);
      await rebuildDemandMapCells(tx);
    }
    return { demands: options.demands, events, ratings };
  });
}

/**
 * Building an index once over a million rows is several times cheaper than updating it a million times:
 * the tables' indexes other than their primary keys are dropped for the load and rebuilt from their own
 * definitions (which also re-checks every unique one, the protocol's included).
 */
async function withSecondaryIndexesDropped<T>(tx: Executor, tables: string[], load: () => Promise<T>): Promise<T> {
  const indexes = rowsOf<{ name: string; definition: string }>(
    await tx.execute(sql`
      select i.indexname as name, i.indexdef as definition from pg_indexes i
      where i.schemaname = current_schema() and i.tablename in (${sql.join(tables.map((t) => sql`${t}`), sql`, `)})
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`),
  );
  for (const index of indexes) await run(tx, `drop index ${index.name}`);
  const result = await load();
  for (const index of indexes) await run(tx, index.definition);
  return result;
}

/**
 * Skips per-row trigger work — foreign-key checks (every id here comes from the reference tables) and the
 * facts triggers, whose result rebuildDemandFacts() then computes in one statement. Needs a superuser;
 * elsewhere the load simply runs with the triggers, slower.
 */
async function enterBulkMode(tx: Transaction): Promise<boolean> {
  try {
    await tx.transaction((savepoint) => savepoint.execute(sql`set local session_replication_role = replica`));
    return true;
  } catch {
    return false;
  }
}

async function run(tx: Executor, statement: string | SQL) {
  const started = performance.now();
  const result = await tx.execute(typeof statement === 'string' ? sql.raw(statement) : statement);
  if (process.env.SEED_LARGE_VERBOSE && typeof statement === 'string') {
    console.log(`${((performance.now() - started) / 1000).toFixed(2)} s  ${statement.replace(/\s+/g, ' ').slice(0, 70)}`);
  }
  return result;
}

function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function textArray(values: readonly string[]): string {
  return `array[${values.map(literal).join(',')}]::text[]`;
}

const DAMM_TABLE = [
  0, 3, 1, 7, 5, 9, 8, 6, 4, 2, 7, 0, 9, 2, 1, 5, 4, 8, 6, 3, 4, 2, 0, 6, 8, 7, 1, 3, 5, 9, 1, 7, 5, 0, 9, 8, 3, 4, 2, 6,
  6, 1, 2, 3, 0, 4, 5, 9, 7, 8, 3, 6, 7, 4, 2, 0, 9, 5, 8, 1, 5, 8, 6, 9, 7, 2, 0, 1, 3, 4, 8, 9, 4, 5, 3, 6, 2, 0, 1, 7,
  9, 4, 3, 8, 6, 1, 7, 2, 0, 5, 2, 5, 8, 1, 4, 3, 6, 7, 9, 0,
];

/**
 * The Damm check digit of year ‖ six-digit sequence (lib/domain/protocol.ts) as one SQL expression: the
 * table walk unrolled over the ten digits, far faster per row than a PL/pgSQL loop.
 */
function dammSql(year: string, sequence: string): string {
  const table = `(array[${DAMM_TABLE.join(',')}])`;
  const digits = [
    ...[1000, 100, 10, 1].map((unit) => `((${year} / ${unit}) % 10)`),
    ...[100000, 10000, 1000, 100, 10, 1].map((unit) => `((${sequence} / ${unit}) % 10)`),
  ];
  return digits.reduce((interim, digit) => `${table}[(${interim}) * 10 + ${digit} + 1]`, '0');
}

/** A valid CPF (11 digits) from a nine-digit base, with both modulo-11 check digits, as SQL. */
function cpfSql(base: string): string {
  const digit = (position: number) => `((${base} / ${10 ** (8 - position)}) % 10)`;
  const check = (terms: string[]) => `(((${terms.join(' + ')}) * 10 % 11) % 10)`;
  const first = check(Array.from({ length: 9 }, (_, i) => `${digit(i)} * ${10 - i}`));
  const second = check([...Array.from({ length: 9 }, (_, i) => `${digit(i)} * ${11 - i}`), `${first} * 2`]);
  return `(lpad(${base}::text, 9, '0') || ${first}::text || ${second}::text)`;
}

/**
 * Weighted choices become slot tables: a value owns as many of 1000 slots as its weight share, and a row
 * picks one with floor(random() * 1000) — an equality join instead of a range search per row.
 */
async function loadWeights(tx: Executor) {
  await run(tx, `create temp table seed_slots (choice text not null, slot int not null, value text not null, primary key (choice, slot)) on commit drop`);
  const categories = rowsOf<{ id: string; service: string; slug: string; department_id: string; department_slug: string; deadline_days: number; fields: { name: string; type: string; required: boolean; options?: string[] }[] }>(
    await run(tx, `select c.id, c.service, c.slug, c.department_id, d.slug as department_slug, c.deadline_days, c.fields from categories c join departments d on d.id = c.department_id where c.active`),
  );
  const bairros = rowsOf<{ id: string; name: string }>(await run(tx, `select id, name from neighbourhoods`));
  const departments = rowsOf<{ id: string; slug: string; name: string }>(await run(tx, `select id, slug, name from departments`));
  const categoryBySlug = (service: string, slug: string) => categories.find((c) => c.service === service && c.slug === slug);

  const slots: [string, Record<string, number>][] = [];
  const balcao = categories.filter((c) => c.service === 'balcao');
  slots.push(['balcao_dry', Object.fromEntries(balcao.map((c) => [c.id, BALCAO_WEIGHTS[c.slug]?.dry ?? 1]))]);
  slots.push(['balcao_wet', Object.fromEntries(balcao.map((c) => [c.id, BALCAO_WEIGHTS[c.slug]?.wet ?? 1]))]);
  slots.push(['kind', OUVIDORIA_KIND_WEIGHTS]);
  for (const [kind, weights] of Object.entries(OUVIDORIA_SUBJECT_WEIGHTS)) {
    const byId = Object.entries(weights).flatMap(([slug, weight]) => {
      const category = categoryBySlug('ouvidoria', slug);
      return category ? [[category.id, weight] as const] : [];
    });
    slots.push([`subject_${kind}`, Object.fromEntries(byId)]);
  }
  slots.push(['bairro', Object.fromEntries(bairros.map((b) => [b.id, BAIRRO_WEIGHTS[b.name] ?? 2]))]);
  for (const service of ['balcao', 'ouvidoria'] as const) {
    CHANNEL_WEIGHTS[service].forEach((weights, era) => slots.push([`channel_${service}_${era}`, weights]));
  }
  for (const [choice, weights] of slots) {
    const values = slotValues(weights);
    if (!values.length) continue;
    await run(tx, `insert into seed_slots (choice, slot, value) select ${literal(choice)}, s - 1, (${textArray(values)})[s] from generate_series(1, ${values.length}) s`);
  }

  await run(tx, `create temp table seed_categories (id uuid primary key, service text, department_id uuid, deadline_days int, on_time real, problem text, details jsonb) on commit drop`);
  for (const c of categories) {
    const details = detailVariants(c.fields);
    await run(
      tx,
      `insert into seed_categories values (${literal(c.id)}, ${literal(c.service)}, ${literal(c.department_id)}, ${c.deadline_days},
        ${ON_TIME_SHARE[c.department_slug] ?? 0.8}, ${literal(BALCAO_WEIGHTS[c.slug]?.problem ?? '')}, ${literal(JSON.stringify(details))}::jsonb)`,
    );
  }
  await run(tx, `create temp table seed_departments (id uuid primary key, name text) on commit drop`);
  for (const d of departments) await run(tx, `insert into seed_departments values (${literal(d.id)}, ${literal(d.name)})`);
  await run(tx, `create temp table seed_texts (kind text, idx int, kind_count int, subject text, description text) on commit drop`);
  for (const [kind, texts] of Object.entries(OUVIDORIA_TEXTS)) {
    for (const [index, [subject, description]] of texts.entries()) {
      await run(tx, `insert into seed_texts values (${literal(kind)}, ${index}, ${texts.length}, ${literal(subject)}, ${literal(description)})`);
    }
  }
  await run(tx, `analyze seed_slots`);
}

function slotValues(weights: Record<string, number>): string[] {
  const total = Object.values(weights).reduce((sum, w) => sum + w, 0);
  const entries = Object.entries(weights);
  const values: string[] = [];
  let assigned = 0;
  entries.forEach(([value, weight], index) => {
    const upTo = index === entries.length - 1 ? 1000 : Math.round(((assigned + weight) / total) * 1000);
    const start = Math.round((assigned / total) * 1000);
    for (let slot = start; slot < upTo; slot++) values.push(value);
    assigned += weight;
  });
  return values;
}

/** A few valid answers to a category's own questions, one of which each request carries. */
function detailVariants(fields: { name: string; type: string; required: boolean; options?: string[] }[]): Record<string, string>[] {
  return Array.from({ length: 4 }, (_, variant) => {
    const details: Record<string, string> = {};
    for (const field of fields) {
      if (field.type === 'select' && field.options?.length) details[field.name] = field.options[variant % field.options.length] ?? '';
      else if (field.required) details[field.name] = field.name === 'child_age' ? `${variant + 1} anos` : 'Informado no atendimento.';
      else if (field.name === 'reference_point') details[field.name] = REFERENCES[variant] ?? '';
    }
    return details;
  });
}

/** One row per demand with everything about it decided: who, what, where, and when each step happens. */
async function planDemands(tx: Executor, total: number, years: number, now: Date) {
  const nowLiteral = literal(now.toISOString());
  const spanDays = Math.round(years * 365.25);
  await run(
    tx,
    `create temp table seed_draws on commit drop as
     select n, gen_random_uuid() as id,
       -- Linearly growing volume: density rises from 0.6 to 1.4 over the span (inverse of its CDF).
       ((-0.6 + sqrt(0.36 + 1.6 * random())) / 0.8) as position,
       random() as r_weekend, random() as r_hour, random() as r_service, floor(random() * 1000)::int as s_kind,
       floor(random() * 1000)::int as s_category, floor(random() * 1000)::int as s_channel, floor(random() * 1000)::int as s_bairro,
       random() as r_identity, random() as r_name, random() as r_text, random() as r_personal, floor(random() * 1e9)::bigint as cpf_base,
       floor(random() * 1e8)::int as phone_digits, random() as r_contact
     from generate_series(1, ${total}) n`,
  );
  await run(
    tx,
    `create temp table seed_received on commit drop as
     select d.*, day, case when random() < 0.58 then 'balcao' else 'ouvidoria' end as service,
       least(2, floor(((day - start_day)::real / ${spanDays}) * 3))::int as era,
       extract(month from day)::int in (11, 12, 1, 2, 3) as wet
     from seed_draws d
     cross join lateral (select ((${nowLiteral}::timestamptz at time zone 'America/Sao_Paulo')::date - ${spanDays}) as start_day) s
     cross join lateral (
       select least((${nowLiteral}::timestamptz at time zone 'America/Sao_Paulo')::date,
         s.start_day + floor(d.position * ${spanDays})::int
         -- Most people who would write on a weekend do it on Friday or Monday.
         - case when extract(isodow from s.start_day + floor(d.position * ${spanDays})::int) = 6 and d.r_weekend < 0.7 then 1
                when extract(isodow from s.start_day + floor(d.position * ${spanDays})::int) = 7 and d.r_weekend < 0.7 then 2 else 0 end) as day
     ) t`,
  );
  await run(
    tx,
    `create temp table seed_base on commit drop as
     select r.n, r.id, r.day, r.service::service as service,
       case when r.service = 'balcao' then 'service_request' else kind_slot.value end::demand_kind as kind,
       category_slot.value::uuid as category_id,
       channel_slot.value::channel as channel,
       case when r.service = 'balcao' then bairro_slot.value::uuid end as neighbourhood_id,
       case
         when r.service = 'balcao' then case when r.r_identity < 0.85 then 'identified' when r.r_identity < 0.9 then 'confidential' else 'anonymous' end
         when kind_slot.value = 'denunciation' then case when r.r_identity < 0.3 then 'identified' when r.r_identity < 0.5 then 'confidential' else 'anonymous' end
         else case when r.r_identity < 0.7 then 'identified' when r.r_identity < 0.85 then 'confidential' else 'anonymous' end
       end::identity as identity,
       r.r_hour, r.r_name, r.r_text, r.r_personal, r.cpf_base, r.phone_digits, r.r_contact
     from seed_received r
     join seed_slots channel_slot on channel_slot.choice = 'channel_' || r.service || '_' || r.era and channel_slot.slot = r.s_channel
     left join seed_slots kind_slot on r.service = 'ouvidoria' and kind_slot.choice = 'kind' and kind_slot.slot = r.s_kind
     left join seed_slots bairro_slot on r.service = 'balcao' and bairro_slot.choice = 'bairro' and bairro_slot.slot = r.s_bairro
     join seed_slots category_slot on category_slot.slot = r.s_category and category_slot.choice =
       case when r.service = 'balcao' then case when r.wet then 'balcao_wet' else 'balcao_dry' end else 'subject_' || kind_slot.value end`,
  );
  await run(
    tx,
    `create temp table seed_who on commit drop as
     select b.*, c.department_id as home_department_id, c.deadline_days, c.on_time, c.problem, c.details,
       -- Offline channels follow office hours; the web and WhatsApp run day and night.
       ((b.day + case when b.channel in ('in_person', 'phone', 'letter') then interval '8 hours' + b.r_hour * interval '8.5 hours'
                      else interval '6 hours' + b.r_hour * interval '17.9 hours' end)::timestamp at time zone 'America/Sao_Paulo') as created_at,
       fn.first_name, ln.last_name, ln2.last_name as second_last_name,
       (${textArray(STREETS)})[1 + floor(b.r_text * ${STREETS.length})::int] || ', ' || (1 + floor(b.r_personal * 2400)::int) as address_line,
       (${textArray(REFERENCES)})[1 + floor(b.r_contact * ${REFERENCES.length})::int] as reference
     from seed_base b
     join seed_categories c on c.id = b.category_id
     cross join lateral (select (${textArray(FIRST_NAMES)})[1 + floor(b.r_name * ${FIRST_NAMES.length})::int] as first_name) fn
     cross join lateral (select (${textArray(LAST_NAMES)})[1 + (floor(b.r_name * 7919)::int % ${LAST_NAMES.length})] as last_name) ln
     cross join lateral (select (${textArray(LAST_NAMES)})[1 + (floor(b.r_text * 104729)::int % ${LAST_NAMES.length})] as last_name) ln2`,
  );
  // The life of each demand, planned in full; insertEvents() and the state below keep what happened by now.
  await run(
    tx,
    `create temp table seed_life on commit drop as
     select w.*, life.*,
       case when w.kind = 'information' then 10 else 30 end as extension_days
     from seed_who w
     cross join lateral (
       select random() < 0.02 as triage_archived, random() as r_forward, random() as r_work, random() < case when w.service = 'balcao' then 0.06 else 0.1 end as info_requested,
         random() as r_info, random() < 0.82 as citizen_replies, random() as r_reply,
         w.service = 'ouvidoria' and random() < 0.07 as extended, random() < w.on_time as answers_on_time, random() as r_answer,
         random() < 0.005 as stuck, random() < 0.04 as reopens, random() as r_reopen, random() < 0.3 as noted,
         random() < case when w.identity = 'anonymous' then 0.15 else 0.4 end as rates, random() as r_rating, random() as r_resolved,
         random() < 0.04 as rerouted, floor(random() * 12)::int as reroute_pick
     ) life`,
  );
  await run(
    tx,
    `create temp table seed_steps on commit drop as
     select l.*, s.forwarded_at, s.in_progress_at, s.info_at, s.reply_at, s.info_archived_at, s.triage_archived_at,
       (l.created_at at time zone 'America/Sao_Paulo')::date as received_on,
       case when s.reply_at is not null then (s.reply_at at time zone 'America/Sao_Paulo')::date - (s.info_at at time zone 'America/Sao_Paulo')::date else 0 end as suspended_days
     from seed_life l
     cross join lateral (
       select
         case when not l.triage_archived then l.created_at + interval '1 hour' + l.r_forward * interval '60 hours' end as forwarded_at,
         case when l.triage_archived then l.created_at + interval '12 hours' + l.r_forward * interval '4 days' end as triage_archived_at
     ) f
     cross join lateral (
       select f.forwarded_at, f.triage_archived_at,
         f.forwarded_at + interval '4 hours' + l.r_work * interval '3 days' as in_progress_at
     ) p
     cross join lateral (
       select p.*, case when l.info_requested then p.in_progress_at + interval '12 hours' + l.r_info * interval '4 days' end as info_at
     ) i
     cross join lateral (
       select i.*,
         case when l.info_requested and l.citizen_replies then i.info_at + interval '6 hours' + l.r_reply * interval '12 days' end as reply_at,
         case when l.info_requested and not l.citizen_replies then i.info_at + interval '20 days 2 hours' end as info_archived_at
     ) s`,
  );
  await run(
    tx,
    `create temp table seed_plan on commit drop as
     select s.*, a.*, r.*,
       coalesce(r.answer2_at, a.answer_at) + interval '10 days 3 hours' as close_at
     from seed_steps s
     cross join lateral (
       select s.received_on + s.deadline_days + s.suspended_days + case when s.extended then s.extension_days else 0 end as full_due_on,
         s.received_on + s.deadline_days + s.suspended_days as initial_due_on
     ) due
     cross join lateral (
       select due.full_due_on,
         case when s.triage_archived or s.info_archived_at is not null then null
           else greatest(
             coalesce(s.reply_at, s.in_progress_at) + interval '2 hours',
             ((case
                 when s.extended then due.initial_due_on + floor(s.r_answer * s.extension_days)::int
                 when s.answers_on_time then s.received_on + floor(power(s.r_answer, 1.4) * (due.full_due_on - s.received_on))::int
                 when s.stuck then due.full_due_on + 100 + floor(s.r_answer * 400)::int
                 else due.full_due_on + 1 + floor(s.r_answer * 40)::int
               end) + interval '9 hours' + s.r_work * interval '8 hours')::timestamp at time zone 'America/Sao_Paulo')
         end as answer_at,
         case when s.extended and not s.triage_archived and s.info_archived_at is null then (due.initial_due_on - 2 + interval '10 hours')::timestamp at time zone 'America/Sao_Paulo' end as extended_at
     ) a
     cross join lateral (
       select case when a.answer_at is not null and s.reopens then a.answer_at + interval '12 hours' + s.r_reopen * interval '8 days' end as reopen_at,
         case when a.answer_at is not null and s.reopens then a.answer_at + interval '3 days' + s.r_reopen * interval '20 days' end as answer2_at
     ) r`,
  );
  await run(
    tx,
    `create temp table seed_protocols on commit drop as
     select id, year, sequence, year || '-' || lpad(sequence::text, 6, '0') || '-' || ${dammSql('year', 'sequence')} as protocol
     from (
       select y.id, y.year, coalesce(c.last_sequence, 0) + row_number() over (partition by y.year order by y.created_at, y.n) as sequence
       from (select id, n, created_at, extract(year from created_at at time zone 'America/Sao_Paulo')::int as year from seed_plan) y
       left join protocol_counters c on c.year = y.year
     ) q`,
  );
}

/**
 * Access-to-information requests answered get an outcome (most granted, some denied by each ground); about
 * 40% of refusals are appealed three days after the answer, decided four days later when that has come.
 * Drawn from a hash of the id, so the same plan gives the same rows.
 */
async function addInformationOutcomes(tx: Executor, now: Date) {
  await run(
    tx,
    `update demands d set
       information_outcome = case when h.r < 0.55 then 'granted' when h.r < 0.7 then 'partly_granted' when h.r < 0.9 then 'denied' else 'not_held' end::information_outcome,
       denial_ground = case when h.r >= 0.55 and h.r < 0.9 then (array['personal_data', 'classified', 'generic', 'disproportionate', 'extra_work'])[1 + floor(h.r2 * 5)::int]::denial_ground end
     from (select id, (abs(hashtext(id::text)) % 1000) / 1000.0 as r, (abs(hashtext(id::text || 'g')) % 1000) / 1000.0 as r2
           from demands where kind = 'information' and answered_at is not null) h
     where d.id = h.id`,
  );
  await run(
    tx,
    `insert into information_appeals (demand_id, kind, instance, reason, filed_at, due_on, decision, decision_text, decided_at)
     select d.id, 'appeal', 1, 'Recurso contra a negativa.', f.filed_at, ((f.filed_at at time zone 'America/Sao_Paulo')::date + 5),
       case when f.filed_at + interval '4 days' <= ${literal(now.toISOString())}::timestamptz
            then case when abs(hashtext(d.id::text || 'd')) % 10 < 3 then 'granted' else 'denied' end::appeal_decision end,
       case when f.filed_at + interval '4 days' <= ${literal(now.toISOString())}::timestamptz then 'Decisão fundamentada.' end,
       case when f.filed_at + interval '4 days' <= ${literal(now.toISOString())}::timestamptz then f.filed_at + interval '4 days' end
     from demands d
     cross join lateral (select d.answered_at + interval '3 days' as filed_at) f
     where d.kind = 'information' and d.information_outcome in ('denied', 'partly_granted')
       and abs(hashtext(d.id::text || 'a')) % 100 < 40 and f.filed_at <= ${literal(now.toISOString())}::timestamptz`,
  );
}

/** The demand rows as they stand at `now`. */
async function insertDemands(tx: Executor, now: Date) {
  await run(
    tx,
    `insert into demands (id, protocol, protocol_year, protocol_sequence, service, kind, category_id, department_id, channel, state,
       identity, subject, description, details, requester_name, requester_email, requester_phone, requester_cpf, requester_pseudonym,
       notify_by_whatsapp, address_line, neighbourhood_id, latitude, longitude, due_on, extension_used, suspended_at, answered_at,
       closed_at, reopen_count, created_at, updated_at)
     select p.id, pr.protocol, pr.year, pr.sequence, p.service, p.kind, p.category_id,
       case when st.state in ('received') or p.triage_archived then null
            when p.rerouted and p.service = 'ouvidoria' then (select id from seed_departments order by id offset p.reroute_pick limit 1)
            else p.home_department_id end,
       p.channel, st.state, p.identity,
       case when p.service = 'balcao' then c.name else t.subject end,
       case when p.service = 'balcao' then
              case when p.identity <> 'anonymous' and p.r_personal < 0.3 then 'Meu nome é ' || p.first_name || ' ' || p.last_name || ' e moro na ' || p.address_line || '. ' else '' end
              || p.problem || ' Fica ' || p.reference || '.'
            else t.description
              || case when p.identity <> 'anonymous' and p.r_personal < 0.25 then ' Podem me ligar no (14) 9' || lpad((p.phone_digits % 100000000)::text, 8, '0') || ', ' || p.first_name || '.' else '' end
       end,
       case when p.service = 'balcao' then p.details -> (floor(p.r_text * jsonb_array_length(p.details)))::int else '{}'::jsonb end,
       case when p.identity <> 'anonymous' then p.first_name || ' ' || p.last_name || ' ' || p.second_last_name end,
       case when p.identity <> 'anonymous' and p.r_contact < 0.8 then
         translate(lower(p.first_name || '.' || p.last_name), 'áàâãéêíóôõúç', 'aaaaeeiooouc') || (p.n % 997) || '@' || (${textArray(EMAIL_DOMAINS)})[1 + (p.n % ${EMAIL_DOMAINS.length})] end,
       case when p.identity <> 'anonymous' and (p.r_contact >= 0.5 or p.r_contact < 0.1) then '+55149' || lpad((p.phone_digits % 100000000)::text, 8, '0') end,
       case when p.identity <> 'anonymous' and p.r_contact < 0.6 then ${cpfSql('p.cpf_base')} end,
       'Manifestante ' || upper(substr(md5(p.id::text), 1, 6)),
       p.identity <> 'anonymous' and p.channel = 'whatsapp',
       case when p.service = 'balcao' then p.address_line end,
       p.neighbourhood_id,
       case when p.service = 'balcao' then -22.885 + (p.r_text - 0.5) * 0.06 end,
       case when p.service = 'balcao' then -48.445 + (p.r_personal - 0.5) * 0.06 end,
       case when st.extended then p.full_due_on else p.full_due_on - case when p.extended then p.extension_days else 0 end end
         - case when p.reply_at is null or p.reply_at > st.now then p.suspended_days else 0 end,
       st.extended,
       case when st.state = 'awaiting_citizen' then p.info_at end,
       case when st.state in ('answered', 'closed') then coalesce(case when p.answer2_at <= st.now then p.answer2_at end, p.answer_at) end,
       case when st.state = 'closed' then p.close_at when st.state = 'archived' then coalesce(p.triage_archived_at, p.info_archived_at) end,
       case when p.reopen_at <= st.now then 1 else 0 end,
       p.created_at,
       greatest(p.created_at, least(st.now, coalesce(p.close_at, p.info_archived_at, p.triage_archived_at, p.answer_at, p.in_progress_at, p.created_at)))
     from seed_plan p
     join seed_protocols pr on pr.id = p.id
     join categories c on c.id = p.category_id
     left join seed_texts t on t.kind = p.kind::text and t.idx = floor(p.r_text * t.kind_count)::int
     cross join (select ${literal(now.toISOString())}::timestamptz as now_at) st0
     cross join lateral (
       select st0.now_at as now, coalesce(p.extended_at <= st0.now_at, false) as extended,
         case
           when p.triage_archived_at <= st0.now_at or p.info_archived_at <= st0.now_at then 'archived'
           when p.close_at <= st0.now_at then 'closed'
           when p.answer2_at <= st0.now_at then 'answered'
           when p.reopen_at <= st0.now_at then 'in_progress'
           when p.answer_at <= st0.now_at then 'answered'
           when p.info_at <= st0.now_at and (p.reply_at is null or p.reply_at > st0.now_at) then 'awaiting_citizen'
           when p.in_progress_at <= st0.now_at then 'in_progress'
           when p.forwarded_at <= st0.now_at then 'forwarded'
           else 'received'
         end::demand_state as state
     ) st
     order by p.created_at`,
  );
}

/** Every step that has happened by `now`, as the use cases would have written it. */
async function insertEvents(tx: Executor, now: Date): Promise<number> {
  const result = await run(
    tx,
    `insert into demand_events (demand_id, type, state_before, state_after, actor_label, visibility, body, data, created_at)
     select p.id, e.type::demand_event_type, e.state_before::demand_state, e.state_after::demand_state, e.actor, e.visibility::event_visibility,
       e.body, '{}'::jsonb, e.at
     from seed_plan p
     left join seed_departments d on d.id = p.home_department_id
     cross join lateral (values
       ('received', p.created_at, null, 'received',
         case when p.channel in ('in_person', 'phone', 'letter') then 'Atendimento' else 'Cidadão' end, 'public', 'Registrada.'),
       ('archived', p.triage_archived_at, 'received', 'archived', 'Ouvidoria', 'public',
         'Arquivada por duplicidade: o mesmo pedido já está registrado em outro protocolo.'),
       ('forwarded', p.forwarded_at, 'received', 'forwarded', case when p.service = 'balcao' then 'Balcão da Cidadania' else 'Ouvidoria' end,
         'public', 'Encaminhada à secretaria responsável.'),
       ('public_reply', p.in_progress_at, 'forwarded', 'in_progress', d.name, 'public', 'A equipe recebeu a demanda e programou o atendimento.'),
       ('note', case when p.noted then p.in_progress_at + interval '5 hours' end, 'in_progress', 'in_progress', d.name, 'internal',
         'Vistoria agendada com a equipe de campo.'),
       ('info_requested', p.info_at, 'in_progress', 'awaiting_citizen', d.name, 'public', 'Por favor, informe um ponto de referência mais preciso.'),
       ('citizen_replied', p.reply_at, 'awaiting_citizen', 'in_progress', 'Cidadão', 'public', 'Fica perto do número indicado, ao lado do muro azul.'),
       ('archived', p.info_archived_at, 'awaiting_citizen', 'archived', 'Sistema', 'public',
         'Arquivada: a complementação pedida não foi enviada em 20 dias.'),
       ('extended', p.extended_at, 'in_progress', 'in_progress', 'Ouvidoria', 'public', 'Prazo prorrogado para concluir a apuração.'),
       ('answered', p.answer_at, 'in_progress', 'answered', d.name, 'public', 'O serviço foi executado pela equipe responsável. Agradecemos o contato.'),
       ('reopened', p.reopen_at, 'answered', 'in_progress', 'Cidadão', 'public', 'O problema voltou a acontecer.'),
       ('answered', p.answer2_at, 'in_progress', 'answered', d.name, 'public', 'A equipe voltou ao local e concluiu o serviço.'),
       ('rated', case when p.rates then coalesce(p.answer2_at, p.answer_at) + interval '1 hour' + p.r_rating * interval '8 days' end,
         'answered', 'answered', 'Cidadão', 'public', 'Pesquisa de satisfação respondida.'),
       ('closed', p.close_at, 'answered', 'closed', 'Sistema', 'public', 'Concluída.')
     ) as e(type, at, state_before, state_after, actor, visibility, body)
     where e.at is not null and e.at <= ${literal(now.toISOString())}::timestamptz
     order by p.created_at, e.at`,
  );
  return affectedRows(result);
}

/** Ratings from the demands whose requester answered the survey by `now`; better when on time and resolved. */
async function insertRatings(tx: Executor, now: Date): Promise<number> {
  const result = await run(
    tx,
    `insert into satisfaction_ratings (demand_id, rating, resolved, comment, created_at)
     select p.id,
       case when p.r_resolved < resolved_share then 3 + floor(p.r_rating * 2.99)::int else 1 + floor(p.r_rating * 2.99)::int end,
       p.r_resolved < resolved_share,
       case when p.r_personal < 0.2 then 'Obrigada pelo retorno. ' || p.first_name || ', ' || p.address_line || '.' end,
       coalesce(p.answer2_at, p.answer_at) + interval '1 hour' + p.r_rating * interval '8 days'
     from seed_plan p
     cross join lateral (select case when p.answers_on_time or p.extended then 0.8 else 0.4 end as resolved_share) s
     where p.rates and p.answer_at is not null
       and coalesce(p.answer2_at, p.answer_at) + interval '1 hour' + p.r_rating * interval '8 days' <= ${literal(now.toISOString())}::timestamptz
       and (p.reopen_at is null or p.answer2_at <= ${literal(now.toISOString())}::timestamptz)`,
  );
  return affectedRows(result);
}

/** postgres.js reports `count` on the result; PGlite `affectedRows`. */
function affectedRows(result: unknown): number {
  const value = result as { count?: number; affectedRows?: number };
  return Number(value.count ?? value.affectedRows ?? 0);
}

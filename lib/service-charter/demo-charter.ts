import { eq } from 'drizzle-orm';
import type { Executor } from '@/lib/db/client';
import { categories, departments, serviceCharterChanges, serviceCharters } from '@/lib/db/schema';
import { DEFAULT_PRIORITY_RULES, type CharterChannel, type CharterContent, type LifeEvent } from '@/lib/domain/service-charter';
import { municipality } from '@/lib/municipality';

/**
 * Demo data: a plausible Carta de Serviços for Botucatu's Balcão catalogue and a few services the city
 * attends only in person. Written for the demo, not taken from the city — requirements, documents, fees
 * and waiting times are illustrative. Seeded only with demo data (demoDataEnabled), like the demo
 * accounts and demands: a real install writes its own Carta in /painel/admin/carta-de-servicos.
 */

const counter = municipality.balcao;
const ONLINE: CharterChannel[] = ['web', 'whatsapp', 'in_person', 'phone'];
const STREET_STEPS = [
  'Faça o pedido pelo site, pelo WhatsApp, por telefone ou no Balcão da Cidadania e guarde o número do protocolo.',
  'A secretaria responsável recebe o pedido e agenda a vistoria do local.',
  'A equipe executa o serviço ou explica por que ele não pode ser feito.',
  'Você recebe a resposta pelo e-mail ou WhatsApp informado e pode avaliar o atendimento.',
];

type DemoEntry = Partial<CharterContent> & Pick<CharterContent, 'summary' | 'lifeEvents'>;

function content(entry: DemoEntry): CharterContent {
  return {
    audience: 'Qualquer pessoa, moradora ou não de Botucatu, identificada ou não.',
    requirements: [],
    documents: ['Endereço completo do local, com ponto de referência', 'Fotos do local (opcional, ajudam a equipe)'],
    steps: STREET_STEPS,
    channels: ONLINE,
    priorityRules: DEFAULT_PRIORITY_RULES,
    expectedWait: 'Pela internet e WhatsApp, sem espera; no Balcão, até 20 minutos.',
    fees: 'Gratuito.',
    location: `Balcão da Cidadania — ${counter.address}`,
    hours: counter.hours,
    ...entry,
  };
}

const street = (summary: string, lifeEvents: LifeEvent[], extra: Partial<CharterContent> = {}) => content({ summary, lifeEvents, ...extra });

/** One entry per Balcão service, by the service's slug. */
export const DEMO_SERVICE_CHARTER: Record<string, CharterContent> = {
  'poda-de-arvore': street('A Secretaria de Meio Ambiente avalia e poda árvores em calçadas, praças e áreas públicas, para liberar a fiação, a passagem e a iluminação.', ['minha-rua', 'meio-ambiente'], {
    requirements: ['A árvore deve estar em área pública ou na calçada.', 'Poda em terreno particular é feita pelo proprietário, com autorização ambiental.'],
  }),
  'remocao-de-arvore': street('Avaliação técnica e, se indicada, remoção de árvore morta, doente ou com risco de queda em área pública.', ['minha-rua', 'meio-ambiente'], {
    requirements: ['A remoção depende de laudo técnico da Secretaria de Meio Ambiente.', 'Árvores sadias só são removidas com compensação ambiental.'],
  }),
  'tapa-buraco': street('Conserto de buracos no asfalto de ruas e avenidas do município.', ['minha-rua', 'obras-e-construcao', 'transito-e-transporte']),
  'iluminacao-publica': street('Troca de lâmpadas apagadas, acesas de dia ou piscando, e reparo de postes de iluminação pública.', ['minha-rua'], {
    documents: ['Endereço e, se visível, o número do poste (placa no poste)'],
  }),
  'retirada-de-entulho': street('Recolhimento de entulho e restos de construção deixados em via pública. Pequenos volumes podem ser levados ao Ecoponto.', ['minha-rua', 'obras-e-construcao', 'meio-ambiente']),
  'cata-treco': street('Recolhimento agendado de móveis velhos, colchões, eletrodomésticos e objetos volumosos, na porta de casa.', ['minha-rua', 'meio-ambiente'], {
    requirements: ['Até 5 objetos por pedido.', 'Os objetos devem ser deixados na calçada apenas no dia agendado.'],
    documents: ['Endereço completo', 'Lista dos objetos'],
  }),
  'limpeza-de-terreno': street('Fiscalização de terreno particular com mato alto ou lixo; o proprietário é notificado a limpar e, se não o fizer, é multado.', ['minha-rua', 'meio-ambiente']),
  'capina-e-rocada': street('Corte de mato em praças, canteiros e outras áreas públicas.', ['minha-rua', 'meio-ambiente']),
  'limpeza-de-boca-de-lobo': street('Desentupimento e limpeza de bocas de lobo e bueiros, para evitar alagamentos.', ['minha-rua', 'obras-e-construcao']),
  'galeria-pluvial': street('Reparo de tampas quebradas, afundamentos e vazamentos em galerias de águas pluviais.', ['minha-rua', 'obras-e-construcao']),
  'calcada-danificada': street('Reparo de calçadas em frente a prédios e áreas públicas. A calçada em frente a imóvel particular é responsabilidade do proprietário.', ['minha-rua', 'obras-e-construcao']),
  'estrada-rural': street('Patrolamento, cascalhamento e reparo de estradas municipais de terra, nos distritos e na zona rural.', ['vida-no-campo', 'transito-e-transporte'], {
    documents: ['Nome ou código da estrada', 'Ponto de referência (propriedade, ponte, bairro rural)'],
  }),
  'sinalizacao-de-transito': street('Reposição de placas, pintura de faixas e reparo de semáforos pela Semutran.', ['transito-e-transporte', 'minha-rua'], {
    location: 'Semutran — Rua Amando de Barros, 2741, Lavapés, Botucatu/SP',
  }),
  'ponto-de-onibus': street('Reparo de abrigos de ônibus, colocação de placas e estudo de pedidos de novos pontos.', ['transito-e-transporte', 'minha-rua'], {
    location: 'Semutran — Rua Amando de Barros, 2741, Lavapés, Botucatu/SP',
  }),
  'estacionamento-irregular': street('Fiscalização de veículos abandonados em via pública e de estacionamento em local proibido.', ['transito-e-transporte', 'minha-rua'], {
    documents: ['Endereço', 'Modelo, cor e placa do veículo'],
    location: 'Semutran — Rua Amando de Barros, 2741, Lavapés, Botucatu/SP',
  }),
  'animal-morto': street('Remoção de animais mortos em vias e áreas públicas.', ['animais', 'minha-rua']),
  'foco-de-dengue': street('Vistoria de locais com água parada e criadouros do mosquito Aedes aegypti pela Vigilância em Saúde.', ['saude', 'minha-rua']),
  'controle-de-pragas': street('Vistoria e orientação sobre escorpiões, ratos, baratas e pombos.', ['saude', 'animais']),
  'perturbacao-do-sossego': street('Atendimento da Guarda Civil Municipal a som alto e barulho fora de hora. Em caso de urgência, ligue 153.', ['minha-rua'], {
    documents: ['Endereço do local do barulho', 'Dias e horários em que acontece'],
  }),
  'area-de-risco': street('Vistoria da Defesa Civil em áreas com risco de deslizamento, desabamento ou alagamento. Em emergência, ligue 199.', ['minha-rua', 'obras-e-construcao']),
  'numeracao-predial': content({
    summary: 'Atribuição do número oficial a um imóvel, necessário para ligações de água e luz e para correspondência.',
    audience: 'Proprietário ou possuidor do imóvel, ou seu procurador.',
    requirements: ['O imóvel deve estar cadastrado na Prefeitura.'],
    documents: ['Documento de identidade com foto e CPF', 'Matrícula ou contrato de compra do imóvel', 'Número do cadastro imobiliário (no carnê do IPTU)'],
    steps: [
      'Faça o pedido pelo site ou no Balcão da Cidadania com os documentos.',
      'A Secretaria de Planejamento confere o cadastro e vistoria o imóvel, se preciso.',
      'O número oficial é informado na resposta e passa a constar do cadastro.',
    ],
    fees: 'Gratuito.',
    lifeEvents: ['obras-e-construcao', 'impostos-e-documentos'],
  }),
  'cadastro-habitacional': content({
    summary: 'Informação sobre a situação da inscrição em programas municipais de moradia.',
    audience: 'A pessoa inscrita no cadastro habitacional, ou seu procurador.',
    documents: ['Documento de identidade com foto e CPF do titular da inscrição'],
    steps: ['Faça o pedido pelo site ou no Balcão da Cidadania.', 'A Secretaria de Habitação consulta o cadastro.', 'Você recebe a situação da inscrição na resposta.'],
    lifeEvents: ['familia-e-assistencia'],
  }),
  'vaga-em-creche': content({
    summary: 'Informação sobre a inscrição e a fila de espera por vaga em creche municipal (crianças de 0 a 3 anos).',
    audience: 'Mãe, pai ou responsável legal pela criança.',
    requirements: ['A criança deve morar em Botucatu.'],
    documents: ['Certidão de nascimento da criança', 'Documento de identidade com foto e CPF do responsável', 'Comprovante de endereço recente'],
    steps: ['Faça o pedido pelo site ou no Balcão da Cidadania.', 'A Secretaria de Educação consulta a inscrição e a posição na fila.', 'Você recebe a resposta com a situação e os próximos passos.'],
    lifeEvents: ['familia-e-assistencia'],
  }),
};

type OwnDemo = { slug: string; name: string; department: string; deadlineText: string; content: CharterContent };

/** Services the city attends in person or by phone only, listed in the Carta without an online form. */
export const DEMO_OWN_SERVICES: OwnDemo[] = [
  {
    slug: 'certidao-negativa-de-debitos',
    name: 'Certidão negativa de débitos municipais',
    department: 'planejamento',
    deadlineText: 'No ato, quando não há pendências; até 5 dias úteis quando é preciso análise.',
    content: content({
      summary: 'Certidão que informa se há débitos de tributos municipais (IPTU, ISS, taxas) em nome de uma pessoa ou de um imóvel.',
      audience: 'Qualquer pessoa, para si, para sua empresa ou para um imóvel.',
      documents: ['CPF ou CNPJ do contribuinte', 'Número do cadastro imobiliário, para certidão de imóvel'],
      steps: ['Compareça ao Balcão da Cidadania com os documentos.', 'O atendente consulta o cadastro e emite a certidão.', 'Se houver pendência, você é orientado a regularizá-la.'],
      channels: ['in_person'],
      expectedWait: 'Até 30 minutos no balcão.',
      lifeEvents: ['impostos-e-documentos', 'obras-e-construcao'],
    }),
  },
  {
    slug: 'cadastro-unico',
    name: 'Inscrição e atualização no Cadastro Único (CadÚnico)',
    department: 'assistencia-social',
    deadlineText: 'Atendimento agendado em até 15 dias; inscrição feita no dia do atendimento.',
    content: content({
      summary: 'Inscrição da família no Cadastro Único, porta de entrada para programas sociais como o Bolsa Família e a tarifa social de energia.',
      audience: 'Famílias com renda mensal de até meio salário mínimo por pessoa, ou de até três salários mínimos no total.',
      requirements: ['Quem presta as informações deve ter 16 anos ou mais e, de preferência, ser mulher.'],
      documents: ['CPF ou título de eleitor do responsável', 'Documento de todas as pessoas da família', 'Comprovante de endereço', 'Carteira de trabalho ou comprovante de renda, se houver'],
      steps: ['Agende o atendimento por telefone ou no CRAS mais próximo.', 'Compareça com os documentos de toda a família.', 'O entrevistador registra os dados; a família recebe o Número de Identificação Social (NIS).'],
      channels: ['in_person', 'phone'],
      expectedWait: 'Com agendamento, até 30 minutos.',
      location: 'CRAS do bairro ou Secretaria Municipal de Assistência Social',
      lifeEvents: ['familia-e-assistencia'],
    }),
  },
  {
    slug: 'castracao-de-caes-e-gatos',
    name: 'Castração gratuita de cães e gatos',
    department: 'meio-ambiente',
    deadlineText: 'Conforme a fila do programa; a data da cirurgia é informada na inscrição.',
    content: content({
      summary: 'Castração gratuita de cães e gatos de famílias de baixa renda e de protetores cadastrados, para controle populacional.',
      audience: 'Moradores de Botucatu inscritos no CadÚnico e protetores de animais cadastrados.',
      requirements: ['Animal com mais de 4 meses e em boas condições de saúde.', 'Jejum de 8 horas antes da cirurgia.'],
      documents: ['Documento de identidade com foto e CPF', 'Comprovante de endereço', 'Número do NIS (CadÚnico)'],
      steps: ['Inscreva-se no Balcão da Cidadania ou por telefone.', 'Aguarde a ligação com a data da cirurgia.', 'Leve o animal em jejum no dia marcado e busque-o no mesmo dia.'],
      channels: ['in_person', 'phone'],
      expectedWait: 'Inscrição em até 20 minutos no balcão.',
      lifeEvents: ['animais', 'meio-ambiente'],
    }),
  },
  {
    slug: 'alvara-de-construcao',
    name: 'Alvará de construção e reforma',
    department: 'planejamento',
    deadlineText: 'Até 30 dias após a entrega de todos os documentos.',
    content: content({
      summary: 'Aprovação do projeto e licença para construir, ampliar ou reformar um imóvel.',
      audience: 'Proprietário do imóvel, por meio de profissional habilitado (engenheiro ou arquiteto).',
      requirements: ['Projeto assinado por profissional com ART ou RRT.', 'Imóvel sem débitos de IPTU.'],
      documents: ['Requerimento assinado pelo proprietário', 'Matrícula atualizada do imóvel', 'Projeto arquitetônico em duas vias', 'ART ou RRT do responsável técnico'],
      steps: ['Protocole o pedido com os documentos no Balcão da Cidadania.', 'A Secretaria de Planejamento analisa o projeto e pode pedir correções.', 'Aprovado o projeto e paga a taxa, o alvará é emitido.'],
      channels: ['in_person'],
      expectedWait: 'Até 30 minutos no balcão.',
      fees: 'Taxa de licença conforme a área construída (Código Tributário Municipal).',
      lifeEvents: ['obras-e-construcao', 'impostos-e-documentos'],
    }),
  },
];

/**
 * Writes the demo Carta on a database that has none, each entry dated with one history row. Safe to run
 * twice: entries already there are left as they are.
 */
export async function seedDemoServiceCharter(db: Executor): Promise<void> {
  const services = await db.select({ id: categories.id, slug: categories.slug }).from(categories).where(eq(categories.service, 'balcao'));
  const departmentIds = new Map((await db.select({ id: departments.id, slug: departments.slug }).from(departments)).map((d) => [d.slug, d.id]));
  const rows = [
    ...services.flatMap((service) => {
      const entry = DEMO_SERVICE_CHARTER[service.slug];
      return entry ? [{ slug: service.slug, categoryId: service.id, ...entry }] : [];
    }),
    ...DEMO_OWN_SERVICES.flatMap((own) => {
      const departmentId = departmentIds.get(own.department);
      return departmentId ? [{ slug: own.slug, name: own.name, departmentId, deadlineText: own.deadlineText, ...own.content }] : [];
    }),
  ];
  if (rows.length === 0) return;
  const inserted = await db.insert(serviceCharters).values(rows).onConflictDoNothing().returning();
  if (inserted.length === 0) return;
  await db.insert(serviceCharterChanges).values(
    inserted.map((charter) => ({
      charterId: charter.id,
      changedAt: charter.updatedAt,
      changedByName: 'Dados de demonstração',
      fields: [],
      note: 'Entrada criada na Carta de Serviços (demonstração).',
    })),
  );
}

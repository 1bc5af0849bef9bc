import type { CategoryField } from '@/lib/domain/category-fields';
import type { DemandKind, OuvidoriaKind } from '@/lib/domain/vocabulary';
import { botucatuGeography, type MunicipalityGeography } from './municipality-geography';
import { municipalityIdentity, prefeituraAddress, type MunicipalityIdentity } from './municipality-identity';

/**
 * The municipality is configuration, not code: another prefeitura adopts the product by editing this one
 * file (bairros, secretarias, catalogue), its two neighbours (municipality-identity.ts: name, emblem, colours,
 * contacts; municipality-geography.ts: maps) and running the seed.
 * The demo is Botucatu (SP): public facts from the city's pages; secretarias and bairros are demo data.
 */

export type DepartmentConfig = {
  slug: string;
  name: string;
  acronym: string;
  email: string;
  isInternalControl?: boolean;
};

export type ServiceConfig = {
  slug: string;
  name: string;
  description: string;
  department: string;
  deadlineDays: number;
  fields?: CategoryField[];
};

export type OuvidoriaSubjectConfig = {
  slug: string;
  name: string;
  department: string;
  kinds?: OuvidoriaKind[];
  /** The form asks where it happened (a map pin), as the Balcão does; staff only ever see the point. */
  takesLocation?: boolean;
};

export type { Contact } from './municipality-identity';

/**
 * The privacy notice (LGPD art. 9) and the rules it announces. Every text the notice page shows is here,
 * so a município adapts it to its own decree without touching code.
 */
export type PrivacyConfig = {
  /** The controlador (LGPD art. 5 VI): the legal person that decides on the processing. */
  controller: { name: string; cnpj?: string; address: string };
  /** The encarregado (LGPD art. 41), whose identity and contact the law asks to be public. */
  dataProtectionOfficer: { name: string; email: string; phone: string; address: string; hours: string };
  purposes: string[];
  /** Each legal basis with its article (arts. 7 III and 23 for the public administration). */
  legalBases: { article: string; text: string }[];
  recipients: string[];
  /** The retention the notice announces; days per kind come from `retentionDays` (and RETENTION_DAYS). */
  retentionText: string;
  /** Days after closing that requester data are kept, per kind; null keeps them. Overridden by RETENTION_DAYS. */
  retentionDays: Record<DemandKind, number | null>;
  /** The rights of LGPD art. 18 and Lei 13.460 art. 6, each with how to use it here. */
  rights: { right: string; how: string }[];
  /** ANPD, for a complaint about the processing (art. 18 §1). */
  authority: string;
  /** Date of this version of the notice (ISO). */
  updatedOn: string;
};

export type MunicipalityConfig = MunicipalityIdentity & {
  neighbourhoods: { name: string; district?: string }[];
  /** Boundary and bairro shapes for maps and for the bairro of a point; without it no point is refused. */
  geography?: MunicipalityGeography;
  departments: DepartmentConfig[];
  ouvidoriaSubjects: OuvidoriaSubjectConfig[];
  services: ServiceConfig[];
  /**
   * Who judges the appeals of access-to-information requests (LAI art. 15; Decreto 7.724 arts. 21–23 as
   * the model for the municipal decree): named to the citizen in every denial. The people who decide are
   * users with the role `appeal_authority` and the instance checked in Administração → Usuários.
   */
  informationAppeals: { firstInstance: string; secondInstance: string };
  privacy: PrivacyConfig;
};

const treeFields: CategoryField[] = [
  {
    name: 'tree_location',
    label: 'Onde está a árvore?',
    type: 'select',
    required: true,
    options: ['Calçada', 'Praça', 'Canteiro central', 'Área verde pública'],
  },
  { name: 'risk', label: 'Há risco de queda ou contato com a fiação?', type: 'select', required: true, options: ['Não', 'Sim'] },
];

const reference: CategoryField = {
  name: 'reference_point',
  label: 'Ponto de referência',
  type: 'text',
  required: false,
  hint: 'Ex.: em frente à escola, perto do número 120.',
};

export const municipality: MunicipalityConfig = {
  ...municipalityIdentity,
  neighbourhoods: [
    { name: 'Centro' },
    { name: 'Lavapés' },
    { name: 'Vila dos Lavradores' },
    { name: 'Vila Jaú' },
    { name: 'Vila Assumpção' },
    { name: 'Vila São Lúcio' },
    { name: 'Vila Padovan' },
    { name: 'Vila Antártica' },
    { name: 'Jardim Paraíso' },
    { name: 'Jardim Peabiru' },
    { name: 'Jardim Bom Pastor' },
    { name: 'Jardim Cristina' },
    { name: 'Jardim Santa Elisa' },
    { name: 'Jardim Itamaraty' },
    { name: 'Jardim Iolanda' },
    { name: 'Parque Marajoara' },
    { name: 'Cohab I' },
    { name: 'Demétria' },
    { name: 'Rubião Júnior', district: 'Rubião Júnior' },
    { name: 'Vitoriana', district: 'Vitoriana' },
    { name: 'Rio Bonito', district: 'Vitoriana' },
    { name: 'Porto Said', district: 'Vitoriana' },
    { name: 'Mina', district: 'Vitoriana' },
    { name: 'Alvorada da Barra', district: 'Vitoriana' },
  ],
  geography: botucatuGeography,
  departments: [
    { slug: 'saude', name: 'Secretaria Municipal de Saúde', acronym: 'SMS', email: 'saude@botucatu.sp.gov.br' },
    { slug: 'educacao', name: 'Secretaria Municipal de Educação', acronym: 'SME', email: 'educacao@botucatu.sp.gov.br' },
    { slug: 'seguranca', name: 'Secretaria Municipal de Segurança (Guarda Civil Municipal)', acronym: 'GCM', email: 'seguranca@botucatu.sp.gov.br' },
    { slug: 'agricultura', name: 'Secretaria Municipal de Agricultura', acronym: 'SMA', email: 'agricultura@botucatu.sp.gov.br' },
    { slug: 'meio-ambiente', name: 'Secretaria Municipal de Meio Ambiente', acronym: 'SMMA', email: 'meioambiente@botucatu.sp.gov.br' },
    { slug: 'mobilidade', name: 'Secretaria Municipal de Mobilidade Urbana (Semutran)', acronym: 'Semutran', email: 'semutran@botucatu.sp.gov.br' },
    { slug: 'infraestrutura', name: 'Secretaria Municipal de Infraestrutura', acronym: 'SMI', email: 'infraestrutura@botucatu.sp.gov.br' },
    { slug: 'assistencia-social', name: 'Secretaria Municipal de Assistência Social', acronym: 'SMAS', email: 'assistencia@botucatu.sp.gov.br' },
    { slug: 'habitacao', name: 'Secretaria Municipal de Habitação', acronym: 'SMH', email: 'habitacao@botucatu.sp.gov.br' },
    { slug: 'planejamento', name: 'Secretaria Municipal de Planejamento', acronym: 'SMP', email: 'planejamento@botucatu.sp.gov.br' },
    { slug: 'defesa-civil', name: 'Defesa Civil', acronym: 'COMDEC', email: 'defesacivil@botucatu.sp.gov.br' },
    { slug: 'controle-interno', name: 'Controle Interno', acronym: 'CI', email: 'controleinterno@botucatu.sp.gov.br', isInternalControl: true },
  ],
  informationAppeals: {
    firstInstance: 'o(a) Secretário(a) Municipal hierarquicamente superior a quem respondeu o pedido',
    secondInstance: 'o(a) Prefeito(a) Municipal, ouvida a Controladoria-Geral do Município',
  },
  ouvidoriaSubjects: [
    { slug: 'atendimento-saude', name: 'Atendimento em unidade de saúde', department: 'saude' },
    { slug: 'medicamentos', name: 'Falta de medicamentos', department: 'saude' },
    { slug: 'escolas-creches', name: 'Escolas e creches', department: 'educacao' },
    { slug: 'transporte-coletivo', name: 'Transporte coletivo', department: 'mobilidade' },
    { slug: 'transito', name: 'Trânsito e fiscalização', department: 'mobilidade' },
    { slug: 'obras', name: 'Obras públicas', department: 'infraestrutura', takesLocation: true },
    { slug: 'conduta-servidor', name: 'Conduta de servidor público', department: 'controle-interno', kinds: ['denunciation', 'complaint'] },
    { slug: 'licitacoes-contratos', name: 'Licitações e contratos', department: 'controle-interno', kinds: ['denunciation', 'information'] },
    { slug: 'assistencia-social', name: 'Programas sociais', department: 'assistencia-social' },
    { slug: 'meio-ambiente', name: 'Meio ambiente e poluição', department: 'meio-ambiente', takesLocation: true },
  ],
  services: [
    { slug: 'poda-de-arvore', name: 'Poda de árvore', description: 'Poda de árvore em calçada, praça ou área pública.', department: 'meio-ambiente', deadlineDays: 30, fields: treeFields },
    { slug: 'remocao-de-arvore', name: 'Remoção de árvore', description: 'Avaliação e remoção de árvore morta, doente ou com risco de queda.', department: 'meio-ambiente', deadlineDays: 45, fields: treeFields },
    { slug: 'tapa-buraco', name: 'Tapa-buraco', description: 'Conserto de buraco no asfalto de rua ou avenida.', department: 'infraestrutura', deadlineDays: 15, fields: [reference] },
    { slug: 'iluminacao-publica', name: 'Iluminação pública', description: 'Lâmpada apagada, acesa de dia ou poste danificado.', department: 'infraestrutura', deadlineDays: 10, fields: [
      { name: 'pole_number', label: 'Número do poste (se visível)', type: 'text', required: false },
      { name: 'problem', label: 'Qual é o problema?', type: 'select', required: true, options: ['Lâmpada apagada', 'Lâmpada acesa durante o dia', 'Lâmpada piscando', 'Poste danificado'] },
    ] },
    { slug: 'retirada-de-entulho', name: 'Retirada de entulho', description: 'Recolhimento de entulho e restos de construção em via pública.', department: 'infraestrutura', deadlineDays: 15, fields: [reference] },
    { slug: 'cata-treco', name: 'Cata-treco (móveis e objetos volumosos)', description: 'Recolhimento de móveis velhos, colchões e objetos grandes.', department: 'meio-ambiente', deadlineDays: 15, fields: [
      { name: 'items', label: 'Quais objetos serão recolhidos?', type: 'textarea', required: true },
    ] },
    { slug: 'limpeza-de-terreno', name: 'Limpeza de terreno baldio', description: 'Fiscalização de terreno particular com mato alto ou lixo.', department: 'meio-ambiente', deadlineDays: 30, fields: [reference] },
    { slug: 'capina-e-rocada', name: 'Capina e roçada', description: 'Corte de mato em praça, canteiro ou área pública.', department: 'meio-ambiente', deadlineDays: 20, fields: [reference] },
    { slug: 'limpeza-de-boca-de-lobo', name: 'Limpeza de boca de lobo', description: 'Desentupimento de bueiro ou boca de lobo.', department: 'infraestrutura', deadlineDays: 10, fields: [reference] },
    { slug: 'galeria-pluvial', name: 'Reparo de galeria de águas pluviais', description: 'Tampa quebrada, afundamento ou vazamento de galeria pluvial.', department: 'infraestrutura', deadlineDays: 20, fields: [reference] },
    { slug: 'calcada-danificada', name: 'Calçada pública danificada', description: 'Reparo de calçada em frente a próprio público.', department: 'infraestrutura', deadlineDays: 30, fields: [reference] },
    { slug: 'estrada-rural', name: 'Manutenção de estrada rural', description: 'Patrolamento, cascalhamento e reparo de estrada de terra.', department: 'agricultura', deadlineDays: 30, fields: [
      { name: 'road_name', label: 'Nome ou código da estrada', type: 'text', required: true },
    ] },
    { slug: 'sinalizacao-de-transito', name: 'Sinalização de trânsito', description: 'Placa caída, pintura de faixa ou semáforo com defeito.', department: 'mobilidade', deadlineDays: 15, fields: [
      { name: 'signal_type', label: 'Tipo de sinalização', type: 'select', required: true, options: ['Placa', 'Faixa de pedestres', 'Semáforo', 'Lombada', 'Outra'] },
    ] },
    { slug: 'ponto-de-onibus', name: 'Ponto de ônibus', description: 'Abrigo danificado, falta de placa ou pedido de novo ponto.', department: 'mobilidade', deadlineDays: 30, fields: [reference] },
    { slug: 'estacionamento-irregular', name: 'Veículo abandonado ou estacionamento irregular', description: 'Veículo abandonado em via pública ou parado em local proibido.', department: 'mobilidade', deadlineDays: 10, fields: [
      { name: 'vehicle', label: 'Descrição do veículo (modelo, cor, placa)', type: 'text', required: true },
    ] },
    { slug: 'animal-morto', name: 'Recolhimento de animal morto', description: 'Remoção de animal morto em via pública.', department: 'meio-ambiente', deadlineDays: 2, fields: [reference] },
    { slug: 'foco-de-dengue', name: 'Foco de dengue', description: 'Água parada, criadouro do mosquito Aedes aegypti.', department: 'saude', deadlineDays: 7, fields: [reference] },
    { slug: 'controle-de-pragas', name: 'Controle de pragas (escorpião, rato)', description: 'Vistoria e orientação sobre escorpiões, ratos e baratas.', department: 'saude', deadlineDays: 15, fields: [
      { name: 'pest', label: 'Qual praga?', type: 'select', required: true, options: ['Escorpião', 'Rato', 'Barata', 'Pombo', 'Outra'] },
    ] },
    { slug: 'perturbacao-do-sossego', name: 'Perturbação do sossego', description: 'Som alto e barulho fora de hora.', department: 'seguranca', deadlineDays: 5, fields: [
      { name: 'time_of_day', label: 'Quando acontece?', type: 'text', required: true, hint: 'Ex.: sextas e sábados, após as 22h.' },
    ] },
    { slug: 'area-de-risco', name: 'Vistoria de área de risco', description: 'Risco de deslizamento, desabamento ou alagamento.', department: 'defesa-civil', deadlineDays: 3, fields: [reference] },
    { slug: 'numeracao-predial', name: 'Numeração de imóvel', description: 'Pedido de número oficial para imóvel.', department: 'planejamento', deadlineDays: 30 },
    { slug: 'cadastro-habitacional', name: 'Informação sobre cadastro habitacional', description: 'Situação da inscrição em programa de moradia.', department: 'habitacao', deadlineDays: 15 },
    { slug: 'vaga-em-creche', name: 'Vaga em creche', description: 'Informação sobre fila e inscrição para vaga em creche.', department: 'educacao', deadlineDays: 15, fields: [
      { name: 'child_age', label: 'Idade da criança', type: 'text', required: true },
    ] },
  ],
  privacy: {
    controller: { name: 'Prefeitura Municipal de Botucatu', address: prefeituraAddress },
    dataProtectionOfficer: {
      name: 'Encarregado(a) pelo tratamento de dados pessoais da Prefeitura',
      email: 'encarregado.lgpd@botucatu.sp.gov.br',
      phone: '(14) 3811-1547',
      address: prefeituraAddress,
      hours: 'Segunda a sexta, das 8h às 16h30',
    },
    purposes: [
      'Registrar, encaminhar e responder a sua manifestação ou solicitação, dentro dos prazos da lei.',
      'Avisar você de cada andamento por e-mail e, se você pedir, por WhatsApp.',
      'Confirmar quem pode acompanhar o pedido (conta, código de acesso ou link pessoal).',
      'Produzir estatísticas e o relatório anual da Ouvidoria, sempre sem identificar ninguém.',
    ],
    legalBases: [
      { article: 'LGPD art. 7º, III, e art. 23', text: 'Tratamento pela administração pública para executar políticas públicas e cumprir suas atribuições legais.' },
      { article: 'LGPD art. 7º, II', text: 'Cumprimento de obrigação legal: Lei 13.460/2017 (Código de Defesa do Usuário do Serviço Público) e Lei 12.527/2011 (Lei de Acesso à Informação).' },
      { article: 'LGPD art. 7º, I', text: 'Consentimento, somente para os dados opcionais: aviso por WhatsApp e perfil (faixa etária, gênero, raça/cor, escolaridade).' },
    ],
    recipients: [
      'A Ouvidoria e o Balcão da Cidadania, que recebem e respondem os pedidos.',
      'A secretaria responsável pelo assunto. Em denúncias e pedidos sigilosos, a secretaria não vê quem você é (Lei 13.460, art. 10, § 7º).',
      'O Controle Interno, em denúncias sobre servidores, licitações e contratos.',
      'Os serviços contratados que entregam os avisos (envio de e-mail e WhatsApp) e guardam os anexos, apenas para isso.',
      'Órgãos de controle (Tribunal de Contas, Ministério Público) quando a lei obrigar.',
    ],
    retentionText:
      'Os pedidos são documentos públicos e ficam guardados pelo prazo da tabela de temporalidade do Município. Depois que o pedido é concluído e passa o prazo de guarda dos dados do solicitante, o sistema apaga nome, e-mail, telefone, CPF e o vínculo com a sua conta, e mantém apenas o protocolo e os dados estatísticos.',
    retentionDays: {
      complaint: 1825,
      denunciation: 1825,
      suggestion: 730,
      praise: 730,
      request: 1825,
      information: 1825,
      service_request: 730,
    },
    rights: [
      { right: 'Saber se tratamos dados seus e acessá-los (LGPD art. 18, I e II)', how: 'Em "Minha conta", baixe todos os seus dados em JSON ou PDF.' },
      { right: 'Corrigir dados incompletos ou desatualizados (art. 18, III)', how: 'Em "Minha conta", corrija seu nome, telefone e CPF.' },
      { right: 'Pedir a anonimização ou a eliminação (art. 18, IV e VI)', how: 'Em "Minha conta", faça o pedido ao encarregado, que responde em até 15 dias. Pedidos guardados por obrigação legal têm seus dados anonimizados, não apagados.' },
      { right: 'Saber com quem compartilhamos seus dados (art. 18, VII)', how: 'Veja a lista acima, em "Quem recebe os dados".' },
      { right: 'Revogar o consentimento (art. 18, IX)', how: 'O perfil e o aviso por WhatsApp são opcionais: peça ao encarregado para retirá-los.' },
      { right: 'Proteção da sua identidade (Lei 13.460, art. 6º, IV, e art. 10, § 7º)', how: 'Escolha "sigilosa" ou "anônima" no formulário.' },
    ],
    authority: 'Você também pode reclamar à Autoridade Nacional de Proteção de Dados (ANPD), em www.gov.br/anpd.',
    updatedOn: '2026-12-03',
  },
};

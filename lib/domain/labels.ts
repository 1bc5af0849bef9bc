import type { Channel, DemandEventType, DemandKind, DemandState, Identity, Role, Service } from './vocabulary';

/** What each domain value is called on the page (pt-BR). */

export const SERVICE_LABELS: Record<Service, string> = {
  ouvidoria: 'Ouvidoria',
  balcao: 'Balcão da Cidadania',
};

export const KIND_LABELS: Record<DemandKind, string> = {
  complaint: 'Reclamação',
  denunciation: 'Denúncia',
  suggestion: 'Sugestão',
  praise: 'Elogio',
  request: 'Solicitação de providência',
  information: 'Pedido de acesso à informação (LAI)',
  service_request: 'Solicitação de serviço',
};

export const KIND_HINTS: Record<Exclude<DemandKind, 'service_request'>, string> = {
  complaint: 'Insatisfação com um serviço público ou com o atendimento recebido.',
  denunciation: 'Irregularidade ou ato ilícito, inclusive de servidor público.',
  suggestion: 'Ideia para melhorar um serviço da Prefeitura.',
  praise: 'Reconhecimento de um bom atendimento ou serviço.',
  request: 'Pedido para que a Prefeitura tome uma providência.',
  information: 'Pedido de informação pública, pela Lei de Acesso à Informação.',
};

export const STATE_LABELS: Record<DemandState, string> = {
  received: 'Recebida',
  forwarded: 'Encaminhada',
  in_progress: 'Em análise',
  awaiting_citizen: 'Aguardando o cidadão',
  answered: 'Respondida',
  closed: 'Concluída',
  archived: 'Arquivada',
};

export const CHANNEL_LABELS: Record<Channel, string> = {
  web: 'Site',
  whatsapp: 'WhatsApp',
  email: 'E-mail',
  phone: 'Telefone',
  in_person: 'Presencial',
  letter: 'Carta',
  facebook: 'Facebook',
  messenger: 'Messenger',
  instagram: 'Instagram',
  api: 'Integração (API)',
};

export const IDENTITY_LABELS: Record<Identity, string> = {
  identified: 'Identificada',
  confidential: 'Sigilosa',
  anonymous: 'Anônima',
};

export const IDENTITY_HINTS: Record<Identity, string> = {
  identified: 'Seu nome acompanha a manifestação e você recebe as respostas.',
  confidential: 'Só a Ouvidoria vê seus dados; as secretarias não sabem quem você é.',
  anonymous: 'Nenhum dado pessoal é guardado. Você acompanha com o protocolo e um código de acesso. Não vale para pedido de acesso à informação.',
};

export const ROLE_LABELS: Record<Role, string> = {
  citizen: 'Cidadão',
  attendant: 'Atendente do Balcão',
  ombudsman: 'Ouvidor(a)',
  department: 'Secretaria',
  internal_control: 'Controle Interno',
  manager: 'Gestor(a)',
  admin: 'Administrador(a)',
  appeal_authority: 'Autoridade de recurso (LAI)',
};

export const EVENT_LABELS: Record<DemandEventType, string> = {
  received: 'Registrada',
  classified: 'Classificada',
  forwarded: 'Encaminhada',
  assigned: 'Atribuída',
  note: 'Nota interna',
  info_requested: 'Complementação solicitada',
  citizen_replied: 'Complementação enviada pelo cidadão',
  public_reply: 'Resposta',
  extended: 'Prazo prorrogado',
  answered: 'Resposta conclusiva',
  archived: 'Arquivada',
  reopened: 'Reaberta',
  closed: 'Concluída',
  escalated: 'Encaminhada à Ouvidoria',
  citizen_message: 'Mensagem do cidadão',
  rated: 'Pesquisa de satisfação respondida',
  claimed: 'Vinculada à conta do cidadão',
  status_links_revoked: 'Links de acompanhamento revogados',
  duplicate_linked: 'Vinculada a outra do mesmo problema',
  duplicate_unlinked: 'Desvinculada da principal',
  publication_changed: 'Publicação da descrição no mapa',
  appeal_filed: 'Recurso apresentado',
  omission_complaint_filed: 'Reclamação por omissão apresentada',
  appeal_decided: 'Recurso decidido',
  anonymised: 'Dados do solicitante anonimizados',
  tag_added: 'Etiqueta incluída',
  tag_removed: 'Etiqueta retirada',
  priority_changed: 'Prioridade alterada',
};

const dateFormatter = new Intl.DateTimeFormat('pt-BR', { timeZone: 'America/Sao_Paulo', day: '2-digit', month: '2-digit', year: 'numeric' });
const dateTimeFormatter = new Intl.DateTimeFormat('pt-BR', {
  timeZone: 'America/Sao_Paulo',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** dd/mm/aaaa for a calendar date (YYYY-MM-DD) or an instant, in São Paulo. */
export function formatDate(value: string | Date): string {
  if (typeof value === 'string') {
    const [year, month, day] = value.slice(0, 10).split('-');
    return `${day}/${month}/${year}`;
  }
  return dateFormatter.format(value);
}

export function formatDateTime(value: Date): string {
  return dateTimeFormatter.format(value);
}

const timeFormatter = new Intl.DateTimeFormat('pt-BR', { timeZone: 'America/Sao_Paulo', hour: '2-digit', minute: '2-digit' });

/** hh:mm in São Paulo, e.g. when a throttled sign-in may be tried again. */
export function formatTime(value: Date): string {
  return timeFormatter.format(value);
}

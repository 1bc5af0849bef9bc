import 'server-only';
import { OPEN_DATA_COLUMNS } from '@/lib/stats/open-data';
import { appUrl } from '@/lib/delivery/config';
import { municipality } from '@/lib/municipality';

/**
 * The OpenAPI 3.1 description of every public API (served at /api/docs): Open311 GeoReport v2, the
 * "already asked here" suggestions, the open data downloads and the health checks. Written by hand next
 * to the routes it describes; tests/integration/openapi.test.ts checks that each path answers.
 */

const json = (schema: object) => ({ 'application/json': { schema } });
const xml = (schema: object) => ({ 'text/xml': { schema } });
const both = (schema: object) => ({ ...json(schema), ...xml(schema) });

const formatParameter = {
  name: 'format',
  in: 'path',
  required: true,
  description: 'Formato da resposta, como sufixo do endereço (a especificação GeoReport v2 usa .json e .xml).',
  schema: { type: 'string', enum: ['json', 'xml'] },
};
const jurisdictionParameter = {
  name: 'jurisdiction_id',
  in: 'query',
  required: false,
  description: 'Aceito como a especificação pede; este servidor atende uma só jurisdição (OPEN311_JURISDICTION_ID).',
  schema: { type: 'string' },
};
const errorsResponse = (description: string) => ({ description, content: both({ $ref: '#/components/schemas/Open311Errors' }) });

const openDataRow = {
  type: 'object',
  properties: Object.fromEntries(
    OPEN_DATA_COLUMNS.map((column) => [
      column.name,
      {
        type: column.type === 'inteiro' ? ['integer', 'null'] : column.type === 'verdadeiro/falso' ? ['boolean', 'null'] : ['string', 'null'],
        description: column.description,
      },
    ]),
  ),
};

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: `${municipality.siteName} — APIs públicas`,
      version: '1.0.0',
      description:
        'Open311 GeoReport v2 sobre o Balcão da Cidadania (serviços e solicitações; registrar exige chave de API emitida pela prefeitura), sugestões de pedidos parecidos, dados abertos e verificações de saúde. Nenhuma resposta traz nome, contato ou texto escrito por cidadãos, nem manifestações da Ouvidoria.',
      contact: { email: municipality.balcao.email },
    },
    servers: [{ url: appUrl() }],
    tags: [
      { name: 'Open311', description: 'GeoReport v2 (wiki.open311.org/GeoReport_v2). Erros no formato da especificação, com descrições em português.' },
      { name: 'Balcão', description: 'Apoio aos formulários públicos.' },
      { name: 'Dados abertos', description: 'Uma linha por manifestação, sem dados pessoais.' },
      { name: 'Saúde', description: 'Para balanceadores de carga e monitoramento.' },
    ],
    paths: {
      '/open311/v2/discovery.{format}': {
        get: { tags: ['Open311'], summary: 'Descoberta: endereços, formatos e contato', parameters: [formatParameter], responses: { 200: { description: 'Documento de descoberta', content: both({ $ref: '#/components/schemas/Discovery' }) } } },
      },
      '/open311/v2/services.{format}': {
        get: {
          tags: ['Open311'],
          summary: 'Serviços do Balcão da Cidadania',
          parameters: [formatParameter, jurisdictionParameter],
          responses: { 200: { description: 'Lista de serviços', content: both({ type: 'array', items: { $ref: '#/components/schemas/Service' } }) }, 404: errorsResponse('jurisdiction_id desconhecido') },
        },
      },
      '/open311/v2/services/{service_code}.{format}': {
        get: {
          tags: ['Open311'],
          summary: 'Definição de um serviço: as perguntas do formulário e o bairro',
          parameters: [{ name: 'service_code', in: 'path', required: true, schema: { type: 'string' }, example: 'tapa-buraco' }, formatParameter, jurisdictionParameter],
          responses: { 200: { description: 'Definição do serviço', content: both({ $ref: '#/components/schemas/ServiceDefinition' }) }, 404: errorsResponse('Serviço não encontrado') },
        },
      },
      '/open311/v2/requests.{format}': {
        get: {
          tags: ['Open311'],
          summary: 'Solicitações (só campos públicos)',
          description: 'Sem datas: os últimos 90 dias. No máximo 1000 solicitações, das mais novas às mais antigas. Com service_request_id, os outros filtros são ignorados.',
          parameters: [
            formatParameter,
            jurisdictionParameter,
            { name: 'service_request_id', in: 'query', description: 'Protocolos separados por vírgula.', schema: { type: 'string' } },
            { name: 'service_code', in: 'query', description: 'Códigos de serviço separados por vírgula.', schema: { type: 'string' } },
            { name: 'start_date', in: 'query', description: 'Data W3C (ISO 8601).', schema: { type: 'string', format: 'date-time' } },
            { name: 'end_date', in: 'query', description: 'Data W3C (ISO 8601).', schema: { type: 'string', format: 'date-time' } },
            { name: 'status', in: 'query', description: 'open, closed ou os dois separados por vírgula.', schema: { type: 'string' } },
          ],
          responses: { 200: { description: 'Solicitações', content: both({ type: 'array', items: { $ref: '#/components/schemas/ServiceRequest' } }) }, 400: errorsResponse('Filtro inválido') },
        },
        post: {
          tags: ['Open311'],
          summary: 'Registrar uma solicitação',
          description:
            'Passa pelo mesmo registro de todos os canais (canal "Integração (API)"): protocolo, prazo do serviço, aviso ao cidadão e à secretaria. Com nome e e-mail ou celular, a solicitação é identificada; sem, anônima, e o código de acesso volta em service_notice. Chave inválida, ausente ou revogada: 401. Limite por chave: OPEN311_POST_LIMIT_PER_HOUR (429 com Retry-After). media_url não é baixado.',
          parameters: [formatParameter],
          requestBody: {
            required: true,
            content: {
              'application/x-www-form-urlencoded': {
                schema: {
                  type: 'object',
                  required: ['api_key', 'service_code', 'description'],
                  properties: {
                    api_key: { type: 'string' },
                    jurisdiction_id: { type: 'string' },
                    service_code: { type: 'string' },
                    lat: { type: 'number', minimum: -90, maximum: 90 },
                    long: { type: 'number', minimum: -180, maximum: 180 },
                    address_string: { type: 'string', description: 'Obrigatório sem lat/long.' },
                    email: { type: 'string' },
                    first_name: { type: 'string' },
                    last_name: { type: 'string' },
                    phone: { type: 'string', description: 'Celular com DDD.' },
                    description: { type: 'string', minLength: 10 },
                    'attribute[bairro]': { type: 'string', description: 'Chave do bairro, da definição do serviço.' },
                  },
                  additionalProperties: { type: 'string', description: 'attribute[código]: respostas às perguntas do serviço.' },
                },
              },
            },
          },
          responses: {
            201: { description: 'Registrada; service_request_id é o protocolo', content: both({ type: 'array', items: { $ref: '#/components/schemas/PostedRequest' } }) },
            400: errorsResponse('Campos a corrigir, um erro por campo'),
            401: errorsResponse('api_key ausente, inválida ou revogada'),
            404: errorsResponse('Serviço ou jurisdiction_id desconhecido'),
            429: errorsResponse('Limite de solicitações por hora desta chave'),
          },
        },
      },
      '/open311/v2/requests/{service_request_id}.{format}': {
        get: {
          tags: ['Open311'],
          summary: 'Uma solicitação pelo protocolo',
          parameters: [{ name: 'service_request_id', in: 'path', required: true, schema: { type: 'string' }, example: '2026-000123-7' }, formatParameter, jurisdictionParameter],
          responses: { 200: { description: 'A solicitação, numa lista', content: both({ type: 'array', items: { $ref: '#/components/schemas/ServiceRequest' } }) }, 404: errorsResponse('Não encontrada') },
        },
      },
      '/api/balcao/sugestoes': {
        get: {
          tags: ['Balcão'],
          summary: '"Já pediram isto aqui perto": pedidos abertos parecidos',
          parameters: [
            { name: 'categoryId', in: 'query', required: true, schema: { type: 'string', format: 'uuid' } },
            { name: 'latitude', in: 'query', schema: { type: 'number' } },
            { name: 'longitude', in: 'query', schema: { type: 'number' } },
            { name: 'description', in: 'query', schema: { type: 'string' } },
          ],
          responses: { 200: { description: 'Até 5 pedidos abertos do mesmo serviço no raio do serviço ou com descrição parecida', content: json({ type: 'object', properties: { suggestions: { type: 'array', items: { $ref: '#/components/schemas/Suggestion' } } } }) } },
        },
      },
      '/transparencia/dados-abertos/manifestacoes.json': {
        get: {
          tags: ['Dados abertos'],
          summary: 'Todas as manifestações, sem dados pessoais (JSON)',
          parameters: [{ name: 'ano', in: 'query', schema: { type: 'integer' } }],
          responses: { 200: { description: 'Arquivo JSON', content: json({ type: 'array', items: openDataRow }) } },
        },
      },
      '/transparencia/dados-abertos/manifestacoes.csv': {
        get: { tags: ['Dados abertos'], summary: 'As mesmas linhas em CSV', parameters: [{ name: 'ano', in: 'query', schema: { type: 'integer' } }], responses: { 200: { description: 'Arquivo CSV', content: { 'text/csv': { schema: { type: 'string' } } } } } },
      },
      '/api/health/live': { get: { tags: ['Saúde'], summary: 'O processo responde', responses: { 200: { description: 'ok', content: json({ type: 'object', properties: { status: { const: 'ok' } } }) } } } },
      '/api/health/ready': {
        get: {
          tags: ['Saúde'],
          summary: 'Banco, migrações e entrega de notificações funcionando',
          responses: {
            200: { description: 'Pronto', content: json({ type: 'object', properties: { status: { type: 'string' } } }) },
            503: { description: 'Indisponível', content: json({ type: 'object', properties: { status: { type: 'string' } } }) },
          },
        },
      },
    },
    components: {
      schemas: {
        Open311Errors: { type: 'array', items: { type: 'object', required: ['code', 'description'], properties: { code: { type: 'integer' }, description: { type: 'string' } } } },
        Discovery: {
          type: 'object',
          properties: {
            changeset: { type: 'string' },
            contact: { type: 'string' },
            key_service: { type: 'string' },
            endpoints: {
              type: 'array',
              items: { type: 'object', properties: { specification: { type: 'string' }, url: { type: 'string' }, changeset: { type: 'string' }, type: { type: 'string' }, formats: { type: 'array', items: { type: 'string' } } } },
            },
          },
        },
        Service: {
          type: 'object',
          properties: {
            service_code: { type: 'string' },
            service_name: { type: 'string' },
            description: { type: 'string' },
            metadata: { type: 'boolean' },
            type: { type: 'string', enum: ['realtime', 'batch', 'blackbox'] },
            keywords: { type: 'string' },
            group: { type: 'string', description: 'A secretaria responsável.' },
          },
        },
        ServiceDefinition: {
          type: 'object',
          properties: {
            service_code: { type: 'string' },
            attributes: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  variable: { type: 'boolean' },
                  code: { type: 'string' },
                  datatype: { type: 'string', enum: ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] },
                  required: { type: 'boolean' },
                  datatype_description: { type: 'string' },
                  order: { type: 'integer' },
                  description: { type: 'string' },
                  values: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, name: { type: 'string' } } } },
                },
              },
            },
          },
        },
        ServiceRequest: {
          type: 'object',
          properties: {
            service_request_id: { type: 'string', description: 'O protocolo.' },
            status: { type: 'string', enum: ['open', 'closed'] },
            status_notes: { type: 'string', description: 'A situação no sistema (Recebida, Encaminhada, Respondida…).' },
            service_name: { type: 'string' },
            service_code: { type: 'string' },
            description: { type: 'null', description: 'Sempre vazio: o texto do cidadão não é publicado.' },
            agency_responsible: { type: 'string' },
            service_notice: { type: 'string' },
            requested_datetime: { type: 'string', format: 'date-time' },
            updated_datetime: { type: 'string', format: 'date-time' },
            expected_datetime: { type: 'string', format: 'date-time', description: 'Fim do prazo.' },
            address: { type: 'null' },
            address_id: { type: 'null' },
            zipcode: { type: 'null' },
            lat: { type: ['number', 'null'] },
            long: { type: ['number', 'null'] },
            media_url: { type: 'null' },
          },
        },
        PostedRequest: { type: 'object', properties: { service_request_id: { type: 'string' }, service_notice: { type: 'string' }, account_id: { type: 'null' } } },
        Suggestion: {
          type: 'object',
          properties: {
            id: { type: 'string', format: 'uuid' },
            protocol: { type: 'string' },
            state: { type: 'string' },
            filedOn: { type: 'string' },
            neighbourhood: { type: ['string', 'null'] },
            where: { type: 'string' },
            followers: { type: 'integer' },
          },
        },
      },
    },
  };
}

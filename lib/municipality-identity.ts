/**
 * Who the site speaks for: name, emblem, colours and the Ouvidoria's and the Balcão's contacts. Part of
 * the municipality's configuration (lib/municipality.ts spreads it in), kept apart and small because the
 * error pages — client components present on every page — ship it to the browser: the rest of the
 * configuration (catalogue, bairros, maps, privacy notice) stays on the server.
 */

export type Contact = { phones: string[]; tollFree?: string; whatsapp?: string; email: string; address: string; hours: string };

export type MunicipalityIdentity = {
  name: string;
  state: string;
  prefeitura: string;
  siteName: string;
  /** Path under public/ of the emblem shown in the header. */
  emblemPath: string;
  colors: { primary: string; primaryDark: string; accent: string };
  ouvidoria: Contact;
  balcao: Contact;
};

export const prefeituraAddress = 'Praça Professor Pedro Torres, 100, Centro, Botucatu/SP, CEP 18600-900';

export const municipalityIdentity: MunicipalityIdentity = {
  name: 'Botucatu',
  state: 'SP',
  prefeitura: 'Prefeitura Municipal de Botucatu',
  siteName: 'Ouvidoria Digital de Botucatu',
  emblemPath: '/emblem.svg',
  colors: { primary: '#0b4f8a', primaryDark: '#083a66', accent: '#b45309' },
  ouvidoria: {
    tollFree: '0800-773-3090',
    phones: ['(14) 3811-1547', '(14) 3811-1484'],
    email: 'ouvidoria@botucatu.sp.gov.br',
    address: prefeituraAddress,
    hours: 'Segunda a sexta, das 8h às 16h30',
  },
  balcao: {
    phones: ['(14) 3811-1400'],
    email: 'balcao@botucatu.sp.gov.br',
    address: prefeituraAddress,
    hours: 'Segunda a sexta, das 8h às 16h30',
  },
};

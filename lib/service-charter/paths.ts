/** Where the Carta de Serviços lives on the site; pages, open data and the PDF point to these. */
export const CHARTER_PATH = '/carta-de-servicos';
export const charterEntryPath = (slug: string) => `${CHARTER_PATH}/${slug}`;
export const COMPLAINT_PATH = '/ouvidoria/nova?tipo=reclamacao';
export const CHARTER_DOWNLOADS = {
  pdf: `${CHARTER_PATH}/carta-de-servicos.pdf`,
  json: `${CHARTER_PATH}/dados.json`,
  csv: `${CHARTER_PATH}/dados.csv`,
} as const;

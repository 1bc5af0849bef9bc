/**
 * Which pages the service worker keeps for offline reading (lib/offline/sw.ts). An allow-list: a page
 * added later is not kept until someone decides it may be. No imports: bundled into the worker.
 */

export const PUBLIC_PAGES_CACHE = 'paginas-publicas';
/** The citizen's own pages: deleted at sign-out. */
export const PERSONAL_PAGES_CACHE = 'paginas-do-cidadao';
export const STATIC_CACHE = 'arquivos-estaticos';

const PUBLIC_PAGES = [/^\/$/, /^\/ouvidoria(\/nova)?$/, /^\/balcao(\/[a-z0-9-]+)?$/, /^\/carta-de-servicos(\/[a-z0-9-]+)?$/, /^\/acompanhar$/, /^\/privacidade$/];

/** "Minhas manifestações", one of the citizen's demands, and a status page opened from an e-mailed link. */
const PERSONAL_PAGES = [/^\/minhas-manifestacoes(\/[0-9A-Za-z-]+)?$/, /^\/situacao\/[A-Za-z0-9_.-]+$/];

export const isPublicPage = (pathname: string) => PUBLIC_PAGES.some((pattern) => pattern.test(pathname));
export const isPersonalPage = (pathname: string) => PERSONAL_PAGES.some((pattern) => pattern.test(pathname));

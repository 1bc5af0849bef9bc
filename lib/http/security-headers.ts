/**
 * The security headers of every response. Those that never vary are set for every path in next.config.ts
 * (STATIC_SECURITY_HEADERS); proxy.ts adds, per request, the Content-Security-Policy with a fresh nonce
 * (which Next reads from the request's copy of the header and puts on its own scripts), HSTS when the
 * site is served over https, and the stricter Referrer-Policy of pages whose address holds a credential.
 * No imports: next.config.ts loads this file outside the app's bundles.
 */

/**
 * Pages whose address is a credential (`/situacao/<token>`): no Referer to any other site. Not
 * "no-referrer": under it browsers post the page's forms with `Origin: null`, which Next's server-action
 * check refuses behind a proxy; this site already has the address it served.
 */
export function referrerPolicyFor(pathname: string): string {
  return pathname.startsWith('/situacao/') ? 'same-origin' : 'strict-origin-when-cross-origin';
}

export const STATIC_SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // frame-ancestors 'none' in the CSP says the same to current browsers; this header to older ones.
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  // Geolocation stays available to the site itself: a Balcão request's map will ask for the position.
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(self), payment=(), usb=()' },
];

export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Scripts: only those carrying this response's nonce, and what they load ('strict-dynamic'), so an
 * injected <script> or inline handler never runs. Styles: the app's stylesheets and Next's nonce'd
 * <style>; `style` attributes are allowed (style-src-attr) because React renders `style={…}` props as
 * attributes (the brand colours on <html>, the bar widths of the statistics) and the dev mailbox shows
 * e-mails whose styles are all inline — an attribute can restyle an element but not run anything.
 * In development React needs eval (error overlays) and Next's overlay injects unsigned styles.
 */
/** gov.br's VLibras widget (lib/accessibility/vlibras.ts); here because this file imports nothing. */
export const VLIBRAS_ORIGIN = 'https://vlibras.gov.br';

export function contentSecurityPolicy(input: {
  nonce: string;
  development: boolean;
  https: boolean;
  map?: { img: string[]; connect: string[] };
  /** Origins a form post may be redirected to: "Entrar com gov.br" without JavaScript is a post answered by a redirect to gov.br. */
  formTargets?: string[];
  vlibras?: boolean;
}): string {
  const { nonce, development } = input;
  // gov.br's VLibras (lib/accessibility/vlibras.ts): its script, styles, images and its player (WebAssembly in a worker).
  const libras = input.vlibras ? ` ${VLIBRAS_ORIGIN}` : '';
  // Maps load tiles from the tile server and look addresses up at the geocoder (lib/map-config.ts).
  const mapImg = input.map?.img.map((source) => ` ${source}`).join('') ?? '';
  const mapConnect = input.map?.connect.map((source) => ` ${source}`).join('') ?? '';
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${libras}${input.vlibras ? " 'wasm-unsafe-eval'" : ''}${development ? " 'unsafe-eval'" : ''}`,
    development ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'${libras}`,
    "style-src-attr 'unsafe-inline'",
    `img-src 'self' data: blob:${mapImg}${libras}`,
    `font-src 'self'${libras}`,
    `connect-src 'self'${mapConnect}${libras}${development ? ' ws: wss:' : ''}`,
    // The service worker (public/sw.js): under 'strict-dynamic' script-src ignores 'self', so it is named here;
    // VLibras also starts workers from blob: URLs while it is on.
    `worker-src 'self'${input.vlibras ? ' blob:' : ''}`,
    // The install manifest (app/manifest.ts); default-src says the same, this says it on purpose.
    "manifest-src 'self'",
    ...(input.vlibras ? [`media-src 'self'${libras}`] : []),
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${input.formTargets?.map((origin) => ` ${origin}`).join('') ?? ''}`,
    "frame-ancestors 'none'",
    ...(input.https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

import { isIP } from 'node:net';
import { appUrl } from '@/lib/delivery/config';

/**
 * Who the passkeys belong to (the WebAuthn "relying party"): the site's public origin, from APP_URL (the
 * same address every e-mailed link uses), never from a request's Host header, which a client chooses.
 * The RP ID is APP_URL's host name, or PASSKEY_RP_ID when passkeys should also work on sibling hosts of
 * one registrable domain (it must then be a suffix of APP_URL's host).
 */
export type RelyingParty = { id: string; origin: string };

export type RelyingPartyProblem = { variable: 'APP_URL' | 'PASSKEY_RP_ID'; problem: string };

const LOOPBACK = /^(localhost|.+\.localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/** A browser treats these as secure even over http (and so allows WebAuthn on them). */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname.toLowerCase());
}

/** What stops passkeys from working with this configuration; empty when they can be offered. */
export function relyingPartyProblems(env: Record<string, string | undefined> = process.env, base?: string): RelyingPartyProblem[] {
  let url: URL;
  try {
    url = new URL(base ?? appUrlFrom(env));
  } catch {
    return [{ variable: 'APP_URL', problem: 'não é um endereço completo: as passkeys precisam do endereço público do site.' }];
  }
  const host = url.hostname.toLowerCase();
  const problems: RelyingPartyProblem[] = [];
  if (url.protocol !== 'https:' && !isLoopbackHost(host)) {
    problems.push({ variable: 'APP_URL', problem: `"${url.origin}" não usa https: sessões e passkeys só são seguras (e o navegador só aceita passkeys) em https.` });
  }
  if (isIP(host.replace(/^\[|\]$/g, '')) && host !== '127.0.0.1' && host !== '[::1]') {
    problems.push({ variable: 'APP_URL', problem: `"${host}" é um endereço IP: passkeys exigem um nome de domínio.` });
  }
  const configured = env.PASSKEY_RP_ID?.trim().toLowerCase();
  if (configured && configured !== host && !host.endsWith(`.${configured}`)) {
    problems.push({ variable: 'PASSKEY_RP_ID', problem: `"${configured}" precisa ser o domínio de APP_URL (${host}) ou um domínio acima dele (ex.: para ouvidoria.prefeitura.gov.br, prefeitura.gov.br).` });
  }
  return problems;
}

/**
 * The relying party, or null when this configuration cannot offer passkeys (an http address other than
 * the developer's own machine, an IP address): the pages then offer the authenticator app alone.
 */
export function relyingParty(env: Record<string, string | undefined> = process.env): RelyingParty | null {
  const base = appUrlFrom(env);
  if (relyingPartyProblems(env, base).length > 0) return null;
  const url = new URL(base);
  const host = url.hostname.toLowerCase();
  // 127.0.0.1 is a secure context but not a valid RP ID; browsers accept "localhost" only by name.
  if (isIP(host.replace(/^\[|\]$/g, ''))) return null;
  return { id: env.PASSKEY_RP_ID?.trim().toLowerCase() || host, origin: url.origin };
}

function appUrlFrom(env: Record<string, string | undefined>): string {
  if (env === process.env) return appUrl();
  const configured = env.APP_URL?.trim() || env.AUTH_URL?.trim();
  return (configured || `http://localhost:${env.PORT ?? 3000}`).replace(/\/+$/, '');
}

/**
 * The WhatsApp Cloud API settings. Without WHATSAPP_ACCESS_TOKEN nothing leaves the machine: outbound
 * messages are kept for /dev/whatsapp. The webhook secrets have development defaults so the simulator
 * can sign its payloads with `npm run dev` alone; in production they must be set.
 */

/** Pinned: a new Graph version can change payloads, so upgrading is a deliberate change. */
export const DEFAULT_GRAPH_API_URL = 'https://graph.facebook.com/v23.0';
export const DEFAULT_STATUS_TEMPLATE = 'atualizacao_manifestacao';
export const TEMPLATE_LANGUAGE = 'pt_BR';
const DEV_APP_SECRET = 'dev-whatsapp-app-secret';
const DEV_VERIFY_TOKEN = 'dev-whatsapp-verify-token';

export type WhatsappApiConfig = {
  apiUrl: string;
  accessToken: string | undefined;
  phoneNumberId: string | undefined;
  statusTemplate: string;
};

export function whatsappApiConfig(): WhatsappApiConfig {
  return {
    apiUrl: (process.env.WHATSAPP_API_URL || DEFAULT_GRAPH_API_URL).replace(/\/+$/, ''),
    accessToken: process.env.WHATSAPP_ACCESS_TOKEN || undefined,
    phoneNumberId: process.env.WHATSAPP_PHONE_NUMBER_ID || undefined,
    statusTemplate: process.env.WHATSAPP_TEMPLATE_STATUS || DEFAULT_STATUS_TEMPLATE,
  };
}

/** No token: the simulator stands in for Meta (development and tests). */
export function isSimulated(): boolean {
  return !process.env.WHATSAPP_ACCESS_TOKEN;
}

function isProduction(): boolean {
  return process.env.NODE_ENV === 'production';
}

/** The app secret that signs webhooks; null in production when unset (every POST is then refused). */
export function webhookAppSecret(): string | null {
  return process.env.WHATSAPP_APP_SECRET || (isProduction() ? null : DEV_APP_SECRET);
}

export function webhookVerifyToken(): string | null {
  return process.env.WHATSAPP_VERIFY_TOKEN || (isProduction() ? null : DEV_VERIFY_TOKEN);
}

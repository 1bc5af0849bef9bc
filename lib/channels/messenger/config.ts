import type { MessengerPlatform } from '@/lib/domain/vocabulary';
import { DEFAULT_GRAPH_API_URL } from '../whatsapp/config';

/**
 * Settings for Messenger (a Facebook Page) and Instagram Direct (an Instagram professional account),
 * following WhatsApp's pattern with one prefix each: MESSENGER_* and INSTAGRAM_*. Without an access token
 * nothing leaves the machine: replies are kept for /dev/messenger. The webhook secrets have development
 * defaults so the simulator can sign its payloads with `npm run dev` alone; in production they must be set.
 */

export type MessengerConfig = {
  platform: MessengerPlatform;
  apiUrl: string;
  accessToken: string | undefined;
  /** The Page id (Messenger) or Instagram account id: entries for any other are ignored. */
  accountId: string | undefined;
  /** HUMAN_AGENT is granted to an app by Meta's review: only then may staff answers go out after 24 h. */
  humanAgentTag: boolean;
};

const PREFIX: Record<MessengerPlatform, string> = { messenger: 'MESSENGER', instagram: 'INSTAGRAM' };

function env(platform: MessengerPlatform, name: string): string | undefined {
  return process.env[`${PREFIX[platform]}_${name}`] || undefined;
}

export function messengerConfig(platform: MessengerPlatform): MessengerConfig {
  return {
    platform,
    apiUrl: (env(platform, 'API_URL') ?? DEFAULT_GRAPH_API_URL).replace(/\/+$/, ''),
    accessToken: env(platform, 'ACCESS_TOKEN'),
    accountId: env(platform, 'ACCOUNT_ID'),
    humanAgentTag: env(platform, 'HUMAN_AGENT_TAG') === 'true',
  };
}

/** No token: the simulator stands in for Meta (development and tests). */
export function isMessengerSimulated(platform: MessengerPlatform): boolean {
  return !env(platform, 'ACCESS_TOKEN');
}

function isProduction(): boolean {
  return process.env.NODE_ENV === 'production';
}

/** The app secret that signs webhooks; null in production when unset (every POST is then refused). */
export function messengerAppSecret(platform: MessengerPlatform): string | null {
  return env(platform, 'APP_SECRET') ?? (isProduction() ? null : `dev-${platform}-app-secret`);
}

export function messengerVerifyToken(platform: MessengerPlatform): string | null {
  return env(platform, 'VERIFY_TOKEN') ?? (isProduction() ? null : `dev-${platform}-verify-token`);
}

/** The variables a working channel needs together: set one, set them all. */
export const MESSENGER_REQUIRED = ['ACCESS_TOKEN', 'APP_SECRET', 'VERIFY_TOKEN', 'ACCOUNT_ID'] as const;

export function messengerVariable(platform: MessengerPlatform, name: (typeof MESSENGER_REQUIRED)[number]): string {
  return `${PREFIX[platform]}_${name}`;
}

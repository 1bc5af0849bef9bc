/** The Web Push (VAPID) keys of this deployment; no imports, so pages can read the public key cheaply. */

export type VapidConfig = { subject: string; publicKey: string; privateKey: string };

/** VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT (mailto: or https:); none set: push is off. */
export function vapidConfig(env: NodeJS.ProcessEnv = process.env): VapidConfig | null {
  const publicKey = env.VAPID_PUBLIC_KEY?.trim();
  const privateKey = env.VAPID_PRIVATE_KEY?.trim();
  const subject = env.VAPID_SUBJECT?.trim();
  if (!publicKey && !privateKey && !subject) return null;
  if (!publicKey || !privateKey || !subject || !/^(mailto:|https:)/.test(subject)) {
    throw new Error('Web Push needs VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT (mailto:… or https://…) together; generate keys with `npm run push:keys`.');
  }
  return { subject, publicKey, privateKey };
}

/** The key browsers subscribe with, or null when push is off (the status page then offers no button). */
export function vapidPublicKey(): string | null {
  return vapidConfig()?.publicKey ?? null;
}

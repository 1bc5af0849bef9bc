import { normalizeMobilePhone } from '@/lib/domain/phone';

/**
 * WhatsApp identifies a user by `wa_id` (the phone's digits) and/or a business-scoped user id. Brazilian
 * accounts created before the ninth digit often keep a 12-digit `wa_id` (55 + DDD + 8 digits): the E.164
 * mobile number a citizen types on a form has the 9 in it, so it is put back before comparing.
 */
export function phoneFromWaId(waId: string | null | undefined): string | null {
  if (!waId) return null;
  const digits = waId.replace(/\D/g, '');
  if (!digits.startsWith('55')) return null;
  const local = digits.slice(2);
  if (local.length === 10 && /^[6-9]/.test(local.slice(2))) return normalizeMobilePhone(`${local.slice(0, 2)}9${local.slice(2)}`);
  return normalizeMobilePhone(local);
}

/** `+5514991234567` → `5514991234567`, the form the Cloud API takes in `to`. */
export function waIdFromPhone(e164: string): string {
  return e164.replace(/\D/g, '');
}

/** Business-scoped user ids look like `BR.1234567890` (country, dot, opaque id); phones are digits. */
export function isBusinessScopedUserId(value: string): boolean {
  return /^[A-Z]{2}\.[A-Za-z0-9.]+$/.test(value);
}

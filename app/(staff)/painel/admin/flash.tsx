import { FormAlert } from '@/components/forms/form-alert';

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * After a successful form the action redirects back with `?ok=code`; this shows the confirmation for that
 * code. Only known codes: the page never echoes text from its address, which anyone could write.
 */
export function Flash({ params, messages }: { params: SearchParams; messages: Record<string, string> }) {
  const ok = typeof params.ok === 'string' && Object.hasOwn(messages, params.ok) ? messages[params.ok] : undefined;
  return ok ? <FormAlert tone="success" title={ok} /> : null;
}

import { FormAlert } from '@/components/forms/form-alert';

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * After a plain form post the action redirects back with `?ok=code` or `?erro=text`; this turns it into
 * the confirmation or the refusal the admin reads at the top of the page.
 */
export function Flash({ params, messages }: { params: SearchParams; messages: Record<string, string> }) {
  const ok = typeof params.ok === 'string' ? messages[params.ok] : undefined;
  const error = typeof params.erro === 'string' ? params.erro.slice(0, 300) : undefined;
  if (error) return <FormAlert tone="error" title={error} />;
  if (ok) return <FormAlert tone="success" title={ok} />;
  return null;
}

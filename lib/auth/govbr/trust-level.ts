import 'server-only';
import { trustLevelFromNiveis, type GovbrTrustLevel } from '@/lib/domain/govbr';
import { componentLog, errorKind } from '@/lib/log';

/**
 * The account's gov.br level, read with the sign-in's access token. A failure is no level (never a
 * refused sign-in for a citizen): only a staff role that requires a level is then refused.
 */
export async function fetchTrustLevel(input: { trustLevelsUrl: string; cpf: string; accessToken: string }): Promise<GovbrTrustLevel | null> {
  const url = input.trustLevelsUrl.replaceAll('{cpf}', encodeURIComponent(input.cpf));
  try {
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${input.accessToken}`, accept: 'application/json' },
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) {
      componentLog('govbr').warn({ status: response.status }, 'gov.br trust levels refused');
      return null;
    }
    return trustLevelFromNiveis(await response.json());
  } catch (error) {
    componentLog('govbr').warn(errorKind(error), 'gov.br trust levels unavailable');
    return null;
  }
}

import { MESSENGER_REQUIRED, messengerVariable } from '@/lib/channels/messenger/config';
import { MESSENGER_PLATFORMS } from '@/lib/domain/vocabulary';

/**
 * What `next start` (NODE_ENV=production) must be given before it serves anyone. Without these a
 * production server used to come up anyway: sessions unsigned (sign-in answered 500 while intake took
 * demands), status links signed with the session key, every e-mailed link pointing at localhost, and
 * e-mail silently kept in a table nobody reads. Pure: reads the environment it is given.
 */

import { emailIntakeConfig, imapConfig, ImapConfigError } from '@/lib/channels/email/config';
import { govbrConfigProblems } from '@/lib/auth/govbr/config';
import { relyingPartyProblems } from '@/lib/auth/passkeys/relying-party';

export type ConfigProblem = { variable: string; problem: string };

function isAbsoluteHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export function productionConfigProblems(env: NodeJS.ProcessEnv): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const set = (name: string) => Boolean(env[name]?.trim());

  if (!set('AUTH_SECRET')) {
    problems.push({ variable: 'AUTH_SECRET', problem: 'falta o segredo que assina as sessões (gere com `openssl rand -base64 32`).' });
  }
  if (!set('APP_URL')) {
    problems.push({ variable: 'APP_URL', problem: 'falta o endereço público do site (ex.: https://ouvidoria.prefeitura.sp.gov.br), base de todo link enviado por e-mail e WhatsApp.' });
  } else if (!isAbsoluteHttpUrl(env.APP_URL?.trim() ?? '')) {
    problems.push({ variable: 'APP_URL', problem: `"${env.APP_URL}" não é um endereço http(s) completo (ex.: https://ouvidoria.prefeitura.sp.gov.br).` });
  }
  if (!set('STATUS_LINK_SECRET')) {
    problems.push({ variable: 'STATUS_LINK_SECRET', problem: 'falta o segredo próprio que assina os links de acompanhamento enviados aos cidadãos (gere com `openssl rand -base64 32`).' });
  } else if (env.STATUS_LINK_SECRET === env.AUTH_SECRET) {
    problems.push({ variable: 'STATUS_LINK_SECRET', problem: 'precisa ser diferente de AUTH_SECRET: cada segredo assina uma coisa, e trocar um não pode invalidar o outro.' });
  }
  // Only when APP_URL itself is usable (its absence is reported above): http on a public host, an IP
  // address, or a PASSKEY_RP_ID that is not APP_URL's domain would leave sessions or passkeys unsafe.
  if (set('APP_URL') && isAbsoluteHttpUrl(env.APP_URL?.trim() ?? '')) problems.push(...relyingPartyProblems(env, env.APP_URL?.trim()));
  const twoFactorKey = env.TWO_FACTOR_ENCRYPTION_KEY?.trim();
  if (twoFactorKey && twoFactorKey.length < 32) {
    problems.push({ variable: 'TWO_FACTOR_ENCRYPTION_KEY', problem: 'é curta demais: use ao menos 32 caracteres aleatórios (gere com `openssl rand -base64 32`).' });
  } else if (twoFactorKey && twoFactorKey === env.AUTH_SECRET?.trim()) {
    problems.push({ variable: 'TWO_FACTOR_ENCRYPTION_KEY', problem: 'precisa ser diferente de AUTH_SECRET (ou ficar vazia, para derivar a chave de AUTH_SECRET).' });
  }
  if (!set('RESEND_API_KEY') && env.EMAIL_DELIVERY !== 'off') {
    problems.push({
      variable: 'RESEND_API_KEY',
      problem: 'falta a chave do Resend para enviar e-mails; para rodar sem enviar e-mail algum, defina EMAIL_DELIVERY=off de propósito.',
    });
  }
  try {
    if (imapConfig(env)) emailIntakeConfig(env);
  } catch (error) {
    if (!(error instanceof ImapConfigError)) throw error;
    problems.push({ variable: error.variable, problem: `a leitura da caixa de e-mail não pode começar: ${error.message}.` });
  }
  const proxies = env.TRUSTED_PROXY_COUNT?.trim();
  if (proxies && !/^\d{1,2}$/.test(proxies)) {
    problems.push({
      variable: 'TRUSTED_PROXY_COUNT',
      problem: `"${proxies}" não é um número: informe quantos proxies reversos ficam na frente do app (0, 1, 2…); todo limite por endereço depende dele.`,
    });
  }
  problems.push(...halfConfiguredChats(env));
  problems.push(...govbrConfigProblems(env));
  // Not a refusal: METRICS_TOKEN is optional. Without it /api/metrics is off for scrapers (404) and open
  // only to a signed-in admin; with it, Prometheus scrapes with `Authorization: Bearer <METRICS_TOKEN>`.
  return problems;
}

/**
 * Messenger and Instagram are optional, but one half-set is a channel that takes messages it cannot answer
 * (no token) or that refuses every webhook (no app secret): set all of a platform's variables, or none.
 */
function halfConfiguredChats(env: NodeJS.ProcessEnv): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const platform of MESSENGER_PLATFORMS) {
    const names = MESSENGER_REQUIRED.map((name) => messengerVariable(platform, name));
    const missing = names.filter((name) => !env[name]?.trim());
    if (missing.length === 0 || missing.length === names.length) continue;
    const label = platform === 'messenger' ? 'Messenger' : 'Instagram';
    for (const variable of missing) {
      problems.push({ variable, problem: `o ${label} está configurado pela metade: defina também ${variable} (ou retire todas as variáveis ${names.join(', ')}).` });
    }
  }
  return problems;
}

export function describeConfigProblems(problems: readonly ConfigProblem[], refused = 'O servidor não foi iniciado'): string {
  return [
    `${refused}: a configuração de produção está incompleta (NODE_ENV=production).`,
    ...problems.map(({ variable, problem }) => `  - ${variable}: ${problem}`),
    'Veja "Running in production" no README.',
  ].join('\n');
}

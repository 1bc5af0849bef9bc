import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import Provider from 'oidc-provider';

/**
 * A real OpenID provider (the `oidc-provider` package) standing in for gov.br's Login Único, on a free
 * local port: gov.br's scopes and claims (`sub` is the CPF; `name`, `email`, `email_verified`, `picture`),
 * PKCE required, client_secret_basic, and the levels API at `/confiabilidades/v3/contas/{cpf}/niveis`
 * (answering, like gov.br, an array of `{ id, dataAtualizacao }`, 1 bronze, 2 prata, 3 ouro, only to an
 * access token issued for that CPF). Its login screen signs in at once as the person `signInAs` chose,
 * or asks for the CPF (a browser test types it); `POST /__test/people` registers a person from another
 * process (the browser tests' provider runs in their global setup).
 *
 * For the refusals: `codeTtlSeconds` makes codes expire; `forgeIdToken` re-signs (with the provider's own
 * key) the ID token the token endpoint returns, e.g. for another client's audience or another issuer.
 */
export type GovbrPerson = { name: string; email?: string; emailVerified?: boolean; level: 'bronze' | 'prata' | 'ouro' };

export type LocalGovbr = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  people: Map<string, GovbrPerson>;
  signInAs(cpf: string): void;
  settings: { codeTtlSeconds: number; forgeIdToken: ((claims: Record<string, unknown>) => Record<string, unknown>) | null };
  /** The environment the app reads (GOVBR_CLIENT_ID, GOVBR_CLIENT_SECRET, GOVBR_ISSUER, GOVBR_TRUST_LEVELS_URL). */
  env: Record<string, string>;
  stop(): Promise<void>;
};

const NIVEL_IDS = { bronze: '1', prata: '2', ouro: '3' } as const;

export async function startLocalGovbr(options: { redirectUris: string[]; port?: number }): Promise<LocalGovbr> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://localhost:${port}`;
  const clientId = 'ouvidoria-municipal-teste';
  const clientSecret = 'segredo-do-cliente-de-teste-com-32-caracteres';
  const people = new Map<string, GovbrPerson>();
  const settings: LocalGovbr['settings'] = { codeTtlSeconds: 60, forgeIdToken: null };
  let nextCpf: string | null = null;

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey: JWK = { ...(await exportJWK(privateKey)), kid: 'govbr-teste', alg: 'RS256', use: 'sig' };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: ['chave-dos-cookies-do-provedor-de-teste'] },
    scopes: ['openid', 'email', 'profile', 'govbr_confiabilidades'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'picture'], govbr_confiabilidades: [] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    ttl: { AuthorizationCode: () => settings.codeTtlSeconds, AccessToken: 3600, IdToken: 3600, Grant: 3600, Interaction: 600, Session: 3600 },
    async findAccount(_ctx, sub) {
      const person = people.get(sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        async claims() {
          return {
            sub,
            name: person.name,
            ...(person.email ? { email: person.email, email_verified: person.emailVerified ?? true } : {}),
            picture: `${issuer}/fotos/${sub}.jpg`,
          };
        },
      };
    },
  });

  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path !== '/token' || !settings.forgeIdToken || typeof body?.id_token !== 'string') return;
    const claims = settings.forgeIdToken(decodeJwt(body.id_token) as Record<string, unknown>);
    const key = await importJWK(signingKey, 'RS256');
    ctx.body = { ...body, id_token: await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: signingKey.kid }).sign(key) };
  });

  const oidc = provider.callback();
  server.on('request', async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', issuer);
    try {
      if (url.pathname === '/__test/people' && req.method === 'POST') {
        const { cpf, ...person } = JSON.parse(await bodyOf(req)) as GovbrPerson & { cpf: string };
        people.set(cpf, person);
        res.writeHead(204).end();
        return;
      }
      if (url.pathname.startsWith('/interaction/')) return await finishLogin(req, res);
      const levels = /^\/confiabilidades\/v3\/contas\/(\d{11})\/niveis$/.exec(url.pathname);
      if (levels) return await answerLevels(levels[1] ?? '', req, res);
      return oidc(req, res);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  });

  async function finishLogin(req: http.IncomingMessage, res: http.ServerResponse) {
    const details = await provider.interactionDetails(req, res);
    const typed = req.method === 'POST' ? new URLSearchParams(await bodyOf(req)).get('cpf')?.replace(/\D/g, '') : undefined;
    const accountId = typed ?? nextCpf;
    if (!accountId || !people.has(accountId)) {
      // gov.br's own screen asks for the CPF; so does this one (a browser test types it).
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="pt-BR"><head><title>gov.br de teste</title></head>
<body><main><h1>Identifique-se no gov.br (provedor de teste)</h1>
<form method="post" action="/interaction/${details.uid}"><label for="cpf">CPF</label> <input id="cpf" name="cpf" inputmode="numeric" autocomplete="off">
<button type="submit">Continuar</button></form></main></body></html>`);
      return;
    }
    const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
  }

  function bodyOf(req: http.IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => resolve(body));
      req.on('error', reject);
    });
  }

  async function answerLevels(cpf: string, req: http.IncomingMessage, res: http.ServerResponse) {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ? await provider.AccessToken.find(bearer) : undefined;
    const person = people.get(cpf);
    if (!token || token.accountId !== cpf || !person) {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_token' }));
      return;
    }
    const ids = (['bronze', 'prata', 'ouro'] as const).slice(0, ['bronze', 'prata', 'ouro'].indexOf(person.level) + 1).map((level) => NIVEL_IDS[level]);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(ids.map((id) => ({ id, dataAtualizacao: '2026-01-15 10:00:00' }))));
  }

  return {
    issuer,
    clientId,
    clientSecret,
    people,
    settings,
    signInAs(cpf) {
      nextCpf = cpf;
    },
    env: {
      GOVBR_CLIENT_ID: clientId,
      GOVBR_CLIENT_SECRET: clientSecret,
      GOVBR_ISSUER: issuer,
      GOVBR_TRUST_LEVELS_URL: `${issuer}/confiabilidades/v3/contas/{cpf}/niveis?response-type=ids`,
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

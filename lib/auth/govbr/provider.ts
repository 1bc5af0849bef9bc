import type { OIDCConfig } from 'next-auth/providers';
import { GOVBR_PROVIDER_ID, GOVBR_SCOPES, type GovbrConfig } from './config';

/** The claims gov.br's userinfo answers for `openid email profile` (`sub` is the citizen's CPF). */
export type GovbrProfile = {
  sub: string;
  name?: string;
  email?: string;
  email_verified?: boolean;
  picture?: string;
};

/**
 * gov.br Login Único as an OpenID Connect provider: authorization code with PKCE, state and nonce;
 * the ID token's issuer, audience and nonce are checked by Auth.js (oauth4webapi), then the claims are
 * read from userinfo (`idToken: false`), where gov.br documents them.
 */
export function govbrProvider(config: GovbrConfig): OIDCConfig<GovbrProfile> {
  return {
    id: GOVBR_PROVIDER_ID,
    name: 'gov.br',
    type: 'oidc',
    issuer: config.issuer,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    checks: ['pkce', 'state', 'nonce'],
    idToken: false,
    authorization: { params: { scope: GOVBR_SCOPES } },
    client: { token_endpoint_auth_method: 'client_secret_basic' },
    profile(profile) {
      return { id: profile.sub, name: profile.name ?? '', email: profile.email ?? '', image: profile.picture ?? null };
    },
  };
}

import type { TestProject } from 'vitest/node';
import { startLocalGovbr } from '../support/govbr-provider';
import { startMapStandIn } from '../support/map-stand-in';
import { freePort, startApp, warmUp } from './harness';

const PAGES_UNDER_TEST = ['/', '/ouvidoria', '/ouvidoria/nova', '/balcao', '/balcao/tapa-buraco', '/acompanhar'];

/** One app for the whole browser run; test files read its address with `inject('e2eBaseUrl')`. */
export default async function setup(project: TestProject) {
  // Maps load tiles and addresses from a local stand-in, never from the network (the app inherits the env).
  const maps = await startMapStandIn(Number(process.env.E2E_MAP_STAND_IN_PORT) || 0);
  process.env.MAP_TILES_URL = maps.tilesUrl;
  process.env.GEOCODER_URL = maps.geocoderUrl;
  process.env.MAP_ATTRIBUTION = 'Mapa de teste';
  // gov.br sign-in goes to a local OpenID provider, which must know the app's callback before it starts.
  const port = Number(process.env.E2E_PORT) || (await freePort());
  const govbr = await startLocalGovbr({ redirectUris: [`http://localhost:${port}/api/auth/callback/govbr`] });
  Object.assign(process.env, govbr.env);
  // gov.br's VLibras loads from the network: off in browser tests (the CSP guard would see its requests blocked or not).
  process.env.VLIBRAS = 'off';
  let app;
  try {
    app = await startApp({ port });
    await warmUp(app.baseUrl, PAGES_UNDER_TEST);
  } catch (error) {
    await app?.stop();
    await maps.close();
    await govbr.stop();
    throw error;
  }
  project.provide('e2eBaseUrl', app.baseUrl);
  project.provide('e2eServerLog', app.logFile ?? '');
  project.provide('e2eGovbrIssuer', govbr.issuer);
  // Journeys written against E2E_BASE_URL use the same server instead of starting their own.
  process.env.E2E_BASE_URL = app.baseUrl;
  const running = app;
  return async () => {
    await running.stop();
    await maps.close();
    await govbr.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2eBaseUrl: string;
    /** The server log file of the app the global setup started; '' for an app given by E2E_BASE_URL. */
    e2eServerLog: string;
    /** The local gov.br provider's issuer (tests/support/govbr-provider.ts). */
    e2eGovbrIssuer: string;
  }
}

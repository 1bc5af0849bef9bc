import type { TestProject } from 'vitest/node';
import { startApp, warmUp } from './harness';

const PAGES_UNDER_TEST = ['/', '/ouvidoria', '/ouvidoria/nova', '/balcao', '/balcao/tapa-buraco', '/acompanhar'];

/** One app for the whole browser run; test files read its address with `inject('e2eBaseUrl')`. */
export default async function setup(project: TestProject) {
  const app = await startApp();
  try {
    await warmUp(app.baseUrl, PAGES_UNDER_TEST);
  } catch (error) {
    await app.stop();
    throw error;
  }
  project.provide('e2eBaseUrl', app.baseUrl);
  project.provide('e2eServerLog', app.logFile ?? '');
  // Journeys written against E2E_BASE_URL use the same server instead of starting their own.
  process.env.E2E_BASE_URL = app.baseUrl;
  return app.stop;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2eBaseUrl: string;
    /** The server log file of the app the global setup started; '' for an app given by E2E_BASE_URL. */
    e2eServerLog: string;
  }
}

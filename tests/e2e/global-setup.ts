import type { TestProject } from 'vitest/node';
import { startApp } from './harness';

/** One app for the whole browser run; test files read its address with `inject('e2eBaseUrl')`. */
export default async function setup(project: TestProject) {
  const app = await startApp();
  project.provide('e2eBaseUrl', app.baseUrl);
  return app.stop;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2eBaseUrl: string;
  }
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/**
 * Runs a stand-in for one of Meta's APIs for the test file, with the channel's variables pointed at it
 * (and a scratch DATA_DIR for attachments), restoring the environment afterwards.
 */
export function withFakeMetaApi<Api extends { close(): Promise<void> }>(fake: {
  name: string;
  start(): Promise<Api>;
  env(api: Api): Record<string, string>;
  /** Forgets what the previous test sent. */
  reset(api: Api): void;
}): () => Api {
  let api: Api | undefined;
  const saved = { ...process.env };
  let dataDir = '';
  beforeAll(async () => {
    api = await fake.start();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `ouvidoria-${fake.name}-`));
    Object.assign(process.env, { ...fake.env(api), APP_URL: 'https://ouvidoria.botucatu.sp.gov.br', DATA_DIR: dataDir });
  });
  beforeEach(() => {
    if (api) fake.reset(api);
  });
  afterAll(async () => {
    await api?.close();
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return () => {
    if (!api) throw new Error(`fake ${fake.name} API not started`);
    return api;
  };
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newContext, signIn } from './harness';

/**
 * What an operator's tooling sees of the running server (`next start`): the health probes, the request
 * id, the JSON log, the metrics for an admin, and the admin's Envios page at phone and desktop widths.
 */
const baseUrl = inject('e2eBaseUrl');
const serverLog = inject('e2eServerLog');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('health, logs, metrics and the Envios page', () => {
  it('answers the probes with bare bodies and gives each request an id', async () => {
    const live = await fetch(`${baseUrl}/api/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    expect(live.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(live.headers.get('content-security-policy')).toBeNull();

    // The in-process worker of the embedded database beats within seconds of the start.
    const ready = await fetch(`${baseUrl}/api/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok' });

    // Without METRICS_TOKEN the metrics are off for anyone but an admin.
    expect((await fetch(`${baseUrl}/api/metrics`)).status).toBe(404);
    // A client reaching the app directly (no trusted proxy) cannot choose its request id.
    const forged = await fetch(`${baseUrl}/api/health/live`, { headers: { 'x-request-id': 'forged-request-id-123' } });
    expect(forged.headers.get('x-request-id')).not.toBe('forged-request-id-123');
  });

  it('logs JSON lines', async () => {
    if (!serverLog) return;
    const jsonLines = fs
      .readFileSync(serverLog, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: string; component?: string });
    expect(jsonLines.some((line) => line.component === 'worker' && line.level === 'info')).toBe(true);
  });

  it('shows the admin the backlog per channel, the same figures as /api/metrics, at phone and desktop widths', async () => {
    const shots = fs.mkdtempSync(path.join(os.tmpdir(), 'envios-'));
    for (const viewport of [
      { name: 'phone', width: 390, height: 844 },
      { name: 'desktop', width: 1280, height: 900 },
    ]) {
      const context = await newContext(browser, baseUrl, { viewport });
      await signIn(context, baseUrl, 'admin@demo.example.org');
      const metrics = await context.request.get(`${baseUrl}/api/metrics`);
      expect(metrics.status()).toBe(200);
      const text = await metrics.text();
      const backlog = Number(/^ouvidoria_outbox_backlog\{channel="email"\} (\d+)$/m.exec(text)?.[1]);
      expect(Number.isFinite(backlog)).toBe(true);

      const page = await context.newPage();
      await page.goto('/painel/admin/envios');
      const table = page.getByRole('table', { name: /Mensagens na fila/ });
      await table.waitFor();
      expect(await table.getByRole('row', { name: /E-mail/ }).getByRole('cell').first().textContent()).toMatch(/^\d+$/);
      await expectNoAxeViolations(page, `Envios (${viewport.name})`);
      await page.screenshot({ path: path.join(shots, `envios-${viewport.name}.png`), fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0);
      await context.close();
    }
    console.info(`Envios screenshots in ${shots}`);
  });
});

import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { axeViolations, fileWorksComplaint, launchBrowser, staffPage, startWorkspaceApp, type WorkspaceApp } from './harness';

/**
 * The workspace's alert list: a new manifestação reaches every ombudsman's "Avisos", counted in the shell
 * header, and is marked read per person — with and without JavaScript.
 */

let app: WorkspaceApp;
let browser: Browser;
const SHOTS_DIR = process.env.SHOTS_DIR ?? '/tmp/shell13-shots';

beforeAll(async () => {
  app = await startWorkspaceApp();
  browser = await launchBrowser();
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const fileComplaint = fileWorksComplaint;

const pageAs = (email: string, options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {}): Promise<Page> => staffPage(browser, app.baseUrl, email, options);

describe('the alert list', () => {
  it('counts a new manifestação in the header, lists it, and marks it read for this person, with and without JavaScript', async () => {
    const first = await fileComplaint('Esgoto a céu aberto na rua das flores');
    const second = await fileComplaint('Mato alto no canteiro da avenida');

    const page = await pageAs('ouvidor@demo.example.org');
    await page.goto(`${app.baseUrl}/painel`);
    const headerCount = page.getByRole('link', { name: /^\d+\+? avisos? não lidos?$/ });
    await headerCount.waitFor();
    const unreadBefore = Number((await headerCount.textContent())?.match(/\d+/)?.[0]);
    expect(unreadBefore).toBeGreaterThanOrEqual(2);
    await headerCount.click();
    await page.getByRole('heading', { level: 1, name: 'Avisos' }).waitFor();
    const row = page.locator(`[data-alert="${first}"]`);
    await row.getByText('Nova na fila').waitFor();
    await row.getByText('Não lido').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS_DIR}/alerts-1366.png` });

    await row.getByRole('button', { name: `Marcar como lido o protocolo ${first}` }).click();
    await page.getByRole('status').filter({ hasText: 'Aviso marcado como lido.' }).waitFor();
    expect(await page.locator(`[data-alert="${first}"]`).getByText('Não lido').count()).toBe(0);
    await expect.poll(async () => Number((await page.getByRole('link', { name: /^\d+\+? avisos? não lidos?$/ }).textContent())?.match(/\d+/)?.[0])).toBe(unreadBefore - 1);
    // The protocol opens the demand.
    await page.locator(`[data-alert="${first}"]`).getByRole('link', { name: `Protocolo ${first}` }).click();
    await page.getByRole('heading', { level: 1, name: `Protocolo ${first}` }).waitFor();
    await page.context().close();

    // Another ombudsman still has both unread; without JavaScript, "mark all" clears them.
    const db = await getDb();
    await db.insert(users).values({ email: 'ouvidora.adjunta@demo.example.org', name: 'Odete Adjunta', role: 'ombudsman', passwordHash: await hashPassword('demo12345') });
    const noScript = await pageAs('ouvidora.adjunta@demo.example.org', { javaScriptEnabled: false, viewport: { width: 768, height: 1024 } });
    await noScript.goto(`${app.baseUrl}/painel/avisos`);
    await noScript.locator(`[data-alert="${first}"]`).getByText('Não lido').waitFor();
    await noScript.locator(`[data-alert="${second}"]`).getByText('Não lido').waitFor();
    await noScript.screenshot({ path: `${SHOTS_DIR}/alerts-768.png` });
    await noScript.getByRole('button', { name: 'Marcar todos como lidos' }).click();
    await noScript.getByRole('status').filter({ hasText: 'Todos os avisos foram marcados como lidos.' }).waitFor();
    expect(await noScript.getByText('Não lido', { exact: true }).count()).toBe(0);
    expect(await noScript.getByRole('link', { name: /^\d+\+? avisos? não lidos?$/ }).count()).toBe(0);
    await noScript.context().close();
  });
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pdfCarryingIdentity, PDF_IDENTITY } from '../support/files';
import { launchBrowser, newContext, signIn } from './harness';

/**
 * Attacker journey: a denunciante files a confidential denúncia with a PDF their word processor signed
 * with their name (and laced with scripts); the staff download it from the demand page. The file they
 * get has no name in it, no metadata, no scripts — and is still the same document.
 */
const baseUrl = inject('e2eBaseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Every stream decompressed, so that nothing hides in a compressed object. */
function expanded(pdf: Buffer): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ouvidoria-e2e-pdf-'));
  try {
    fs.writeFileSync(path.join(folder, 'in.pdf'), pdf);
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', path.join(folder, 'in.pdf'), path.join(folder, 'out.pdf')]);
    return fs.readFileSync(path.join(folder, 'out.pdf')).toString('latin1');
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

describe('a PDF attached to a confidential denúncia, downloaded by staff', () => {
  it('carries neither the author’s name nor metadata nor scripts, and keeps its text and form field', async () => {
    const citizen = await (await newContext(browser, baseUrl)).newPage();
    await citizen.goto('/ouvidoria/nova?tipo=denuncia');
    await citizen.getByLabel('Assunto').fill('Nota fiscal da obra superfaturada');
    await citizen.getByLabel('Descrição').fill('A nota fiscal anexa mostra um valor três vezes maior que o da tabela oficial para a mesma obra.');
    await citizen.getByLabel('Sigilosa', { exact: true }).check();
    await citizen.getByLabel('Nome completo').fill(PDF_IDENTITY.author);
    await citizen.getByLabel('E-mail').fill('joana.pdf@exemplo.org');
    await citizen.locator('input[type="file"][name="files"]').setInputFiles({ name: 'nota-fiscal.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdfCarryingIdentity()) });
    await citizen.getByRole('button', { name: 'Enviar manifestação' }).click();
    await citizen.getByRole('heading', { name: 'Manifestação registrada' }).waitFor();
    const protocol = (await citizen.getByTestId('protocolo').textContent())?.trim() ?? '';
    expect(protocol).toMatch(/^\d{4}-\d{6}-\d$/);
    await citizen.context().close();

    const staff = await newContext(browser, baseUrl);
    await signIn(staff, baseUrl, 'ouvidor@demo.example.org');
    const page = await staff.newPage();
    await page.goto(`/painel/demandas/${protocol}`);
    const link = page.getByRole('link', { name: /nota-fiscal\.pdf/ }).first();
    await link.waitFor();
    const href = (await link.getAttribute('href')) ?? '';
    const response = await staff.request.get(href);
    expect(response.status()).toBe(200);
    const downloaded = Buffer.from(await response.body());
    await staff.close();

    expect(downloaded.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = expanded(downloaded);
    for (const trace of [PDF_IDENTITY.author, PDF_IDENTITY.creator, PDF_IDENTITY.producer, PDF_IDENTITY.xmpCreator, PDF_IDENTITY.previousAuthor, ...PDF_IDENTITY.scripts]) {
      expect(downloaded.toString('latin1')).not.toContain(trace);
      expect(text).not.toContain(trace);
    }
    for (const key of ['/Author', '/Creator', '/Producer', '/Metadata', '/OpenAction', '/JavaScript', '/AA', '/Launch', '/EmbeddedFiles']) expect(text).not.toContain(key);
    expect(text).toContain(PDF_IDENTITY.visibleText);
    expect(text).toContain(`/T (${PDF_IDENTITY.fieldName})`);
  });
});

import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { citizenOn, eventually, simulatorSession } from './chat-simulator-harness';
import { expectNoAxeViolations, newContext } from './harness';

/**
 * The development WhatsApp page, in Chromium: a citizen's whole Balcão request played from the page —
 * typed numbers, tapped buttons and list rows, a photo, a shared location — with axe on the way.
 *
 * The page exists only in development. When the suite's app is a production build (`next start`, the
 * default), this file checks the page is absent there and plays the simulator on a `next dev` of its
 * own (fresh DATA_DIR; E2E_DEV_PORT to pin its port). With E2E_SERVER=dev it uses the suite's app.
 */

const session = simulatorSession('/dev/whatsapp');
const { thread, lastReply, submitted, say, tap } = citizenOn('Mensagens da conversa');

describe('the development WhatsApp page', () => {
  it('plays a citizen filing a Balcão request with a photo and a shared location', async () => {
    const context = await newContext(session.browser(), session.simulatorUrl);
    const page = await context.newPage();
    await page.goto('/dev/whatsapp');
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Simulador do WhatsApp');
    await expectNoAxeViolations(page);

    await submitted(page, async () => {
      await page.getByLabel('Nome no perfil').fill('Joana Cidadã');
      // A new number each run: a reused server still holds earlier conversations.
      await page.getByLabel('Celular (com DDD)').fill(`(14) 99${String(Date.now()).slice(-7)}`);
      await page.getByLabel('Primeira mensagem').fill('Oi');
      await page.getByRole('button', { name: 'Começar conversa' }).click();
    });
    await eventually(() => thread(page).textContent()).toContain('Olá, Joana!');
    await expectNoAxeViolations(page);

    await tap(page, /2\. Balcão da Cidadania/);
    await eventually(() => lastReply(page).textContent()).toContain('Qual serviço você quer pedir?');
    // Paging through the list until the service shows, as on a phone.
    for (let i = 0; i < 3 && !(await lastReply(page).getByRole('button', { name: /Tapa-buraco/ }).count()); i++) {
      await tap(page, 'Mais opções ›');
    }
    await tap(page, /Tapa-buraco/);
    await eventually(() => lastReply(page).textContent()).toContain('Ponto de referência');
    await tap(page, 'Pular');
    await say(page, 'Buraco fundo no asfalto, perto do ponto de ônibus.');
    await eventually(() => lastReply(page).textContent()).toContain('Quer enviar fotos');

    await page.getByText('Enviar foto ou PDF').click();
    const photo = await sharp({ create: { width: 32, height: 24, channels: 3, background: { r: 120, g: 80, b: 40 } } }).jpeg().toBuffer();
    await page.getByLabel('Arquivo').setInputFiles({ name: 'buraco.jpg', mimeType: 'image/jpeg', buffer: photo });
    await submitted(page, () => page.getByRole('button', { name: 'Enviar arquivo' }).click());
    await eventually(() => lastReply(page).textContent()).toContain('Recebi 1 arquivo.');
    await tap(page, 'Continuar');

    await page.getByText('Compartilhar localização').click();
    await submitted(page, () => page.getByRole('button', { name: 'Enviar localização' }).click());
    // The Praça Coronel Moura is in the Centro as the município drew it: no question about the bairro. The
    // demo data has potholes there, so the open ones come first; the citizen joins the first.
    await eventually(() => lastReply(page).textContent()).toMatch(/Já pediram isto aqui perto|Como quer se identificar/);
    const offered = ((await lastReply(page).textContent()) ?? '').includes('Já pediram isto aqui perto');
    if (offered) {
      await say(page, '1');
      await eventually(() => lastReply(page).textContent()).toContain('você vai apoiar a solicitação');
    }
    await tap(page, 'Identificada');
    await tap(page, 'Usar este nome');
    await eventually(() => lastReply(page).textContent()).toContain('• Anexos: 1 arquivo');
    await expectNoAxeViolations(page);
    await tap(page, 'Confirmar');

    // WhatsApp's *bold* is shown bold, without the asterisks.
    const receipt = thread(page).getByRole('article', { name: 'Mensagem da Prefeitura' }).filter({ hasText: 'Registramos' });
    await eventually(() => receipt.locator('strong').first().textContent()).toMatch(/^\d{4}-\d{6}-\d$/);
    const text = (await thread(page).textContent()) ?? '';
    const protocol = text.match(/Protocolo: (\d{4}-\d{6}-\d)/)?.[1] ?? '';
    if (offered) expect(text).toContain('Você passou a acompanhar a solicitação');

    // Following it right away, by typing the number.
    await say(page, protocol);
    await eventually(() => thread(page).textContent()).toContain(`Protocolo ${protocol} — Balcão da Cidadania`);
    await expectNoAxeViolations(page);
    await context.close();
  }, 600_000); // about twenty round trips through the webhook, on a dev server that compiles as it goes

  it('answers the webhook handshake with the development verify token', async () => {
    const response = await fetch(`${session.simulatorUrl}/api/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=dev-whatsapp-verify-token&hub.challenge=987`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('987');
  });

  it('is absent from a production build, and so are the development webhook secrets', async (context) => {
    if (!session.sharedIsProduction) context.skip();
    expect((await fetch(`${session.sharedUrl}/dev/whatsapp`)).status).toBe(404);
    const handshake = await fetch(`${session.sharedUrl}/api/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=dev-whatsapp-verify-token&hub.challenge=987`);
    expect(handshake.status).toBe(403);
  });
});

import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { citizenOn, eventually, simulatorSession } from './chat-simulator-harness';
import { expectNoAxeViolations, newContext } from './harness';

/**
 * The development Messenger/Instagram page, in Chromium: a citizen files an Ouvidoria complaint with a
 * photo by tapping quick replies and typing, with axe on the way. As the WhatsApp simulator's test, it
 * plays on a `next dev` of its own when the suite's app is a production build (E2E_SERVER=dev uses the
 * suite's app), and checks the page is absent from that build.
 */

const session = simulatorSession('/dev/messenger');
const { thread, lastReply, submitted, say, tap } = citizenOn('Mensagens do Messenger');

describe('the development Messenger page', () => {
  it('plays a citizen filing an Ouvidoria complaint with a photo through quick replies', async () => {
    const context = await newContext(session.browser(), session.simulatorUrl);
    const page = await context.newPage();
    await page.goto('/dev/messenger');
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Simulador do Messenger');
    await expectNoAxeViolations(page);

    await submitted(page, () => page.getByRole('button', { name: 'Começar conversa' }).click());
    await eventually(() => thread(page).textContent()).toContain('Aqui é a Ouvidoria Digital');
    await tap(page, /1\. Ouvidoria/);
    await tap(page, /Reclamação/);
    await say(page, 'A calçada da Rua Curuzu está quebrada e um idoso caiu ontem.');
    await eventually(() => lastReply(page).textContent()).toContain('Quer enviar fotos');

    await page.getByText('Enviar foto ou PDF').click();
    const photo = await sharp({ create: { width: 32, height: 24, channels: 3, background: { r: 60, g: 60, b: 160 } } }).jpeg().toBuffer();
    await page.getByLabel('Arquivo').setInputFiles({ name: 'calcada.jpg', mimeType: 'image/jpeg', buffer: photo });
    await submitted(page, () => page.getByRole('button', { name: 'Enviar arquivo' }).click());
    await eventually(() => lastReply(page).textContent()).toContain('Recebi 1 arquivo.');
    await tap(page, 'Continuar');
    await tap(page, 'Identificada');
    await say(page, 'Joana Cidadã');
    await eventually(() => lastReply(page).textContent()).toContain('Informe um e-mail');
    await say(page, 'joana@cidadaos.example.org');
    await eventually(() => lastReply(page).textContent()).toContain('• Anexos: 1 arquivo');
    await expectNoAxeViolations(page);
    await tap(page, 'Confirmar');

    const receipt = thread(page).getByRole('article', { name: 'Mensagem da Prefeitura' }).filter({ hasText: 'Registramos' });
    await eventually(() => receipt.locator('strong').first().textContent()).toMatch(/^\d{4}-\d{6}-\d$/);
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Instagram' }).click();
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Simulador do Instagram');
    await expectNoAxeViolations(page);
    await context.close();
  }, 600_000);

  it('is absent from a production build, and so is the development verify token', async (context) => {
    if (!session.sharedIsProduction) context.skip();
    expect((await fetch(`${session.sharedUrl}/dev/messenger`)).status).toBe(404);
    const handshake = await fetch(`${session.sharedUrl}/api/messenger/webhook?hub.mode=subscribe&hub.verify_token=dev-messenger-verify-token&hub.challenge=987`);
    expect(handshake.status).toBe(403);
  });
});

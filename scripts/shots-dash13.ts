// Screenshots of the statistics dashboard for review: npx tsx scripts/shots-dash13.ts (needs `npm run build`).
import { chromium } from 'playwright-core';
import { startApp } from '../tests/e2e/harness';

const OUT = process.env.SHOTS_DIR ?? '/work/shots/dash13';

const app = await startApp();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const [name, viewport] of [
    ['1366x900', { width: 1366, height: 900 }],
    ['390x844', { width: 390, height: 844 }],
  ] as const) {
    const context = await browser.newContext({ viewport, locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
    context.setDefaultTimeout(300_000);
    const { csrfToken } = (await (await context.request.get(`${app.baseUrl}/api/auth/csrf`, { timeout: 300_000 })).json()) as { csrfToken: string };
    await context.request.post(`${app.baseUrl}/api/auth/callback/credentials`, {
      form: { csrfToken, email: 'gestor@demo.example.org', password: 'demo12345', callbackUrl: `${app.baseUrl}/painel/estatisticas` },
      timeout: 300_000,
    });
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/painel/estatisticas`, { timeout: 300_000 });
    await page.screenshot({ path: `${OUT}/estatisticas-${name}.png` });
    await page.screenshot({ path: `${OUT}/estatisticas-${name}-full.png`, fullPage: true });
    await context.close();
  }
} finally {
  await browser.close();
  await app.stop();
}

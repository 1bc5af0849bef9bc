import { eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { departments, outbox, users } from '@/lib/db/schema';
import { fileDemand } from '@/lib/demands/intake';
import { writeDailyDigests, writeDeadlineAlerts } from '@/lib/delivery/deadline-scanner';
import { verifyStatusToken, tokenIsForRecipient } from '@/lib/delivery/status-token';
import { renderEmail } from '@/lib/delivery/templates/render';
import { CITIZEN_TEMPLATES, STAFF_TEMPLATES } from '@/lib/domain/notifications';
import { balcaoInput, ouvidoriaInput } from '../factories';

const demandId = '0b6a3f8e-2a41-4c55-9d1e-5f2f7c1d9e10';
const recipient = 'maria@exemplo.com.br';
const createdAt = new Date('2026-05-04T13:00:00Z');

function statusTokenIn(text: string): string {
  const match = /\/situacao\/([A-Za-z0-9._-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`no status link in:\n${text}`);
  return match[1];
}

describe('citizen e-mails', () => {
  const payload = { protocol: '2026-000123-7', service: 'ouvidoria' as const, body: 'Informe o número do poste, por favor.', dueOn: '2026-06-03' };

  it.each(CITIZEN_TEMPLATES)('%s: subject with the protocol, the status link for this demand and this recipient', async (template) => {
    const email = await renderEmail({ template, payload, demandId, recipient, createdAt });
    expect(email.subject).toContain('2026-000123-7');
    for (const body of [email.html, email.text]) {
      expect(body).toContain('2026-000123-7');
      expect(body).toContain('Ouvidoria');
      const check = verifyStatusToken(statusTokenIn(body), new Date('2026-05-05T00:00:00Z'));
      expect(check).toMatchObject({ ok: true, demandId });
      if (check.ok) expect(tokenIsForRecipient(check, [recipient])).toBe(true);
    }
    expect(email.html).toMatch(/<html[^>]*lang="pt-BR"/);
  });

  it('shows the state, the public text and the deadline as dd/mm/aaaa where they apply', async () => {
    const forwarded = await renderEmail({ template: 'demand_forwarded', payload: { ...payload, departmentName: 'Secretaria Municipal de Infraestrutura' }, demandId, recipient, createdAt });
    expect(forwarded.subject).toBe('Sua manifestação 2026-000123-7 foi encaminhada');
    expect(forwarded.text).toContain('Encaminhada');
    expect(forwarded.text).toContain('Secretaria Municipal de Infraestrutura');
    expect(forwarded.text).toContain('03/06/2026');

    const question = await renderEmail({ template: 'info_requested', payload, demandId, recipient, createdAt });
    expect(question.text).toContain('Aguardando o cidadão');
    expect(question.text).toContain('Informe o número do poste, por favor.');
    expect(question.text).toContain('20 dias');

    const extended = await renderEmail({ template: 'deadline_extended', payload: { ...payload, body: 'Vistoria técnica agendada.', dueOn: '2026-07-03' }, demandId, recipient, createdAt });
    expect(extended.text).toContain('Justificativa');
    expect(extended.text).toContain('Vistoria técnica agendada.');
    expect(extended.text).toContain('03/07/2026');

    const answer = await renderEmail({ template: 'final_answer', payload: { ...payload, body: 'O poste foi trocado.', attachmentNames: ['laudo.pdf', 'foto-do-poste.jpg'] }, demandId, recipient, createdAt });
    // The files stay behind the personal link; the e-mail names them.
    expect(answer.text).toContain('Anexos (2): laudo.pdf, foto-do-poste.jpg. Abra pelo link abaixo para baixá-los.');
    expect(answer.text).toContain('Respondida');
    expect(answer.text).toContain('O poste foi trocado.');
    expect(answer.text).toContain('reabrir');

    const balcao = await renderEmail({ template: 'demand_received', payload: { ...payload, service: 'balcao' }, demandId, recipient, createdAt });
    expect(balcao.subject).toBe('Recebemos sua solicitação — protocolo 2026-000123-7');
    expect(balcao.text).toContain('Balcão da Cidadania');
  });

  it('renders the same row to the same bytes, as a re-send with one idempotency key requires', async () => {
    const first = await renderEmail({ template: 'final_answer', payload, demandId, recipient, createdAt });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const again = await renderEmail({ template: 'final_answer', payload, demandId, recipient, createdAt });
    expect(again).toEqual(first);
  });

  it('refuses a payload it cannot render instead of sending a broken e-mail', async () => {
    await expect(renderEmail({ template: 'final_answer', payload: { service: 'ouvidoria' }, demandId, recipient, createdAt })).rejects.toMatchObject({ retryable: false });
    await expect(renderEmail({ template: 'no_such_template', payload, demandId, recipient, createdAt })).rejects.toMatchObject({ retryable: false });
  });
});

describe('staff e-mails', () => {
  const identity = { name: 'Maria Protegida da Silva', email: 'maria.protegida@exemplo.com.br', phone: '(14) 99777-1234', cpf: '529.982.247-25' };
  const identityStrings = ['Maria Protegida', 'maria.protegida', '99777', '97771234', '52998224725', '529.982.247-25'];

  it('name the demand and link to the workspace, and never carry the requester identity', async () => {
    const db = await getDb();
    await db.insert(users).values({ email: 'ouvidora@prefeitura.test', name: 'Ouvidora', role: 'ombudsman' });
    const denunciation = await fileDemand(
      ouvidoriaInput({ kind: 'denunciation', identity: 'confidential', subject: 'Servidor cobrando propina', ...identity }),
      { channel: 'web' },
      { now: new Date('2026-05-04T13:00:00Z') },
    );
    const balcao = await fileDemand(await balcaoInput(identity), { channel: 'web' }, { now: new Date('2026-05-04T13:00:00Z') });
    if (!denunciation.ok || !balcao.ok) throw new Error('intake failed');
    const [infra] = await db.select().from(departments).where(eq(departments.slug, 'infraestrutura'));
    // Near and past the deadlines, the scanner writes alerts and digests too.
    for (const day of ['2026-05-16', '2026-05-22', '2026-06-05']) await writeDeadlineAlerts(db, new Date(`${day}T15:00:00Z`));
    await writeDailyDigests(db, new Date('2026-05-16T15:00:00Z'), 7);

    const rows = (await db.select().from(outbox).where(like(outbox.template, 'staff_%'))).filter(
      (row) => row.demandId === denunciation.demand.id || row.demandId === balcao.demand.id || row.template === 'staff_digest',
    );
    expect(new Set(rows.map((row) => row.template))).toEqual(new Set(STAFF_TEMPLATES));
    expect(rows.filter((row) => row.recipient === infra?.email).map((row) => row.template).sort()).toEqual(
      ['staff_digest', 'staff_due_soon', 'staff_new_demand', 'staff_overdue'],
    );
    for (const row of rows) {
      const email = await renderEmail(row);
      const everything = `${email.subject}\n${email.html}\n${email.text}`;
      for (const secret of identityStrings) expect(everything, `${row.template} leaks ${secret}`).not.toContain(secret);
      expect(everything).not.toContain('/situacao/');
      if (row.template === 'staff_digest') {
        expect(email.subject).toBe('Resumo diário de 16/05/2026 — Secretaria Municipal de Infraestrutura');
        expect(email.text).toContain(balcao.demand.protocol);
      } else {
        const protocol = row.demandId === balcao.demand.id ? balcao.demand.protocol : denunciation.demand.protocol;
        expect(email.subject).toContain(protocol);
        expect(email.text).toContain(protocol);
        // A new Balcão request is still with the counter: its department's mailbox gets a link to its queue.
        const awaitsTriage = row.template === 'staff_new_demand' && row.demandId === balcao.demand.id;
        expect(email.html).toContain(awaitsTriage ? `/painel"` : `/painel/demandas/${protocol}`);
      }
    }
    const dueSoon = rows.find((row) => row.template === 'staff_due_soon' && row.demandId === balcao.demand.id);
    if (!dueSoon) throw new Error('no due-soon alert');
    const dueSoonEmail = await renderEmail(dueSoon);
    expect(dueSoonEmail.subject).toBe(`Prazo perto do fim: ${balcao.demand.protocol} vence em 19/05/2026`);
    expect(dueSoonEmail.text).toContain('Tapa-buraco');
  });
});

import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { outbox } from '@/lib/db/schema';
import { fileDemand } from '@/lib/demands/intake';
import { NOT_FOUND_MESSAGE, trackDemand, type TrackResult } from '@/lib/demands/track';
import { formatProtocol } from '@/lib/domain/protocol';
import { balcaoInput, ouvidoriaInput } from '../factories';

/**
 * Threat: the protocols are public (open data), and a denunciante's e-mail or phone is known to the
 * people they denounce. If the tracking page took the contact as proof, anyone holding both would read
 * the denúncia's subject and timeline, and learn who made it.
 */

const filedAt = new Date('2026-05-04T13:00:00Z');
const later = new Date('2026-05-10T15:00:00Z');
const noWait = async () => {};

async function file(input: Record<string, unknown>) {
  const result = await fileDemand(input, { channel: 'web' }, { now: filedAt });
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  return result.demand;
}

function track(protocol: string, secret: string, address = '203.0.113.9'): Promise<TrackResult> {
  return trackDemand({ protocol, secret }, { clientAddress: address }, { now: later, wait: noWait });
}

describe('tracking a protected demand by its requester\'s contact', () => {
  it('refuses a confidential denúncia by e-mail or phone, with the same answer as a protocol that does not exist', async () => {
    const filed = await file(
      ouvidoriaInput({ kind: 'denunciation', identity: 'confidential', subject: 'Fiscal cobra propina', email: 'denunciante@exemplo.com.br', phone: '(14) 99876-5432' }),
    );
    const byEmail = await track(filed.protocol, 'denunciante@exemplo.com.br', '203.0.113.10');
    const byPhone = await track(filed.protocol, '(14) 99876-5432', '203.0.113.11');
    const nonexistent = await track(formatProtocol(2026, 987_654), 'denunciante@exemplo.com.br', '203.0.113.12');
    expect(byEmail).toEqual({ ok: false, reason: 'not_found', message: NOT_FOUND_MESSAGE });
    expect(byPhone).toEqual(byEmail);
    expect(nonexistent).toEqual(byEmail);
    expect(JSON.stringify(byEmail)).not.toContain('propina');
  });

  it('refuses an identified denúncia and a confidential complaint by contact too', async () => {
    const denuncia = await file(ouvidoriaInput({ kind: 'denunciation', identity: 'identified', email: 'fulano@exemplo.com.br' }));
    const confidential = await file(ouvidoriaInput({ kind: 'complaint', identity: 'confidential', email: 'ciclano@exemplo.com.br' }));
    const balcao = await file(await balcaoInput({ identity: 'confidential', phone: '(14) 99111-2222' }));
    expect((await track(denuncia.protocol, 'fulano@exemplo.com.br')).ok).toBe(false);
    expect((await track(confidential.protocol, 'ciclano@exemplo.com.br')).ok).toBe(false);
    expect((await track(balcao.protocol, '(14) 99111-2222', '203.0.113.20')).ok).toBe(false);
  });

  it('gives the requester an access code, on the receipt and in the receipt e-mail, that opens the demand', async () => {
    const filed = await file(ouvidoriaInput({ kind: 'denunciation', identity: 'confidential', email: 'denunciante2@exemplo.com.br' }));
    expect(filed.accessCode).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    const code = filed.accessCode ?? '';
    const db = await getDb();
    const [receipt] = await db.select().from(outbox).where(eq(outbox.demandId, filed.id));
    expect(receipt).toMatchObject({ channel: 'email', recipient: 'denunciante2@exemplo.com.br', payload: { accessCode: code } });
    const found = await track(filed.protocol, code.toLowerCase());
    expect(found.ok && found.demand.protocol).toBe(filed.protocol);
  });

  it('still opens an identified complaint by the e-mail given when filing', async () => {
    const filed = await file(ouvidoriaInput({ kind: 'complaint', identity: 'identified', email: 'aberta@exemplo.com.br' }));
    expect(filed.accessCode).toBeUndefined();
    expect((await track(filed.protocol, 'aberta@exemplo.com.br')).ok).toBe(true);
  });
});

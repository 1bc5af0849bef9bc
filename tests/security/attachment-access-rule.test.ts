import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db/client';
import { attachments } from '@/lib/db/schema';
import { getDemandForStaff } from '@/lib/db/queries/demand-page';
import { fileDemand } from '@/lib/demands/intake';
import { forwardDemand } from '@/lib/demands/triage';
import { GET as downloadAttachment } from '@/app/api/anexos/[id]/route';
import { fileOf, pdfDocument } from '../support/files';
import { balcaoInput, ouvidoriaInput } from '../factories';
import { createCast, department, expectOk, type Cast } from '../workspace-factories';

/**
 * Threat: the file route and the demand page decided access with two different rules. A secretaria
 * that only supports a demand, and a manager, could read the demand but not its files; the secretaria
 * that owns a Balcão service could download the files of a request it could not open (not yet given to
 * it). Files must follow exactly the demand page's rule.
 */
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock('@/lib/auth/auth', () => ({
  auth: async () => (session.userId ? { user: { id: session.userId }, expires: new Date(Date.now() + 3_600_000).toISOString() } : null),
}));

let dataDir: string;
const savedDataDir = process.env.DATA_DIR;
let cast: Cast;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ouvidoria-file-rule-'));
  process.env.DATA_DIR = dataDir;
  cast = await createCast();
});
afterAll(() => {
  if (savedDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = savedDataDir;
  fs.rmSync(dataDir, { recursive: true, force: true });
});
afterEach(() => {
  session.userId = null;
});

async function fileWithPdf(input: Record<string, unknown>) {
  const result = await fileDemand(input, { channel: 'web' }, { files: [fileOf('prova.pdf', pdfDocument('Prova'))] });
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  const [file] = await (await getDb()).select({ id: attachments.id }).from(attachments).where(eq(attachments.demandId, result.demand.id));
  if (!file) throw new Error('no attachment stored');
  return { ...result.demand, attachmentId: file.id };
}

async function downloadStatus(attachmentId: string, userId: string): Promise<number> {
  session.userId = userId;
  const response = await downloadAttachment(new Request(`http://localhost/api/anexos/${attachmentId}`), { params: Promise.resolve({ id: attachmentId }) });
  return response.status;
}

describe('one access rule for files and the demand page', () => {
  it('lets every staff member download the files of exactly the demands their demand page opens', async () => {
    const saude = await department('saude');
    const infraestrutura = await department('infraestrutura');
    // A complaint given to Infraestrutura, with Saúde supporting.
    const supported = await fileWithPdf(ouvidoriaInput({ kind: 'complaint' }));
    expectOk(await forwardDemand(cast.ombudsman, { demandId: supported.id, departmentId: infraestrutura.id, supportingDepartmentIds: [saude.id] }));
    // A pothole request: Infraestrutura owns the service, but the counter has not given it to them yet.
    const untriaged = await fileWithPdf(await balcaoInput());

    const staff = [cast.ombudsman, cast.attendant, cast.saude, cast.infraestrutura, cast.controle, cast.manager, cast.admin];
    const table: [string, string, boolean, number][] = [];
    for (const demand of [supported, untriaged]) {
      for (const member of staff) {
        const page = await getDemandForStaff({ actor: member, protocol: demand.protocol });
        table.push([member.name, demand.protocol, page !== null, await downloadStatus(demand.attachmentId, member.userId)]);
      }
    }
    for (const [, , pageOpens, status] of table) expect(status).toBe(pageOpens ? 200 : 404);

    expect(await downloadStatus(supported.attachmentId, cast.saude.userId)).toBe(200);
    expect(await downloadStatus(supported.attachmentId, cast.manager.userId)).toBe(200);
    expect(await downloadStatus(untriaged.attachmentId, cast.infraestrutura.userId)).toBe(404);
    expect(await getDemandForStaff({ actor: cast.infraestrutura, protocol: untriaged.protocol })).toBeNull();
  });
});

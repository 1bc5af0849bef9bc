import { describe, expect, it } from 'vitest';
import { idleState } from '@/lib/actions/form-state';
import { createStatusToken } from '@/lib/delivery/status-token';
import { replyFromStatusLink } from '@/app/(public)/situacao/[token]/actions';
import { fileOf, htmlPage, pngImage } from '../support/files';
import { createCast, expectOk, fileOuvidoria } from '../workspace-factories';
import { revokeStatusLinks } from '@/lib/demands/status-link';

/**
 * Threat: the status page's reply action decoded the posted files (the costly part: images are decoded
 * and re-encoded) before it knew the link was good, whenever the text was missing. Anyone could make the
 * server decode 5 × 10 MB of images per post with a made-up or revoked token. The link is now opened
 * first; a bad one gets the same short answer whatever the post carries, with nothing about its files.
 */

function replyPost(token: string, files: File[]): FormData {
  const data = new FormData();
  data.append('token', token);
  data.append('body', '');
  for (const file of files) data.append('files', file);
  return data;
}

const LINK_GONE = 'Este link não é mais válido. Use o link do e-mail mais recente ou acompanhe pelo protocolo.';

describe('status link checked before files', () => {
  it('a forged token with files and no text gets the link answer, and its files are never looked at', async () => {
    const forged = createStatusToken({ demandId: crypto.randomUUID(), recipient: 'ninguem@exemplo.com.br', generation: 0, expiresAt: new Date(Date.now() + 86_400_000) });
    // A file that any check would refuse: if it had been read, the answer would say so.
    const state = await replyFromStatusLink(idleState, replyPost(`${forged}x`, [fileOf('foto.png', htmlPage), fileOf('outra.png', htmlPage)]));
    expect(state).toMatchObject({ status: 'error', message: LINK_GONE });
    expect(state.status === 'error' ? state.fieldErrors : {}).toEqual({});
  });

  it('so does a revoked link', async () => {
    const cast = await createCast();
    const demand = await fileOuvidoria({ email: 'ana.revogada@exemplo.com.br' });
    const token = createStatusToken({ demandId: demand.id, recipient: 'ana.revogada@exemplo.com.br', generation: 0, expiresAt: new Date(Date.now() + 86_400_000) });
    expectOk(await revokeStatusLinks(cast.ombudsman, { demandId: demand.id, reason: 'Link encaminhado por engano.' }));
    const state = await replyFromStatusLink(idleState, replyPost(token, [fileOf('foto.png', htmlPage), fileOf('grande.png', await pngImage())]));
    expect(state).toMatchObject({ status: 'error', message: LINK_GONE });
    expect(state.status === 'error' ? state.fieldErrors : {}).toEqual({});
  });
});

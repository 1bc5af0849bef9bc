import { describe, expect, it } from 'vitest';
import { classifySender, protocolCandidates, stripQuotedReply, type ClassifyInput } from '@/lib/channels/email/classify';
import { imapConfig } from '@/lib/channels/email/config';

const person = { fromAddress: 'maria@exemplo.com.br', subject: 'Buraco na rua' };

describe('which e-mails come from robots', () => {
  const cases: [string, Partial<ClassifyInput> & { headers: Record<string, string> }, string | null][] = [
    ['a citizen’s message', { headers: {} }, null],
    ['Auto-Submitted: no (a person, says RFC 3834)', { headers: { 'auto-submitted': 'no' } }, null],
    ['Auto-Submitted: auto-replied', { headers: { 'auto-submitted': 'auto-replied' } }, 'auto_reply'],
    ['Auto-Submitted: auto-generated', { headers: { 'auto-submitted': 'auto-generated' } }, 'auto_reply'],
    ['X-Autoreply', { headers: { 'x-autoreply': 'yes' } }, 'auto_reply'],
    ['X-Autorespond', { headers: { 'x-autorespond': 'true' } }, 'auto_reply'],
    ['Precedence: bulk', { headers: { precedence: 'bulk' } }, 'auto_reply'],
    ['Precedence: junk', { headers: { precedence: 'junk' } }, 'auto_reply'],
    ['Precedence: auto_reply', { headers: { precedence: 'auto_reply' } }, 'auto_reply'],
    ['Precedence: list', { headers: { precedence: 'list' } }, 'mailing_list'],
    ['List-Id', { headers: { 'list-id': '<boletim.exemplo.org>' } }, 'mailing_list'],
    ['List-Unsubscribe', { headers: { 'list-unsubscribe': '<mailto:sair@exemplo.org>' } }, 'mailing_list'],
    ['an empty return path', { headers: { 'return-path': '<>' } }, 'auto_reply'],
    ['a no-reply sender', { headers: {}, fromAddress: 'no-reply@banco.com.br' }, 'auto_reply'],
    ['a nao-responda sender', { headers: {}, fromAddress: 'naoresponda@orgao.gov.br' }, 'auto_reply'],
    ['"Resposta automática:" subject', { headers: {}, subject: 'Resposta automática: Buraco na rua' }, 'auto_reply'],
    ['"Automatic reply:" subject', { headers: {}, subject: 'Automatic reply: protocolo 2026-000123-7' }, 'auto_reply'],
    ['"Out of Office" subject', { headers: {}, subject: 'Out of Office' }, 'auto_reply'],
    ['"Ausente" subject', { headers: {}, subject: 'Ausente até segunda' }, 'auto_reply'],
    ['a subject that mentions absence later', { headers: {}, subject: 'Reclamação sobre ausência de médico' }, null],
    ['a DSN', { headers: { 'content-type': 'multipart/report; report-type=delivery-status; boundary="x"' } }, 'bounce'],
    ['a DSN with a quoted report type', { headers: { 'content-type': 'multipart/report; report-type="delivery-status"; boundary="x"' } }, 'bounce'],
    ['a read receipt is not a bounce, but a robot', { headers: { 'content-type': 'multipart/report; report-type=disposition-notification', 'auto-submitted': 'auto-replied' } }, 'auto_reply'],
    ['X-Failed-Recipients', { headers: { 'x-failed-recipients': 'x@y.z' } }, 'bounce'],
    ['a mailer-daemon notice', { headers: {}, fromAddress: 'mailer-daemon@mx.exemplo.com.br', subject: 'Undelivered Mail Returned to Sender' }, 'bounce'],
    ['a postmaster note that is not a failure', { headers: {}, fromAddress: 'postmaster@exemplo.com.br', subject: 'Aviso' }, 'auto_reply'],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(classifySender({ ...person, ...input })?.kind ?? null).toBe(expected);
  });
});

describe('what a reply says', () => {
  it.each([
    ['Obrigada, já resolveram.\n\nEm qui., 3 de dez. de 2026 às 10:00, Ouvidoria <o@p.br> escreveu:\n> Texto anterior', 'Obrigada, já resolveram.'],
    ['Thanks!\n\nOn Thu, Dec 3, 2026 at 10:00 AM Ouvidoria <o@p.br> wrote:\n> earlier', 'Thanks!'],
    ['Segue a foto.\n-----Mensagem original-----\nDe: Ouvidoria', 'Segue a foto.'],
    ['Resposta\n\nDe: Ouvidoria <o@p.br>\nEnviado: quinta-feira\nPara: maria', 'Resposta'],
    ['Linha 1\n> citação\nLinha 2', 'Linha 1\nLinha 2'],
    ['Sem citação nenhuma.', 'Sem citação nenhuma.'],
  ])('%j → %j', (text, expected) => {
    expect(stripQuotedReply(text)).toBe(expected);
  });

  it('finds protocols in a subject, in the forms people type them', () => {
    expect(protocolCandidates('Re: Recebemos sua manifestação — protocolo 2026-000123-7')).toEqual(['20260001237']);
    expect(protocolCandidates('protocolo 20260001237 e 2026.000124.5')).toEqual(['20260001237', '20260001245']);
    expect(protocolCandidates('Buraco na rua 12')).toEqual([]);
  });
});

describe('IMAP_URL', () => {
  it.each([
    ['imaps://ouvidoria%40prefeitura.sp.gov.br:s%3Acreta@imap.prefeitura.sp.gov.br', { host: 'imap.prefeitura.sp.gov.br', port: 993, secure: true, user: 'ouvidoria@prefeitura.sp.gov.br', pass: 's:creta' }],
    ['imap://ouvidoria:senha@127.0.0.1:1143', { host: '127.0.0.1', port: 1143, secure: false, user: 'ouvidoria', pass: 'senha' }],
  ])('%s', (url, expected) => {
    expect(imapConfig({ IMAP_URL: url })).toMatchObject({ ...expected, folder: 'INBOX' });
  });

  it('is off when unset, signs in with OAuth when a token is given, and refuses what it cannot use', () => {
    expect(imapConfig({})).toBeNull();
    expect(imapConfig({ IMAP_URL: 'imaps://ouvidoria@gmail.com@imap.gmail.com', IMAP_ACCESS_TOKEN: 'ya29.token', IMAP_FOLDER: 'Ouvidoria' })).toMatchObject({
      accessToken: 'ya29.token',
      folder: 'Ouvidoria',
    });
    expect(() => imapConfig({ IMAP_URL: 'pop3://a:b@c' })).toThrow(/imap:\/\/ or imaps:\/\//);
    expect(() => imapConfig({ IMAP_URL: 'imaps://ouvidoria@imap.exemplo.org' })).toThrow(/password/);
  });
});

describe('a production start with a wrong e-mail setting', () => {
  it('is refused, naming the variable', async () => {
    const { productionConfigProblems } = await import('@/lib/startup/production-config');
    const base = { AUTH_SECRET: 'a', STATUS_LINK_SECRET: 'b', APP_URL: 'https://ouvidoria.exemplo.gov.br', EMAIL_DELIVERY: 'off' } as unknown as NodeJS.ProcessEnv;
    expect(productionConfigProblems(base)).toEqual([]);
    expect(productionConfigProblems({ ...base, IMAP_URL: 'imaps://ouvidoria@imap.exemplo.gov.br' }).map((problem) => problem.variable)).toEqual(['IMAP_URL']);
    expect(productionConfigProblems({ ...base, IMAP_URL: 'imaps://o:p@imap.exemplo.gov.br', EMAIL_IN_KIND: 'elogios' }).map((problem) => problem.variable)).toEqual(['EMAIL_IN_KIND']);
  });
});

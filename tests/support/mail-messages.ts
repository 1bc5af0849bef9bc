import { randomUUID } from 'node:crypto';

/**
 * Real RFC 5322 messages for the e-mail channel tests, written out as a mail client or a mail server
 * would: CRLF lines, MIME multiparts, base64 attachments, quoted-printable HTML, delivery reports.
 */

export type Attachment = { name: string; type: string; content: Uint8Array | string };

export type MessageOptions = {
  from?: string;
  to?: string;
  subject?: string;
  text?: string;
  html?: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
  attachments?: Attachment[];
  date?: Date;
};

export const CITIZEN = 'Maria da Silva <maria.silva@exemplo.com.br>';
export const CITIZEN_ADDRESS = 'maria.silva@exemplo.com.br';
export const MAILBOX = 'ouvidoria@botucatu.sp.gov.br';

export function newMessageId(): string {
  return `<${randomUUID()}@mail.exemplo.com.br>`;
}

function base64Lines(content: Uint8Array | string): string {
  const encoded = Buffer.from(content).toString('base64');
  return encoded.match(/.{1,76}/g)?.join('\r\n') ?? '';
}

function encodedWord(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;
}

export function rawMessage(options: MessageOptions = {}): { raw: string; messageId: string } {
  const messageId = options.messageId ?? newMessageId();
  const head: Record<string, string> = {
    From: options.from ?? CITIZEN,
    To: options.to ?? MAILBOX,
    Subject: encodedWord(options.subject ?? 'Buraco na Rua Amando de Barros'),
    Date: (options.date ?? new Date()).toUTCString().replace('GMT', '+0000'),
    'Message-ID': messageId,
    'MIME-Version': '1.0',
    ...(options.inReplyTo ? { 'In-Reply-To': options.inReplyTo } : {}),
    ...(options.references?.length ? { References: options.references.join(' ') } : {}),
    ...options.headers,
  };
  const text = options.text ?? (options.html ? undefined : 'Há um buraco enorme em frente ao número 200 há duas semanas. Já caíram duas motos.');
  type Part = { type: string; body: string; encoding?: string };
  const part = (type: string, content: string): Part => ({ type: `${type}; charset=utf-8`, body: base64Lines(content), encoding: 'base64' });
  const parts = [...(text !== undefined ? [part('text/plain', text)] : []), ...(options.html ? [part('text/html', options.html)] : [])];
  const wrap = (type: string, inner: Part[]): Part => {
    const boundary = `b-${randomUUID()}`;
    const lines = inner.map((p) => `--${boundary}\r\nContent-Type: ${p.type}\r\n${p.encoding ? `Content-Transfer-Encoding: ${p.encoding}\r\n` : ''}\r\n${p.body}\r\n`);
    return { type: `${type}; boundary="${boundary}"`, body: `${lines.join('')}--${boundary}--` };
  };
  const content: Part = parts.length === 1 && parts[0] ? parts[0] : wrap('multipart/alternative', parts);
  const files = (options.attachments ?? []).map((file): Part => ({
    type: `${file.type}; name="${file.name}"\r\nContent-Disposition: attachment; filename="${file.name}"`,
    body: base64Lines(file.content),
    encoding: 'base64',
  }));
  const top: Part = files.length ? wrap('multipart/mixed', [content, ...files]) : content;
  const contentType = top.type;
  const body = `${top.body}\r\n`;
  if (top.encoding) head['Content-Transfer-Encoding'] = top.encoding;
  head['Content-Type'] = contentType;
  const raw = `${Object.entries(head)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\r\n')}\r\n\r\n${body}`;
  return { raw, messageId };
}

/** An out-of-office answer, as Outlook and Gmail write them (RFC 3834 Auto-Submitted). */
export function outOfOffice(inReplyTo?: string): { raw: string; messageId: string } {
  return rawMessage({
    subject: 'Resposta automática: Recebemos sua manifestação',
    text: 'Estou de férias até o dia 20. Em caso de urgência, procure o setor responsável.',
    headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
    ...(inReplyTo ? { inReplyTo, references: [inReplyTo] } : {}),
  });
}

/** A delivery status notification (RFC 3464) for a message we sent, quoting its headers. */
export function bounceReport(input: { originalMessageId: string; recipient: string }): { raw: string; messageId: string } {
  const messageId = newMessageId();
  const boundary = `report-${randomUUID()}`;
  const raw = [
    'From: Mail Delivery System <MAILER-DAEMON@mx.exemplo.com.br>',
    `To: ${MAILBOX}`,
    'Subject: Undelivered Mail Returned to Sender',
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${messageId}`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'This is the mail system at host mx.exemplo.com.br.',
    "I'm sorry to have to inform you that your message could not be delivered.",
    '',
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.exemplo.com.br',
    '',
    `Final-Recipient: rfc822; ${input.recipient}`,
    'Action: failed',
    'Status: 5.1.1',
    'Diagnostic-Code: smtp; 550 5.1.1 <' + input.recipient + '>: Recipient address rejected: User unknown',
    '',
    `--${boundary}`,
    'Content-Type: text/rfc822-headers',
    '',
    `From: Ouvidoria Digital <${MAILBOX}>`,
    `To: ${input.recipient}`,
    'Subject: Recebemos sua manifestação',
    `Message-ID: ${input.originalMessageId}`,
    '',
    `--${boundary}--`,
    '',
  ].join('\r\n');
  return { raw, messageId };
}

import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject } from 'mailparser';
import { classifySender, type Robot } from './classify';

/**
 * A raw RFC 5322 message read into what the channel needs. mailparser decodes the MIME structure,
 * charsets and encoded words; where a message has only HTML, its `text` is the HTML converted to plain
 * text (html-to-text, inside mailparser), so markup and scripts never reach a demand.
 */

export type InboundAttachment = { name: string; contentType: string; bytes: Buffer };

export type Bounce = {
  /** Message-IDs quoted by the report (the original's headers): ours name the outbox row. */
  originalMessageIds: string[];
  recipients: string[];
  action: string | null;
  status: string | null;
  diagnostic: string | null;
};

export type ParsedEmail = {
  /** The Message-ID, or `sha256:<hash of the raw message>` when there is none. */
  messageKey: string;
  messageId: string | null;
  /** In-Reply-To and References, in order, angle brackets kept. */
  referencedIds: string[];
  references: string[];
  fromAddress: string | null;
  fromName: string | null;
  subject: string;
  text: string;
  sentAt: Date | null;
  /** The headers shown to staff, folded under the message. */
  displayHeaders: Record<string, string>;
  attachments: InboundAttachment[];
  robot: Robot | null;
  bounce: Bounce | null;
};

const DISPLAY_HEADERS = ['Date', 'From', 'Reply-To', 'To', 'Cc', 'Subject', 'Message-ID', 'In-Reply-To', 'References', 'Auto-Submitted', 'Content-Type'];
const MESSAGE_ID = /<[^<>\s]+>/g;

function idsIn(value: string | string[] | undefined): string[] {
  const text = Array.isArray(value) ? value.join(' ') : (value ?? '');
  return text.match(MESSAGE_ID) ?? [];
}

function firstAddress(value: AddressObject | undefined): { address: string | null; name: string | null } {
  const entry = value?.value[0];
  const address = entry?.address?.trim().toLowerCase() || null;
  return { address, name: entry?.name?.trim() || null };
}

/** Header lines as name → unfolded value (first occurrence), names lower-cased. */
function headerMap(lines: readonly { key: string; line: string }[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const { key, line } of lines) {
    if (key in map) continue;
    const colon = line.indexOf(':');
    map[key.toLowerCase()] = line.slice(colon + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
  }
  return map;
}

function displayHeaders(raw: Record<string, string>): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const name of DISPLAY_HEADERS) {
    const value = raw[name.toLowerCase()];
    if (value) shown[name] = value.slice(0, 2000);
  }
  return shown;
}

/** The machine-readable part of a delivery report, and the original's headers quoted in it. */
function readBounce(reportText: string): Bounce {
  const field = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(reportText)?.[1]?.trim() ?? null;
  const recipients = [...reportText.matchAll(/^(?:final|original)-recipient:\s*(?:rfc822;)?\s*(.+)$/gim)].map((match) => (match[1] ?? '').trim().toLowerCase());
  const originalMessageIds = [...reportText.matchAll(/^message-id:\s*(<[^<>\s]+>)/gim)].map((match) => match[1] ?? '');
  return {
    originalMessageIds: [...new Set(originalMessageIds.filter(Boolean))],
    recipients: [...new Set(recipients)],
    action: field('Action')?.toLowerCase() ?? null,
    status: field('Status'),
    diagnostic: field('Diagnostic-Code'),
  };
}

export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  const mail = await simpleParser(raw, { skipImageLinks: true });
  const headers = headerMap(mail.headerLines);
  const { address, name } = firstAddress(mail.from);
  const subject = (mail.subject ?? '').trim();
  const robot = classifySender({ headers, fromAddress: address, subject });
  const messageId = mail.messageId?.trim() || null;
  const references = idsIn(mail.references);
  const referencedIds = [...new Set([...idsIn(mail.inReplyTo), ...references.slice().reverse()])];
  const reportParts = new Set(['message/delivery-status', 'message/global-delivery-status', 'text/rfc822-headers', 'message/rfc822', 'message/global-headers']);
  const reportText = [
    raw.toString('utf8', raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : 0),
    ...mail.attachments.filter((part) => reportParts.has(part.contentType)).map((part) => part.content.toString('utf8')),
  ].join('\n');
  const files = mail.attachments
    .filter((part) => !part.related && !reportParts.has(part.contentType))
    .map((part) => ({ name: part.filename?.trim() || 'anexo', contentType: part.contentType, bytes: part.content }));
  return {
    messageKey: messageId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`,
    messageId,
    referencedIds,
    references,
    fromAddress: address,
    fromName: name,
    subject,
    text: (mail.text ?? '').replace(/\r\n/g, '\n').trim(),
    sentAt: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
    displayHeaders: displayHeaders(headers),
    attachments: robot ? [] : files,
    robot,
    bounce: robot?.kind === 'bounce' ? readBounce(reportText) : null,
  };
}

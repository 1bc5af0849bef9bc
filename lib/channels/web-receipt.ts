import 'server-only';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { IntakeReceipt } from '@/components/demand/receipt';
import { SUBMISSION_KEY_FIELD } from '@/lib/actions/form-state';
import { findBalcaoServiceById } from '@/lib/db/queries/catalogue';
import { findFiledSubmission } from '@/lib/demands/filed-submission';
import type { FiledDemand } from '@/lib/demands/intake';
import { readSubmissionKey } from '@/lib/demands/submission-key';
import { DEADLINE_DAYS } from '@/lib/domain/deadlines';
import { KIND_LABELS } from '@/lib/domain/labels';
import { OUVIDORIA_KINDS } from '@/lib/domain/vocabulary';

/*
 * A form posted without JavaScript used to be answered with the whole form page drawn again, the receipt
 * in place of the form: the same work as showing the form (catalogue lists, the page's payload). Now a
 * filed post is answered with a redirect (303) to RECEIPT_PATH, an empty answer; the receipt page is a
 * small GET that reloads without posting again.
 *
 * The receipt may carry the access code of an anonymous or protected demand, the one secret that opens it,
 * and even the protocol would tie an address in an access log to an anonymous denúncia: so the address
 * carries nothing. What the receipt page needs travels in a cookie instead: the form's own signed
 * submission key (already in the page's HTML), HttpOnly, only sent to RECEIPT_PATH, for
 * RECEIPT_KEPT_SECONDS. The page finds the demand that key filed and opens the sealed code as a replayed
 * post does (lib/demands/filed-submission.ts). Cookies do not go into URLs, Referer headers or access logs.
 * On a shared computer the next person finds nothing at the same address after a quarter of an hour.
 * A browser that refuses the site's cookies gets the receipt page without the receipt, which says so and
 * points to the tracking page; the e-mail confirmation still carries the protocol (and the code, when the
 * demand is protected but identified).
 */

export { RECEIPT_PATH } from './receipt-paths';
import { RECEIPT_PATH } from './receipt-paths';
export const RECEIPT_COOKIE = 'recibo';
export const RECEIPT_KEPT_SECONDS = 15 * 60;

/** What the receipt shows, read from the filed demand (not the post): a replay shows what was filed. */
export async function intakeReceiptOf(demand: FiledDemand): Promise<IntakeReceipt> {
  const tracking = {
    accessCode: demand.accessCode,
    anonymous: demand.anonymous,
    trackWith: demand.accessCode ? 'access_code' : demand.hasEmail ? 'email' : 'phone',
    emailConfirmation: !demand.anonymous && demand.hasEmail,
    description: demand.description,
    addressLine: demand.addressLine,
    attachmentNames: demand.attachmentNames,
  } as const;
  if (demand.service === 'ouvidoria') {
    const kind = z.enum(OUVIDORIA_KINDS).parse(demand.kind);
    const isInformation = kind === 'information';
    return {
      protocol: demand.protocol,
      service: 'ouvidoria',
      what: KIND_LABELS[kind],
      dueOn: demand.dueOn,
      deadlineDays: isInformation ? DEADLINE_DAYS.information : DEADLINE_DAYS.ouvidoria,
      deadlineBasis: isInformation ? 'Lei nº 12.527/2011, art. 11' : 'Lei nº 13.460/2017, art. 16',
      departmentName: null,
      ...tracking,
    };
  }
  const service = demand.categoryId ? await findBalcaoServiceById({ id: demand.categoryId }) : undefined;
  if (!service) throw new Error('A filed Balcão request has no service');
  return {
    protocol: demand.protocol,
    service: 'balcao',
    what: service.name,
    dueOn: demand.dueOn,
    deadlineDays: service.deadlineDays,
    departmentName: service.departmentName,
    ...tracking,
  };
}

/**
 * A browser's own form post (JavaScript off or not yet loaded): multipart, without the `Next-Action`
 * header React adds when it posts the action itself.
 */
async function postedWithoutJavaScript(): Promise<boolean> {
  const request = await headers();
  return !request.has('next-action') && (request.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
}

/**
 * After a filed post made without JavaScript: keep the form's submission key for the receipt page and
 * answer with a redirect to it (this throws Next's redirect, so nothing after it runs). With JavaScript,
 * or for a post without a valid key (nothing to find the receipt by), it returns and the action answers
 * as before, with the receipt in its state.
 */
export async function redirectToReceiptWithoutJavaScript(formData: FormData): Promise<void> {
  if (!(await postedWithoutJavaScript())) return;
  const key = formData.get(SUBMISSION_KEY_FIELD);
  if (typeof key !== 'string' || readSubmissionKey(key).status !== 'valid') return;
  (await cookies()).set(RECEIPT_COOKIE, key, {
    path: RECEIPT_PATH,
    maxAge: RECEIPT_KEPT_SECONDS,
    httpOnly: true,
    sameSite: 'lax',
    secure: (process.env.APP_URL ?? '').trim().startsWith('https:'),
  });
  redirect(RECEIPT_PATH);
}

/** The receipt this browser was sent to RECEIPT_PATH for, while its cookie lasts. */
export async function keptReceipt(): Promise<{ receipt: IntakeReceipt; newHref: string; submissionKey: string } | undefined> {
  const submissionKey = (await cookies()).get(RECEIPT_COOKIE)?.value;
  const demand = await findFiledSubmission(submissionKey);
  if (!demand || !submissionKey) return undefined;
  return { receipt: await intakeReceiptOf(demand), newHref: demand.service === 'ouvidoria' ? '/ouvidoria/nova' : '/balcao', submissionKey };
}

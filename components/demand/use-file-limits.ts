'use client';

import { useState, type FormEvent } from 'react';
import { filesOverLimits } from '@/lib/attachments/rules';

export const FILES_NOT_SENT = 'Nada foi enviado ainda: confira os anexos. O que você digitou continua aqui.';

/**
 * Checks the chosen files when the form is submitted and, if they are too many or too large, stops the
 * submission and says why. Stopping it in `onSubmit` (not in the action) keeps everything the person typed
 * and chose: a post over the server's body limit would end in Next.js's bare error page instead.
 */
export function useFileLimits(field = 'files') {
  const [fileErrors, setFileErrors] = useState<string[] | undefined>(undefined);
  function checkFiles(event: FormEvent<HTMLFormElement>) {
    const files = new FormData(event.currentTarget).getAll(field).filter((value): value is File => value instanceof File);
    const problems = filesOverLimits(files);
    setFileErrors(problems.length ? problems : undefined);
    if (problems.length) event.preventDefault();
  }
  return { fileErrors, checkFiles };
}

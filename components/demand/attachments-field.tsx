'use client';

import { useEffect, useRef } from 'react';
import { FileField } from '@/components/ui/field';
import { FILES_KEPT_FIELD } from '@/lib/actions/form-state';
import { ACCEPT_ATTRIBUTE, ATTACHMENT_HINT, PHOTO_LOCATION_NOTE } from '@/lib/attachments/rules';

/**
 * The public intake forms' optional attachments (field `files`); the server checks every file by its bytes.
 * With JavaScript the chosen files are kept in memory and put back in the input after React resets the
 * form that came back with errors (unless the files themselves were refused); the post says so
 * (FILES_KEPT_FIELD), so the server does not ask to choose them again. Without JavaScript the error
 * message asks for them, once.
 */
export function AttachmentsField({ errors }: { errors?: string[] }) {
  const wrapper = useRef<HTMLDivElement>(null);
  const refused = useRef(false);
  useEffect(() => {
    refused.current = Boolean(errors?.length);
  }, [errors]);
  useEffect(() => {
    const input = wrapper.current?.querySelector<HTMLInputElement>('input[type=file]');
    const form = input?.form;
    if (!input || !form || typeof DataTransfer === 'undefined') return;
    let kept: File[] = [];
    const remember = () => {
      kept = [...(input.files ?? [])];
    };
    // `reset` fires before the fields are emptied: put the files back once it is done.
    const restore = () =>
      setTimeout(() => {
        if (refused.current || !kept.length || input.files?.length) return;
        const transfer = new DataTransfer();
        for (const file of kept) transfer.items.add(file);
        input.files = transfer.files;
      }, 0);
    // Added here, not rendered: a post made without JavaScript must not carry it.
    const marker = Object.assign(document.createElement('input'), { type: 'hidden', name: FILES_KEPT_FIELD, value: '1' });
    wrapper.current?.prepend(marker);
    input.addEventListener('change', remember);
    form.addEventListener('reset', restore);
    return () => {
      marker.remove();
      input.removeEventListener('change', remember);
      form.removeEventListener('reset', restore);
    };
  }, []);
  return (
    <div ref={wrapper}>
      <FileField
        name="files"
        label="Anexos"
        optional
        multiple
        accept={ACCEPT_ATTRIBUTE}
        hint={`${ATTACHMENT_HINT} ${PHOTO_LOCATION_NOTE}`}
        errors={errors}
      />
    </div>
  );
}

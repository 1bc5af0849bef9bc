import { FileField } from '@/components/ui/field';
import { ACCEPT_ATTRIBUTE, ATTACHMENT_HINT, PHOTO_LOCATION_NOTE } from '@/lib/attachments/rules';

/** The public intake forms' optional attachments (field `files`); the server checks every file by its bytes. */
export function AttachmentsField({ errors }: { errors?: string[] }) {
  return (
    <FileField
      name="files"
      label="Anexos"
      optional
      multiple
      accept={ACCEPT_ATTRIBUTE}
      hint={`${ATTACHMENT_HINT} ${PHOTO_LOCATION_NOTE}`}
      errors={errors}
    />
  );
}

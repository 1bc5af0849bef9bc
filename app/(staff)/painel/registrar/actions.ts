'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { formDataToObject, SUBMISSION_KEY_FIELD, uploadedFiles, withFilesToChooseAgain } from '@/lib/actions/form-state';
import { issueSubmissionKey, readSubmissionKey } from '@/lib/demands/submission-key';
import type { WorkspaceFormState } from '@/lib/actions/workspace-form-state';
import { formError, staffOrError } from '@/lib/actions/workspace-action';
import { fileDemandOnBehalf } from '@/lib/demands/staff-intake';
import { canViewDemand } from '@/lib/domain/permissions';

/**
 * Files a demand typed in by the counter or the ombudsman. The use case checks the role, the channel and
 * the chosen citizen; the intake validates the demand itself, field by field.
 */
export async function staffIntakeAction(_state: WorkspaceFormState, formData: FormData): Promise<WorkspaceFormState> {
  const guard = await staffOrError(formData);
  if ('state' in guard) return guard.state;
  const { channel, requesterUserId, [SUBMISSION_KEY_FIELD]: key, ...intake } = formDataToObject(formData);
  const files = uploadedFiles(formData);
  const submission = readSubmissionKey(key);
  if (submission.status === 'unusable') {
    // Nothing was filed with it; the form comes back with what was typed and a fresh key.
    const state = formError(formData, 'Este formulário expirou e a demanda NÃO foi registrada. Confira os dados e registre de novo.');
    return state.status === 'error' ? { ...state, values: { ...state.values, [SUBMISSION_KEY_FIELD]: issueSubmissionKey() } } : state;
  }
  const result = await fileDemandOnBehalf(guard.actor, {
    intake,
    channel,
    requesterUserId,
    files,
    submission: submission.status === 'valid' ? submission.submission : undefined,
  });
  if (!result.ok) return formError(formData, withFilesToChooseAgain(result.error, files, result.fieldErrors ?? {}), result.fieldErrors);

  const { demand } = result;
  revalidatePath('/painel', 'layout');
  const facts = {
    service: demand.service,
    kind: demand.service === 'balcao' ? ('service_request' as const) : ('complaint' as const),
    identity: 'identified' as const,
    departmentId: null,
    supportingDepartmentIds: [],
    restrictedToInternalControl: false,
  };
  // The access code of an anonymous demand is shown once, here; otherwise go to the demand itself when the
  // one who filed it may open it (the counter cannot open an Ouvidoria demand it typed in).
  if (!demand.accessCode && canViewDemand(guard.actor, facts)) redirect(`/painel/demandas/${demand.protocol}?feito=registrada`);
  return {
    status: 'success',
    result: undefined,
    message: demand.accessCode
      ? `Demanda registrada com o protocolo ${demand.protocol}. Código de acesso do cidadão: ${demand.accessCode} — informe-o agora, ele não será mostrado de novo.`
      : `Demanda registrada com o protocolo ${demand.protocol}. Informe o número ao cidadão.`,
  };
}

import { TextAreaField } from '@/components/ui/field-client';
import { ActionForm, HiddenField } from '@/components/workspace/action-form';
import { IDENTITY_REVEAL_MINUTES } from '@/lib/domain/permissions';
import { revealIdentityAction } from './actions';

/** Shown to the ombudsman on a protected demand: the identity opens only through this logged POST. */
export function RevealIdentityForm({ demandId, protocol }: { demandId: string; protocol: string }) {
  return (
    <ActionForm title="Ver a identidade do manifestante" action={revealIdentityAction} submitLabel="Ver a identidade do manifestante">
      <HiddenField name="demandId" value={demandId} />
      <HiddenField name="protocol" value={protocol} />
      <TextAreaField
        name="reason"
        label="Motivo do acesso à identidade"
        hint={`O acesso, com o seu nome, a hora e este motivo, fica registrado no log de acessos à identidade. A identidade fica visível para você por ${IDENTITY_REVEAL_MINUTES} minutos.`}
        rows={3}
      />
    </ActionForm>
  );
}

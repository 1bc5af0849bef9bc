'use client';

import { useActionState } from 'react';
import { CheckboxField, CheckboxGroupField, SelectField, TextField } from '@/components/ui/field';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleState, type FormState } from '@/lib/actions/form-state';
import { createStaffUserAction, resetUserPasswordAction, updateUserAccessAction } from './actions';

type Choice = { value: string; label: string };

const DEPARTMENTS_HINT = 'Só para os perfis Secretaria e Controle Interno; nos demais perfis não se guarda secretaria.';

function postedDepartments(state: FormState): string[] | null {
  return state.status === 'error' ? (state.values.departmentIds ?? '').split(',').filter(Boolean) : null;
}

const APPEAL_INSTANCE_CHOICES: Choice[] = [
  { value: '1', label: '1ª instância (e reclamações por omissão)' },
  { value: '2', label: '2ª instância' },
];
const APPEAL_INSTANCES_HINT = `Só para o perfil Autoridade de recurso (LAI): quem julga os recursos dos pedidos de acesso à informação. Os nomes mostrados ao cidadão ficam na configuração do município.`;

function postedAppealInstances(state: FormState): string[] | null {
  return state.status === 'error' ? (state.values.appealInstances ?? '').split(',').filter(Boolean) : null;
}

export function CreateStaffUserForm({ roles, departments }: { roles: Choice[]; departments: Choice[] }) {
  const [state, formAction] = useActionState<FormState, FormData>(createStaffUserAction, idleState);
  const errors = state.status === 'error' ? state.fieldErrors : {};
  const values = state.status === 'error' ? state.values : {};
  const labels = { name: 'Nome', email: 'E-mail', role: 'Perfil', departmentIds: 'Secretarias', appealInstances: 'Instâncias de recurso', password: 'Senha inicial', passwordConfirmation: 'Repita a senha' };
  return (
    <form action={formAction} noValidate className="space-y-4">
      {state.status === 'error' && <FormAlert tone="error" title={state.message} fieldErrors={errors} fieldLabels={labels} />}
      <TextField name="name" label={labels.name} autoComplete="off" required defaultValue={values.name} errors={errors.name} />
      <TextField name="email" label={labels.email} type="email" autoComplete="off" required defaultValue={values.email} errors={errors.email} hint="O e-mail funcional do servidor; é o login." />
      <SelectField name="role" label={labels.role} options={roles} placeholder="Escolha…" required defaultValue={values.role ?? ''} errors={errors.role} />
      <CheckboxGroupField name="departmentIds" label={labels.departmentIds} options={departments} defaultValues={postedDepartments(state) ?? []} errors={errors.departmentIds} hint={DEPARTMENTS_HINT} />
      <CheckboxGroupField name="appealInstances" label={labels.appealInstances} options={APPEAL_INSTANCE_CHOICES} defaultValues={postedAppealInstances(state) ?? []} errors={errors.appealInstances} hint={APPEAL_INSTANCES_HINT} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="password" label={labels.password} type="password" autoComplete="new-password" required errors={errors.password} hint="Pelo menos 8 caracteres. Entregue-a ao servidor por um canal seguro." />
        <TextField name="passwordConfirmation" label={labels.passwordConfirmation} type="password" autoComplete="new-password" required errors={errors.passwordConfirmation} />
      </div>
      <SubmitButton>Criar conta</SubmitButton>
    </form>
  );
}

export function UserAccessForm({
  userId,
  role,
  departmentIds,
  appealInstances,
  dataProtectionOfficer,
  roles,
  departments,
}: {
  userId: string;
  role: string;
  departmentIds: string[];
  appealInstances: number[];
  dataProtectionOfficer: boolean;
  roles: Choice[];
  departments: Choice[];
}) {
  const [state, formAction] = useActionState<FormState, FormData>(updateUserAccessAction, idleState);
  const errors = state.status === 'error' ? state.fieldErrors : {};
  return (
    <form action={formAction} noValidate className="space-y-4">
      {state.status === 'error' && <FormAlert tone="error" title={state.message} fieldErrors={errors} fieldLabels={{ role: 'Perfil', departmentIds: 'Secretarias', appealInstances: 'Instâncias de recurso' }} />}
      <input type="hidden" name="id" value={userId} />
      <SelectField name="role" label="Perfil" options={roles} required defaultValue={state.status === 'error' ? (state.values.role ?? role) : role} errors={errors.role} />
      <CheckboxGroupField name="departmentIds" label="Secretarias" options={departments} defaultValues={postedDepartments(state) ?? departmentIds} errors={errors.departmentIds} hint={DEPARTMENTS_HINT} />
      <CheckboxGroupField
        name="appealInstances"
        label="Instâncias de recurso"
        options={APPEAL_INSTANCE_CHOICES}
        defaultValues={postedAppealInstances(state) ?? appealInstances.map(String)}
        errors={errors.appealInstances}
        hint={APPEAL_INSTANCES_HINT}
      />
      <CheckboxField
        name="dataProtectionOfficer"
        label="Encarregado(a) de dados pessoais (LGPD)"
        hint="Decide os pedidos de anonimização dos cidadãos e acompanha a regra de retenção (LGPD art. 41)."
        defaultChecked={state.status === 'error' ? state.values.dataProtectionOfficer === 'on' : dataProtectionOfficer}
        errors={errors.dataProtectionOfficer}
      />
      <SubmitButton>Salvar perfil</SubmitButton>
    </form>
  );
}

export function ResetPasswordForm({ userId }: { userId: string }) {
  const [state, formAction] = useActionState<FormState, FormData>(resetUserPasswordAction, idleState);
  const errors = state.status === 'error' ? state.fieldErrors : {};
  return (
    <form action={formAction} noValidate className="space-y-4">
      {state.status === 'error' && <FormAlert tone="error" title={state.message} fieldErrors={errors} fieldLabels={{ password: 'Nova senha', passwordConfirmation: 'Repita a nova senha' }} />}
      <input type="hidden" name="id" value={userId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="password" label="Nova senha" type="password" autoComplete="new-password" required errors={errors.password} hint="Pelo menos 8 caracteres. Também desfaz um bloqueio por tentativas erradas." />
        <TextField name="passwordConfirmation" label="Repita a nova senha" type="password" autoComplete="new-password" required errors={errors.passwordConfirmation} />
      </div>
      <SubmitButton variant="secondary">Definir nova senha</SubmitButton>
    </form>
  );
}

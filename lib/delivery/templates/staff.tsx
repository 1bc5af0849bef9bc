import { Link, Section, Text } from '@react-email/components';
import { formatDate, KIND_LABELS, SERVICE_LABELS, STATE_LABELS } from '@/lib/domain/labels';
import type { StaffDemandPayload, StaffDigestPayload } from '@/lib/domain/notifications';
import { ActionLink, EmailFrame, Field, styles } from './layout';

/**
 * What staff read about their queue. These messages go to shared department mailboxes: they name the
 * demand by protocol and subject and link to the workspace, where identity protection applies, and never
 * carry the requester's name, e-mail, phone or CPF.
 */

export type StaffDemandTemplate = 'staff_new_demand' | 'staff_due_soon' | 'staff_overdue';

export function staffDemandSubject(template: StaffDemandTemplate, payload: StaffDemandPayload): string {
  switch (template) {
    case 'staff_new_demand':
      return `Nova demanda na fila: ${payload.protocol} — ${KIND_LABELS[payload.kind]}`;
    case 'staff_due_soon':
      return `Prazo perto do fim: ${payload.protocol} vence em ${formatDate(payload.dueOn)}`;
    case 'staff_overdue':
      return `Prazo vencido: ${payload.protocol} venceu em ${formatDate(payload.dueOn)}`;
  }
}

const HEADINGS: Record<StaffDemandTemplate, (payload: StaffDemandPayload) => string> = {
  staff_new_demand: (p) => (p.departmentName ? `Nova demanda para ${p.departmentName}` : 'Nova demanda na fila'),
  staff_due_soon: () => 'Uma demanda está perto do fim do prazo',
  staff_overdue: () => 'Uma demanda passou do prazo',
};

const INTROS: Record<StaffDemandTemplate, (payload: StaffDemandPayload) => string> = {
  staff_new_demand: (p) =>
    p.service === 'balcao' && p.state === 'received'
      ? `A solicitação ${p.protocol} foi registrada e está com o Balcão da Cidadania para triagem. Quando for encaminhada à sua secretaria, ela aparece na sua fila.`
      : `A demanda ${p.protocol} entrou na fila e aguarda análise.`,
  staff_due_soon: (p) => `A demanda ${p.protocol} precisa de resposta até ${formatDate(p.dueOn)}.`,
  staff_overdue: (p) => `O prazo da demanda ${p.protocol} venceu em ${formatDate(p.dueOn)} e ela ainda não foi respondida.`,
};

export function StaffDemandEmail(props: { template: StaffDemandTemplate; payload: StaffDemandPayload; workspaceUrl: string }) {
  const { template, payload, workspaceUrl } = props;
  const intro = INTROS[template](payload);
  return (
    <EmailFrame preview={intro} heading={HEADINGS[template](payload)}>
      <Text style={styles.text}>{intro}</Text>
      <Field label="Protocolo" value={payload.protocol} />
      <Field label="Serviço" value={SERVICE_LABELS[payload.service]} />
      <Field label="Tipo" value={KIND_LABELS[payload.kind]} />
      <Field label="Assunto" value={payload.subject} />
      <Field label="Situação" value={STATE_LABELS[payload.state]} />
      {payload.departmentName && <Field label="Secretaria responsável" value={payload.departmentName} />}
      <Field label="Prazo para resposta" value={formatDate(payload.dueOn)} />
      <ActionLink href={workspaceUrl} label="Abrir no painel" />
    </EmailFrame>
  );
}

export function staffDigestSubject(payload: StaffDigestPayload): string {
  return `Resumo diário de ${formatDate(payload.date)} — ${payload.departmentName}`;
}

export function StaffDigestEmail(props: { payload: StaffDigestPayload; queueUrl: string; demandUrl: (protocol: string) => string }) {
  const { payload, queueUrl, demandUrl } = props;
  const intro = `${payload.departmentName} tem ${payload.open} demanda(s) em aberto: ${payload.overdue} com prazo vencido e ${payload.dueSoon} vencendo nos próximos dias.`;
  return (
    <EmailFrame preview={intro} heading={`Resumo diário — ${formatDate(payload.date)}`}>
      <Text style={styles.text}>{intro}</Text>
      <Field label="Em aberto" value={String(payload.open)} />
      <Field label="Prazo vencido" value={String(payload.overdue)} />
      <Field label="Vencendo em até 5 dias" value={String(payload.dueSoon)} />
      <Field label="Aguardando o cidadão" value={String(payload.awaitingCitizen)} />
      {payload.items.length > 0 && (
        <Section>
          <Text style={{ ...styles.value, marginTop: '16px' }}>Demandas que pedem atenção</Text>
          {payload.items.map((item) => (
            <Text key={item.demandId} style={styles.text}>
              <Link href={demandUrl(item.protocol)} style={styles.link}>
                {item.protocol}
              </Link>{' '}
              — {item.subject} — {item.status === 'overdue' ? 'venceu em' : 'vence em'} {formatDate(item.dueOn)}
            </Text>
          ))}
        </Section>
      )}
      <ActionLink href={queueUrl} label="Abrir a fila no painel" />
    </EmailFrame>
  );
}

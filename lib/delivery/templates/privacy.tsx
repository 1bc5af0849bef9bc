import { Text } from '@react-email/components';
import { formatDate } from '@/lib/domain/labels';
import { municipality } from '@/lib/municipality';
import { ActionLink, EmailFrame, Quote, styles } from './layout';

/** The e-mails of the citizen's data rights (LGPD art. 18): the encarregado's decision, and a new request in their queue. */

export type PrivacyDecisionPayload = { decision: 'granted' | 'denied'; reason: string; anonymised: number; running: number; accountClosed: boolean };
export type PrivacyRequestFiledPayload = { dueOn: string };

export function privacyDecisionSubject(payload: PrivacyDecisionPayload): string {
  return payload.decision === 'granted' ? 'Seu pedido sobre dados pessoais foi atendido' : 'Resposta ao seu pedido sobre dados pessoais';
}

export function PrivacyDecisionEmail({ payload, privacyUrl }: { payload: PrivacyDecisionPayload; privacyUrl: string }) {
  const officer = municipality.privacy.dataProtectionOfficer;
  const lines: string[] = [];
  if (payload.decision === 'granted') {
    lines.push(
      payload.anonymised === 1
        ? 'Seus dados pessoais foram retirados de 1 pedido concluído. O protocolo e as informações estatísticas continuam guardados, sem identificar você.'
        : `Seus dados pessoais foram retirados de ${payload.anonymised} pedidos concluídos. Os protocolos e as informações estatísticas continuam guardados, sem identificar você.`,
    );
    if (payload.running > 0) lines.push(`${payload.running === 1 ? '1 pedido ainda está' : `${payload.running} pedidos ainda estão`} em andamento e continua com seus dados até ser concluído, para que possamos responder a você.`);
    if (payload.accountClosed) lines.push('Sua conta foi encerrada e os dados dela foram apagados.');
  } else {
    lines.push('O encarregado analisou o seu pedido e não pôde atendê-lo, pelo motivo abaixo.');
  }
  return (
    <EmailFrame preview={lines[0] ?? ''} heading={privacyDecisionSubject(payload)}>
      {lines.map((line) => (
        <Text key={line} style={styles.text}>
          {line}
        </Text>
      ))}
      <Quote label="Fundamentação do encarregado" text={payload.reason} />
      <Text style={styles.text}>
        Dúvidas: {officer.name}, {officer.email}, {officer.phone}. Você também pode reclamar à Autoridade Nacional de Proteção de Dados (ANPD).
      </Text>
      <ActionLink href={privacyUrl} label="Ler o aviso de privacidade" />
    </EmailFrame>
  );
}

export function PrivacyRequestFiledEmail({ payload, queueUrl }: { payload: PrivacyRequestFiledPayload; queueUrl: string }) {
  const intro = `Um cidadão pediu a anonimização dos seus dados pessoais. O prazo de resposta é ${formatDate(payload.dueOn)} (LGPD art. 19, II).`;
  return (
    <EmailFrame preview={intro} heading="Novo pedido de titular de dados">
      <Text style={styles.text}>{intro}</Text>
      <ActionLink href={queueUrl} label="Abrir a fila do encarregado" />
    </EmailFrame>
  );
}

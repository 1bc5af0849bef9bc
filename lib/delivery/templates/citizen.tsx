import { Text } from '@react-email/components';
import { DEADLINE_DAYS } from '@/lib/domain/deadlines';
import { formatDate, SERVICE_LABELS, STATE_LABELS } from '@/lib/domain/labels';
import { CITIZEN_TEMPLATE_STATES, type CitizenNotificationPayload, type CitizenTemplate } from '@/lib/domain/notifications';
import { ActionLink, EmailFrame, Field, Quote, styles } from './layout';

/** What the citizen reads about one movement of their demand. */

type Copy = {
  subject: string;
  heading: string;
  intro: string;
  /** Label of the public text, when the movement has one. */
  bodyLabel?: string;
  action: string;
  closing?: string;
};

function nounOf(service: CitizenNotificationPayload['service']): string {
  return service === 'balcao' ? 'solicitação' : 'manifestação';
}

export function citizenCopy(template: CitizenTemplate, payload: CitizenNotificationPayload): Copy {
  const noun = nounOf(payload.service);
  const protocol = payload.protocol;
  const where = payload.departmentName ? ` para ${payload.departmentName}` : '';
  switch (template) {
    case 'demand_received':
      return {
        subject: `Recebemos sua ${noun} — protocolo ${protocol}`,
        heading: `Recebemos sua ${noun}`,
        intro: `Sua ${noun} foi registrada com o protocolo ${protocol}. Guarde este número: ele identifica o seu pedido em qualquer canal de atendimento.`,
        action: `Acompanhar a ${noun}`,
      };
    case 'demand_forwarded':
      return {
        subject: `Sua ${noun} ${protocol} foi encaminhada`,
        heading: `Sua ${noun} foi encaminhada${where}`,
        intro: `A ${noun} ${protocol} foi encaminhada${where}, que vai analisá-la e responder dentro do prazo.`,
        bodyLabel: 'Observação',
        action: `Acompanhar a ${noun}`,
      };
    case 'public_reply':
      return {
        subject: `Nova mensagem sobre a sua ${noun} ${protocol}`,
        heading: 'Há uma nova mensagem para você',
        intro: `A Prefeitura escreveu sobre a ${noun} ${protocol}.`,
        bodyLabel: 'Mensagem',
        action: `Ver a ${noun}`,
      };
    case 'info_requested':
      return {
        subject: `Precisamos de mais informações — protocolo ${protocol}`,
        heading: 'Precisamos de mais informações',
        intro: `Para continuar a análise da ${noun} ${protocol}, precisamos que você complemente o pedido.`,
        bodyLabel: 'O que precisamos saber',
        action: 'Responder agora',
        closing: `O prazo de resposta fica suspenso até a sua complementação. Sem resposta em ${DEADLINE_DAYS.awaitingCitizenArchive} dias, a ${noun} será arquivada.`,
      };
    case 'deadline_extended':
      return {
        subject: `Prazo prorrogado — protocolo ${protocol}`,
        heading: 'O prazo de resposta foi prorrogado',
        intro: `O prazo para responder a ${noun} ${protocol} foi prorrogado uma vez, com a justificativa abaixo.`,
        bodyLabel: 'Justificativa',
        action: `Acompanhar a ${noun}`,
      };
    case 'final_answer':
      return {
        subject: `Resposta à sua ${noun} ${protocol}`,
        heading: `Sua ${noun} foi respondida`,
        intro: `Esta é a resposta conclusiva da Prefeitura à ${noun} ${protocol}.`,
        bodyLabel: 'Resposta',
        action: 'Ver a resposta e avaliar o atendimento',
        closing: `Se a resposta não resolveu o problema, você pode reabrir a ${noun} uma vez, em até ${DEADLINE_DAYS.reopenWindow} dias, pela mesma página.`,
      };
    case 'demand_archived':
      return {
        subject: `Sua ${noun} ${protocol} foi arquivada`,
        heading: `Sua ${noun} foi arquivada`,
        intro: `A ${noun} ${protocol} foi arquivada pelo motivo abaixo.`,
        bodyLabel: 'Justificativa',
        action: `Ver a ${noun}`,
        closing: 'Se discordar, registre uma nova manifestação citando este protocolo.',
      };
    case 'demand_reopened':
      return {
        subject: `Sua ${noun} ${protocol} foi reaberta`,
        heading: `Sua ${noun} foi reaberta`,
        intro: `Recebemos o seu pedido de reabertura da ${noun} ${protocol}. Ela voltou para análise.`,
        bodyLabel: 'Motivo informado',
        action: `Acompanhar a ${noun}`,
      };
    case 'appeal_filed':
      return {
        subject: `Recebemos o seu recurso — protocolo ${protocol}`,
        heading: 'Recebemos o seu recurso',
        intro: `O recurso sobre o pedido ${protocol} foi registrado e enviado à autoridade que vai julgá-lo${payload.dueOn ? `, que decide até ${formatDate(payload.dueOn)}` : ''}.`,
        bodyLabel: 'O que você escreveu',
        action: 'Acompanhar o pedido',
        closing: 'Você receberá a decisão por aqui. Se o prazo passar sem decisão, fale com a Ouvidoria citando este protocolo.',
      };
    case 'appeal_decided':
      return {
        subject: `Decisão sobre o seu recurso — protocolo ${protocol}`,
        heading: 'O seu recurso foi decidido',
        intro: `A autoridade responsável decidiu o recurso sobre o pedido ${protocol}.`,
        bodyLabel: 'Decisão',
        action: 'Ver a decisão',
      };
    case 'satisfaction_survey':
      return {
        subject: `Como foi o atendimento? — protocolo ${protocol}`,
        heading: 'Conte como foi o atendimento',
        intro: `A ${noun} ${protocol} foi respondida. Sua avaliação leva um minuto e ajuda a Prefeitura a melhorar os serviços.`,
        action: 'Avaliar o atendimento',
      };
  }
}

/** The files themselves stay behind the personal link: the e-mail names them. */
export function attachmentsLine(names: readonly string[]): string {
  return names.length === 1
    ? `Anexo: ${names[0]}. Abra pelo link abaixo para baixá-lo.`
    : `Anexos (${names.length}): ${names.join(', ')}. Abra pelo link abaixo para baixá-los.`;
}

/** Files of the citizen's e-mail left out by the attachment rules, each named with its reason. */
export function refusedFilesLine(files: readonly { name: string; reason: string }[]): string {
  const list = files.map((file) => `"${file.name}" (${file.reason})`).join('; ');
  return `${files.length === 1 ? 'Este anexo não foi aceito' : 'Estes anexos não foram aceitos'}: ${list}. Aceitamos fotos JPEG, PNG, WebP ou HEIC e documentos PDF de até 10 MB, no máximo 5 por mensagem; responda a este e-mail com os arquivos corrigidos, se quiser.`;
}

export function CitizenEmail(props: { template: CitizenTemplate; payload: CitizenNotificationPayload; statusUrl: string }) {
  const { template, payload, statusUrl } = props;
  const copy = citizenCopy(template, payload);
  const state = payload.state ?? CITIZEN_TEMPLATE_STATES[template];
  return (
    <EmailFrame preview={copy.intro} heading={copy.heading}>
      <Text style={styles.text}>{copy.intro}</Text>
      {payload.closedProtocol && (
        <Text style={styles.text}>
          A {nounOf(payload.service)} {payload.closedProtocol}, a que o seu e-mail respondia, já foi encerrada e não pode mais ser reaberta. Por isso a sua
          mensagem foi registrada como uma nova {nounOf(payload.service)}.
        </Text>
      )}
      <Field label="Protocolo" value={payload.protocol} />
      <Field label="Serviço" value={SERVICE_LABELS[payload.service]} />
      {state && <Field label="Situação" value={STATE_LABELS[state]} />}
      {payload.dueOn && state !== 'awaiting_citizen' && state !== 'answered' && state !== 'archived' && state !== 'closed' && (
        <Field label="Prazo para resposta" value={formatDate(payload.dueOn)} />
      )}
      {payload.accessCode && <Field label="Código de acesso" value={payload.accessCode} />}
      {payload.accessCode && (
        <Text style={styles.text}>
          Para acompanhar pela página Acompanhar protocolo, informe o protocolo e este código: por segurança, o seu e-mail e o seu celular não
          abrem esta {nounOf(payload.service)}. Não compartilhe o código.
        </Text>
      )}
      {payload.body && copy.bodyLabel && <Quote label={copy.bodyLabel} text={payload.body} />}
      {payload.attachmentNames?.length ? <Text style={styles.text}>{attachmentsLine(payload.attachmentNames)}</Text> : null}
      {payload.refusedFiles?.length ? <Text style={styles.text}>{refusedFilesLine(payload.refusedFiles)}</Text> : null}
      <ActionLink href={statusUrl} label={copy.action} />
      {copy.closing && <Text style={styles.text}>{copy.closing}</Text>}
      <Text style={styles.muted}>
        Este link é pessoal: ele abre a sua {nounOf(payload.service)} sem senha. Não o compartilhe.
      </Text>
    </EmailFrame>
  );
}

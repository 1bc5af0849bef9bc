import type { ConversationInput } from './state';

/** A one-line description of what a citizen sent, for the simulators and the demand's thread. */
export function inputPreview(input: ConversationInput | null): string {
  if (!input) return '(reação ou aviso do sistema)';
  switch (input.type) {
    case 'text':
      return input.text;
    case 'choice':
      return `[${input.title}]`;
    case 'media':
      return `${input.media.kind === 'image' ? 'Foto' : 'Documento'}${input.media.fileName ? ` “${input.media.fileName}”` : ''}${input.media.caption ? `: ${input.media.caption}` : ''}`;
    case 'location':
      return `Localização: ${[input.name, input.address].filter(Boolean).join(', ') || `${input.latitude}, ${input.longitude}`}`;
    case 'unsupported':
      return `(mensagem do tipo ${input.messageType})`;
  }
}

import { GOVBR_CALLBACK_ERROR } from './callback-errors';

export type GovbrNotice = { tone: 'error' | 'success' | 'info'; title: string };

/** What /entrar says after a gov.br round trip (`?govbr=` from our callback, `?error=` from Auth.js). */
export function govbrSignInNotice(params: { govbr?: string; error?: string; code?: string }): GovbrNotice | null {
  if (params.error === GOVBR_CALLBACK_ERROR) {
    return {
      tone: 'error',
      title:
        'Não foi possível confirmar sua entrada com gov.br: a resposta do gov.br expirou, já tinha sido usada, não começou neste navegador ou não era destinada a este site. Nada foi alterado. Tente entrar com gov.br de novo.',
    };
  }
  if (params.error === 'CredentialsSignin' && params.code === 'govbr') {
    return {
      tone: 'error',
      title: 'Seu perfil exige uma conta gov.br vinculada de nível prata ou ouro, além da senha. Entre com gov.br uma vez para vincular ou atualizar o nível e depois entre com sua senha.',
    };
  }
  switch (params.govbr) {
    case 'confirme-email':
      return {
        tone: 'info',
        title: 'Este e-mail já tem uma conta aqui. Enviamos um link para ele: abra-o e confirme para juntar o gov.br à sua conta. Até lá, nada foi vinculado.',
      };
    case 'vinculada':
      return { tone: 'success', title: 'Conta gov.br vinculada. Agora você pode entrar com gov.br.' };
    case 'servidor':
      return { tone: 'info', title: 'Conta gov.br conferida e nível atualizado. Servidores entram com e-mail e senha: continue abaixo.' };
    case 'inativa':
      return { tone: 'error', title: 'Esta conta está desativada. Procure a Ouvidoria.' };
    case 'sem-email':
      return { tone: 'error', title: 'Sua conta gov.br não informou um e-mail. Cadastre um e-mail no gov.br (acesso.gov.br) e tente de novo, ou crie uma conta aqui.' };
    case 'recusado':
      return { tone: 'error', title: 'O gov.br não confirmou um CPF válido para esta entrada. Tente de novo em instantes.' };
    default:
      return null;
  }
}

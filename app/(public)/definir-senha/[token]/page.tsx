import type { Metadata } from 'next';
import { passwordSetupLinkIsValid } from '@/lib/accounts/password-setup';
import { FormAlert } from '@/components/forms/form-alert';
import { SetPasswordForm } from './set-password-form';

// The token is a credential: keep the page out of search engines and out of Referer headers sent to other
// sites. Not "no-referrer": browsers then post the form with `Origin: null`, which Next refuses.
export const metadata: Metadata = {
  title: 'Definir senha',
  robots: { index: false, follow: false },
  referrer: 'same-origin',
};

type Props = { params: Promise<{ token: string }> };

/** Where the link printed by `npm run admin:create` leads: the administrator sets their password once. */
export default async function SetPasswordPage({ params }: Props) {
  const { token } = await params;
  const valid = await passwordSetupLinkIsValid(token);
  return (
    <div className="max-w-xl">
      <h1 className="text-3xl font-bold">Definir senha</h1>
      {valid ? (
        <>
          <p className="mt-2 text-slate-700">Crie a senha da sua conta. Este link vale uma única vez.</p>
          <div className="mt-8">
            <SetPasswordForm token={token} />
          </div>
        </>
      ) : (
        <div className="mt-6">
          <FormAlert tone="error" title="Este link para definir a senha não vale mais.">
            <p className="mt-1">Ele já foi usado ou expirou. Peça um novo link a quem administra o sistema.</p>
          </FormAlert>
        </div>
      )}
    </div>
  );
}

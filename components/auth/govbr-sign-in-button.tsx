/**
 * "Entrar com gov.br" as gov.br's design system draws it (a pill in gov.br blue). A plain form post: it
 * works without JavaScript.
 */
export function GovbrSignInButton({ action, callbackUrl }: { action: (formData: FormData) => Promise<void>; callbackUrl?: string }) {
  return (
    <form action={action}>
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <button type="submit" className="inline-flex min-h-11 items-center gap-2 rounded-full bg-[#1351b4] px-6 py-2 font-semibold text-white hover:bg-[#0c326f]">
        Entrar com <span className="font-bold">gov.br</span>
      </button>
    </form>
  );
}

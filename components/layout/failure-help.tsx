import type { Contact } from '@/lib/municipality-identity';
import { PhoneLink, PhoneLinks } from '@/components/ui/contact-links';

/**
 * Where to turn when the site fails: the Ouvidoria's and the Balcão's phones and opening hours, so that a
 * citizen on an error page is never left without a way to be heard.
 */
export function FailureContacts({ ouvidoria, balcao }: { ouvidoria: Contact; balcao: Contact }) {
  return (
    <section aria-labelledby="contatos-atendimento" className="rounded border border-slate-300 bg-slate-50 p-4">
      <h2 id="contatos-atendimento" className="text-lg font-bold">
        Prefere falar com alguém?
      </h2>
      <dl className="mt-2 space-y-3">
        <ContactLine title="Ouvidoria Municipal" contact={ouvidoria} />
        <ContactLine title="Balcão da Cidadania" contact={balcao} />
      </dl>
    </section>
  );
}

function ContactLine({ title, contact }: { title: string; contact: Contact }) {
  return (
    <div>
      <dt className="font-semibold">{title}</dt>
      <dd>
        Telefone: {contact.tollFree && (
          <>
            <PhoneLink number={contact.tollFree} /> (ligação gratuita) ·{' '}
          </>
        )}
        <PhoneLinks numbers={contact.phones} separator=" · " />
      </dd>
      <dd>{contact.hours}</dd>
    </div>
  );
}

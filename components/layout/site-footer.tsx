import Link from 'next/link';
import type { Contact, MunicipalityConfig } from '@/lib/municipality';
import { CHARTER_PATH } from '@/lib/service-charter/paths';
import { EmailLink, PhoneLink } from '@/components/ui/contact-links';

function ContactBlock({ title, contact }: { title: string; contact: Contact }) {
  return (
    <section>
      <h2 className="font-semibold">{title}</h2>
      <ul className="mt-1 space-y-0.5 text-sm">
        {contact.tollFree && (
          <li>
            Ligação gratuita: <PhoneLink number={contact.tollFree} />
          </li>
        )}
        <li>
          Telefone:{' '}
          {contact.phones.map((phone, index) => (
            <span key={phone}>
              {index > 0 && ' / '}
              <PhoneLink number={phone} />
            </span>
          ))}
        </li>
        {contact.whatsapp && (
          <li>
            WhatsApp: <PhoneLink number={contact.whatsapp} />
          </li>
        )}
        <li>
          E-mail: <EmailLink address={contact.email} />
        </li>
        <li>{contact.address}</li>
        <li>{contact.hours}</li>
      </ul>
    </section>
  );
}

export function SiteFooter({ municipality }: { municipality: MunicipalityConfig }) {
  return (
    <footer id="rodape" className="mt-12 border-t border-slate-300 bg-slate-100">
      <div className="mx-auto grid max-w-5xl gap-6 px-4 py-8 sm:grid-cols-2">
        <ContactBlock title="Ouvidoria Municipal" contact={municipality.ouvidoria} />
        <ContactBlock title="Balcão da Cidadania" contact={municipality.balcao} />
        <p className="text-sm sm:col-span-2">
          <Link href={CHARTER_PATH} className="font-semibold text-brand underline">
            Carta de Serviços ao Usuário
          </Link>
          : o que cada serviço exige, prazos, locais, horários e como reclamar.
        </p>
        <p className="text-sm sm:col-span-2">
          {municipality.prefeitura} — {municipality.name}/{municipality.state}. Manifestações conforme a Lei nº 13.460/2017 e
          pedidos de informação conforme a Lei nº 12.527/2011 (Lei de Acesso à Informação).
        </p>
        <p className="text-sm sm:col-span-2">
          <Link href="/privacidade" className="text-brand underline">
            Aviso de privacidade e seus direitos sobre dados pessoais (LGPD)
          </Link>
          {' · '}
          <Link href="/acessibilidade" className="text-brand underline">
            Acessibilidade
          </Link>{' '}
          — encarregado: <EmailLink address={municipality.privacy.dataProtectionOfficer.email} />
        </p>
      </div>
    </footer>
  );
}

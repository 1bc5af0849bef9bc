import Link from 'next/link';
import type { MunicipalityConfig } from '@/lib/municipality';
import { signOutAction } from '@/app/account-actions';
import { EXAMPLE_PROTOCOL } from '@/lib/domain/protocol';
import { CloseMenuOnNavigate } from './close-menu-on-navigate';

/** Who is signed in, as far as the header needs to know (no database types in components). */
export type HeaderAccount = { name: string; isStaff: boolean } | null;

/**
 * gov.br's header pattern (design system "br-header"): a white bar under the thin dark accessibility bar,
 * the municipality's emblem and the site's name on the left, the protocol search and the links on the
 * right ("Entrar" as the pill-shaped sign-in button), in the municipality's colour (configuration). From
 * 1024 px up the search sits on the identity's line and the links take the line below, the sign-in at its
 * right end. Under 640 px the menu and the protocol lookup fold behind a "Menu" button — a <details>
 * disclosure, so it opens without JavaScript and from the keyboard, and browsers announce it expanded or
 * collapsed. From 640 px up globals.css (`.site-menu`) shows the folded content and hides the button.
 */
export function SiteHeader({ municipality, account }: { municipality: MunicipalityConfig; account: HeaderAccount }) {
  const link = 'flex min-h-11 items-center whitespace-nowrap rounded px-3 py-2 font-semibold text-brand underline-offset-4 hover:underline';
  // gov.br's sign-in button: a pill in the municipality's colour, from 640 px up (a plain menu item on a phone).
  const signIn = `${link} sm:ml-2 sm:min-h-10 sm:rounded-full sm:bg-brand sm:px-5 sm:text-white sm:hover:bg-brand-dark`;
  return (
    <header className="border-b border-slate-200 bg-white text-slate-900 shadow-[0_1px_6px_rgba(51,51,51,0.16)]">
      <div className="relative mx-auto max-w-5xl px-4">
        <div className="flex min-h-14 items-center py-2 pr-28 sm:py-3 sm:pr-0">
          <Link href="/" className="flex items-center gap-3 text-slate-900 no-underline">
            {/* eslint-disable-next-line @next/next/no-img-element -- an SVG, nothing for next/image to optimise; a plain <img> keeps next/image's client script off every public page */}
            <img src={municipality.emblemPath} alt="" width={40} height={45} fetchPriority="high" className="h-9 w-auto sm:h-11" />
            <span>
              <span className="hidden text-sm font-medium text-slate-700 sm:block">{municipality.prefeitura}</span>
              <span className="block text-lg font-bold text-brand sm:text-xl">Ouvidoria Digital</span>
            </span>
          </Link>
        </div>
        <details className="site-menu">
          <summary className="absolute right-4 top-2.5 flex min-h-10 cursor-pointer list-none items-center gap-2 rounded-full border-2 border-brand px-3 font-semibold text-brand sm:hidden">
            <span aria-hidden="true" className="menu-icon" />
            Menu
          </summary>
          <div className="flex flex-col gap-3 border-t border-slate-200 pt-2 pb-4 sm:flex-row-reverse sm:items-center sm:justify-between sm:gap-4 sm:pb-2">
            <form action="/acompanhar" method="get" role="search" aria-label="Acompanhar protocolo" className="flex flex-wrap items-center gap-2 px-3 sm:px-0 lg:absolute lg:right-4 lg:top-3.5 lg:flex-nowrap">
              <label htmlFor="busca" className="text-sm font-medium text-slate-700">
                Acompanhar protocolo
              </label>
              <span className="flex gap-2">
                <input
                  id="busca"
                  name="protocolo"
                  inputMode="numeric"
                  autoComplete="off"
                  placeholder={EXAMPLE_PROTOCOL}
                  className="min-h-10 w-40 rounded-md border border-slate-600 bg-white px-2 text-slate-900"
                />
                <button type="submit" className="min-h-10 rounded-full border-2 border-brand px-4 font-semibold text-brand hover:bg-brand hover:text-white">
                  Ir
                </button>
              </span>
            </form>
            <nav id="menu" aria-label="Menu principal" className="lg:w-full">
              <ul className="flex flex-col sm:flex-row sm:flex-wrap sm:items-center">
                <li><Link className={link} href="/">Início</Link></li>
                <li><Link className={link} href="/ouvidoria">Ouvidoria</Link></li>
                <li><Link className={link} href="/balcao">Balcão da Cidadania</Link></li>
                <li><Link className={link} href="/acompanhar">Acompanhar protocolo</Link></li>
                {account === null && <li className="lg:ml-auto"><Link className={signIn} href="/entrar">Entrar</Link></li>}
                {account && (
                  <li className="lg:ml-auto">
                    <Link className={link} href={account.isStaff ? '/painel' : '/minhas-manifestacoes'}>
                      {account.isStaff ? 'Painel' : 'Minhas manifestações'}
                    </Link>
                  </li>
                )}
                {account && (
                  <li>
                    <form action={signOutAction}>
                      <button type="submit" className={`${link} w-full text-left`}>
                        Sair<span className="sr-only"> da conta de {account.name}</span>
                      </button>
                    </form>
                  </li>
                )}
              </ul>
            </nav>
          </div>
        </details>
        <CloseMenuOnNavigate />
      </div>
    </header>
  );
}

import Image from 'next/image';
import Link from 'next/link';
import type { MunicipalityConfig } from '@/lib/municipality';
import { signOutAction } from '@/app/account-actions';
import { EXAMPLE_PROTOCOL } from '@/lib/domain/protocol';
import { CloseMenuOnNavigate } from './close-menu-on-navigate';

/** Who is signed in, as far as the header needs to know (no database types in components). */
export type HeaderAccount = { name: string; isStaff: boolean } | null;

/**
 * gov.br's header pattern: the emblem and the site's name on one line. Under 640 px the menu and the
 * protocol lookup fold behind a "Menu" button — a <details> disclosure, so it opens without JavaScript
 * and from the keyboard, and browsers announce it expanded or collapsed. From 640 px up globals.css
 * (`.site-menu`) shows the folded content and hides the button.
 */
export function SiteHeader({ municipality, account }: { municipality: MunicipalityConfig; account: HeaderAccount }) {
  const link = 'flex min-h-11 items-center rounded px-3 py-2 font-medium text-white hover:bg-brand-dark hover:underline';
  return (
    <header className="bg-brand text-white">
      <div className="relative mx-auto max-w-5xl px-4">
        <div className="flex min-h-14 items-center py-2 pr-28 sm:py-3 sm:pr-0">
          <Link href="/" className="flex items-center gap-3 text-white no-underline">
            <Image src={municipality.emblemPath} alt="" width={40} height={45} priority className="h-9 w-auto sm:h-11" />
            <span>
              <span className="hidden text-sm sm:block">{municipality.prefeitura}</span>
              <span className="block text-lg font-bold sm:text-xl">Ouvidoria Digital</span>
            </span>
          </Link>
        </div>
        <details className="site-menu">
          <summary className="absolute right-4 top-2.5 flex min-h-10 cursor-pointer list-none items-center gap-2 rounded border border-white px-3 font-semibold sm:hidden">
            <span aria-hidden="true" className="menu-icon" />
            Menu
          </summary>
          <div className="flex flex-col gap-3 border-t border-white/30 pt-2 pb-4 sm:flex-row-reverse sm:items-center sm:justify-between sm:pb-1">
            <form action="/acompanhar" method="get" role="search" aria-label="Acompanhar protocolo" className="flex flex-wrap items-center gap-2 px-3 sm:px-0">
              <label htmlFor="busca" className="text-sm">
                Acompanhar protocolo
              </label>
              <span className="flex gap-2">
                <input
                  id="busca"
                  name="protocolo"
                  inputMode="numeric"
                  autoComplete="off"
                  placeholder={EXAMPLE_PROTOCOL}
                  className="min-h-10 w-40 rounded border border-white bg-white px-2 text-slate-900"
                />
                <button type="submit" className="min-h-10 rounded border border-white px-3 font-medium hover:bg-brand-dark">
                  Ir
                </button>
              </span>
            </form>
            <nav id="menu" aria-label="Menu principal">
              <ul className="flex flex-col sm:flex-row sm:flex-wrap">
                <li><Link className={link} href="/">Início</Link></li>
                <li><Link className={link} href="/ouvidoria">Ouvidoria</Link></li>
                <li><Link className={link} href="/balcao">Balcão da Cidadania</Link></li>
                <li><Link className={link} href="/acompanhar">Acompanhar protocolo</Link></li>
                {account === null && <li><Link className={link} href="/entrar">Entrar</Link></li>}
                {account && (
                  <li>
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

import Image from 'next/image';
import Link from 'next/link';
import type { MunicipalityConfig } from '@/lib/municipality';
import { signOutAction } from '@/app/account-actions';
import { EXAMPLE_PROTOCOL } from '@/lib/domain/protocol';

/** Who is signed in, as far as the header needs to know (no database types in components). */
export type HeaderAccount = { name: string; isStaff: boolean } | null;

export function SiteHeader({ municipality, account }: { municipality: MunicipalityConfig; account: HeaderAccount }) {
  const link = 'block rounded px-3 py-2 font-medium text-white hover:bg-brand-dark hover:underline';
  return (
    <header className="bg-brand text-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-4 px-4 py-4">
        <Link href="/" className="flex items-center gap-3 text-white no-underline">
          <Image src={municipality.emblemPath} alt="" width={40} height={45} priority />
          <span>
            <span className="block text-sm">{municipality.prefeitura}</span>
            <span className="block text-xl font-bold">Ouvidoria Digital</span>
          </span>
        </Link>
        <form action="/acompanhar" method="get" role="search" className="flex items-center gap-2">
          <label htmlFor="busca" className="text-sm">
            Acompanhar protocolo
          </label>
          <input
            id="busca"
            name="protocolo"
            inputMode="numeric"
            autoComplete="off"
            placeholder={EXAMPLE_PROTOCOL}
            className="w-40 rounded border border-white bg-white px-2 py-1 text-slate-900"
          />
          <button type="submit" className="rounded border border-white px-3 py-1 font-medium hover:bg-brand-dark">
            Ir
          </button>
        </form>
      </div>
      <nav id="menu" aria-label="Menu principal" className="border-t border-white/30">
        <ul className="mx-auto flex max-w-5xl flex-wrap px-2">
          <li><Link className={link} href="/">Início</Link></li>
          <li><Link className={link} href="/ouvidoria">Ouvidoria</Link></li>
          <li><Link className={link} href="/balcao">Balcão da Cidadania</Link></li>
          <li><Link className={link} href="/acompanhar">Acompanhar protocolo</Link></li>
          {account === null && (
            <li className="sm:ml-auto"><Link className={link} href="/entrar">Entrar</Link></li>
          )}
          {account && (
            <li className="sm:ml-auto">
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
    </header>
  );
}

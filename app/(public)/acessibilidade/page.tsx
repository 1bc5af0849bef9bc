import type { Metadata } from 'next';
import Link from 'next/link';
import { EmailLink, PhoneLink } from '@/components/ui/contact-links';
import { vlibrasEnabled } from '@/lib/accessibility/vlibras';
import { municipality } from '@/lib/municipality';

export const metadata: Metadata = { title: 'Acessibilidade' };

// Whether VLibras is on is read from the environment at run time.
export const dynamic = 'force-dynamic';

/** eMAG's accessibility page: what the site offers, how to use it, and how to report a barrier. */
export default function AccessibilityPage() {
  const contact = municipality.ouvidoria;
  const librasOn = vlibrasEnabled();
  return (
    <article className="max-w-3xl space-y-8">
      <div>
        <h1 className="text-3xl font-bold">Acessibilidade</h1>
        <p className="mt-2">
          Este site segue o Modelo de Acessibilidade em Governo Eletrônico (eMAG) e as Diretrizes de Acessibilidade para Conteúdo Web
          (WCAG 2.1, nível AA). Todos os formulários funcionam com teclado, com leitores de tela e também sem JavaScript.
        </p>
      </div>

      <section aria-labelledby="atalhos" className="space-y-2">
        <h2 id="atalhos" className="text-2xl font-bold">
          Atalhos de teclado
        </h2>
        <p>No topo de cada página há links para ir direto a cada parte. Eles também respondem a teclas de atalho:</p>
        <ul className="list-disc space-y-1 pl-6">
          <li><strong>1</strong> — ir para o conteúdo;</li>
          <li><strong>2</strong> — ir para o menu;</li>
          <li><strong>3</strong> — ir para a busca de protocolo;</li>
          <li><strong>4</strong> — ir para o rodapé.</li>
        </ul>
        <p>
          Como usar: no Chrome e no Edge (Windows), <kbd>Alt</kbd> + número; no Firefox (Windows), <kbd>Alt</kbd> + <kbd>Shift</kbd> +
          número; no Mac, <kbd>Control</kbd> + <kbd>Option</kbd> + número. No celular, o menu fica no botão <strong>Menu</strong>, no
          alto da página.
        </p>
      </section>

      <section aria-labelledby="contraste" className="space-y-2">
        <h2 id="contraste" className="text-2xl font-bold">
          Alto contraste e tamanho do texto
        </h2>
        <p>
          O botão <strong>Alto contraste</strong>, no alto da página, mostra o site com fundo preto, texto branco e links amarelos. Os
          botões <strong>A+</strong> e <strong>A−</strong> aumentam e diminuem o texto. A escolha fica guardada neste navegador.
          Também é possível ampliar a página com <kbd>Ctrl</kbd> + <kbd>+</kbd> (<kbd>Cmd</kbd> + <kbd>+</kbd> no Mac) ou com o
          gesto de pinça no celular.
        </p>
      </section>

      <section aria-labelledby="libras" className="space-y-2">
        <h2 id="libras" className="text-2xl font-bold">
          Libras
        </h2>
        {librasOn ? (
          <p>
            O site traz o VLibras, a ferramenta do governo federal que traduz textos para a Língua Brasileira de Sinais. Clique no
            ícone de mãos, no canto direito da tela, e depois no texto que quer ver em Libras.
          </p>
        ) : (
          <p>
            A tradução automática para Libras (VLibras) está desligada neste endereço. Para atendimento em Libras, procure a Ouvidoria
            pelos canais abaixo.
          </p>
        )}
      </section>

      <section aria-labelledby="barreira" className="space-y-2">
        <h2 id="barreira" className="text-2xl font-bold">
          Encontrou uma barreira?
        </h2>
        <p>
          Se alguma parte do site não funcionar com a sua tecnologia assistiva, conte para nós: registre uma{' '}
          <Link href="/ouvidoria/nova?tipo=reclamacao" className="font-semibold text-brand underline">
            reclamação na Ouvidoria
          </Link>{' '}
          dizendo a página, o que tentou fazer e o que usa para navegar (leitor de tela, teclado, ampliação). Também pelo telefone{' '}
          <PhoneLink number={contact.tollFree ?? contact.phones[0] ?? ''} /> ou pelo e-mail <EmailLink address={contact.email} />.
        </p>
      </section>
    </article>
  );
}

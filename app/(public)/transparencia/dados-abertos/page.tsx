import type { Metadata } from 'next';
import { dateInSaoPaulo } from '@/lib/domain/deadlines';
import { OPEN_DATA_COLUMNS } from '@/lib/stats/open-data';

export const metadata: Metadata = { title: 'Dados abertos das manifestações' };

const link = 'text-brand underline underline-offset-2';

export default function OpenDataPage() {
  const currentYear = Number(dateInSaoPaulo(new Date()).slice(0, 4));
  const years = Array.from({ length: 4 }, (_, i) => currentYear - i);
  return (
    <>
      <h1 className="text-2xl font-bold">Dados abertos das manifestações</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        Uma linha por manifestação da Ouvidoria ou pedido do Balcão da Cidadania, atualizada a cada download. Os arquivos não trazem nome,
        e-mail, telefone, CPF, endereço nem qualquer texto escrito pelo cidadão ou pela Prefeitura: só classificação, secretaria, bairro,
        canal, datas e situação. Licença: uso livre, citando a fonte.
      </p>
      <h2 className="mt-8 text-xl font-semibold">Pedidos de acesso à informação</h2>
      <p className="mt-2 max-w-3xl">
        Por ano: pedidos recebidos, concedidos, parcialmente concedidos, negados (por fundamento legal), informação não mantida, recursos de 1ª e 2ª
        instância com suas decisões, reclamações por omissão e a mediana de dias até a resposta (Lei nº 12.527/2011, art. 30):{' '}
        <a className={link} href="/transparencia/dados-abertos/pedidos-de-informacao.csv">
          CSV<span className="sr-only"> dos pedidos de acesso à informação</span>
        </a>{' '}
        ·{' '}
        <a className={link} href="/transparencia/dados-abertos/pedidos-de-informacao.json">
          JSON<span className="sr-only"> dos pedidos de acesso à informação</span>
        </a>
      </p>
      <h2 className="mt-8 text-xl font-semibold">Downloads</h2>
      <ul className="mt-2 space-y-1">
        <li>
          Todos os anos:{' '}
          <a className={link} href="/transparencia/dados-abertos/manifestacoes.csv">
            CSV<span className="sr-only"> de todos os anos</span>
          </a>{' '}
          ·{' '}
          <a className={link} href="/transparencia/dados-abertos/manifestacoes.json">
            JSON<span className="sr-only"> de todos os anos</span>
          </a>
        </li>
        {years.map((year) => (
          <li key={year}>
            {year}:{' '}
            <a className={link} href={`/transparencia/dados-abertos/manifestacoes.csv?ano=${year}`}>
              CSV<span className="sr-only"> de {year}</span>
            </a>{' '}
            ·{' '}
            <a className={link} href={`/transparencia/dados-abertos/manifestacoes.json?ano=${year}`}>
              JSON<span className="sr-only"> de {year}</span>
            </a>
          </li>
        ))}
        <li>
          Perfil dos solicitantes (respostas opcionais, somadas, sem contagens menores que 5):{' '}
          <a className={link} href="/transparencia/dados-abertos/perfil-dos-solicitantes.json">
            JSON<span className="sr-only"> do perfil dos solicitantes</span>
          </a>
        </li>
      </ul>
      <p className="mt-2 text-sm text-slate-700">
        CSV em UTF-8, separado por ponto e vírgula, com cabeçalho; valores lógicos como &quot;sim&quot; e &quot;não&quot;. JSON: uma lista de
        objetos com os mesmos nomes de coluna, valores lógicos como true e false. Campos vazios: null no JSON.
      </p>
      <h2 className="mt-8 text-xl font-semibold">Dicionário de dados</h2>
      <div className="mt-3 overflow-x-auto" tabIndex={0} role="region" aria-label="Dicionário de dados">
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">Colunas dos arquivos de dados abertos</caption>
          <thead>
            <tr className="border-b-2 border-slate-400 text-left">
              <th scope="col" className="px-2 py-1">Coluna</th>
              <th scope="col" className="px-2 py-1">Tipo</th>
              <th scope="col" className="px-2 py-1">Descrição</th>
            </tr>
          </thead>
          <tbody>
            {OPEN_DATA_COLUMNS.map((column) => (
              <tr key={column.name} className="border-b border-slate-200 align-top">
                <th scope="row" className="px-2 py-1 text-left font-mono font-normal">
                  {column.name}
                </th>
                <td className="px-2 py-1">{column.type}</td>
                <td className="px-2 py-1">{column.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

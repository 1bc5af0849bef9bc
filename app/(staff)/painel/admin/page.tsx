import type { Metadata } from 'next';
import Link from 'next/link';
import { requireRole } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';

export const metadata: Metadata = { title: 'Administração' };

const SECTIONS = [
  { href: '/painel/admin/secretarias', label: 'Secretarias', text: 'Criar, renomear, ativar ou desativar secretarias e indicar o Controle Interno.' },
  { href: '/painel/admin/categorias', label: 'Serviços e assuntos', text: 'Serviços do Balcão (secretaria, prazo, perguntas do formulário) e assuntos da Ouvidoria.' },
  { href: '/painel/admin/carta-de-servicos', label: 'Carta de Serviços', text: 'O que é, documentos, etapas, locais e horários de cada serviço, publicados e datados (Lei nº 13.460/2017, art. 7º).' },
  { href: '/painel/admin/usuarios', label: 'Usuários', text: 'Contas de servidores, perfis, secretarias de cada um, desativação e nova senha.' },
  { href: '/painel/admin/modelos-de-resposta', label: 'Modelos de resposta', text: 'Textos prontos por serviço ou assunto, para inserir nas respostas.' },
  { href: '/painel/admin/etiquetas', label: 'Etiquetas', text: 'Etiquetas gerais ou de uma secretaria, para organizar e filtrar as filas.' },
  { href: '/painel/admin/macros', label: 'Macros', text: 'Um clique que envia um modelo de resposta, muda a situação e inclui uma etiqueta.' },
  { href: '/painel/admin/acessos-a-identidade', label: 'Acessos à identidade', text: 'Quem viu a identidade protegida de qual manifestação, e quando.' },
  { href: '/painel/admin/open311', label: 'Chaves Open311', text: 'Chaves de API dos aplicativos que registram pedidos do Balcão pela interface Open311; emitir e revogar.' },
];

export default async function AdminHomePage() {
  await guarded(() => requireRole('admin'), '/painel/admin');
  return (
    <div>
      <h1 className="text-3xl font-bold">Administração</h1>
      <ul className="mt-6 grid gap-4 sm:grid-cols-2">
        {SECTIONS.map((section) => (
          <li key={section.href} className="rounded border border-slate-300 p-4">
            <h2 className="text-lg font-semibold">
              <Link href={section.href} className="text-brand underline">
                {section.label}
              </Link>
            </h2>
            <p className="mt-1 text-slate-700">{section.text}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}

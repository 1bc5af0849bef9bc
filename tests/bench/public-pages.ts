/** The public pages, as a citizen reaches them (the Balcão form with a map, the Ouvidoria form as the home links it). */
export const PUBLIC_PAGES: { label: string; path: string }[] = [
  { label: 'Início', path: '/' },
  { label: 'Ouvidoria', path: '/ouvidoria' },
  { label: 'Ouvidoria: formulário', path: '/ouvidoria/nova?tipo=reclamacao' },
  { label: 'Ouvidoria: denúncia', path: '/ouvidoria/nova?tipo=denuncia' },
  { label: 'Balcão', path: '/balcao' },
  { label: 'Balcão: tapa-buraco', path: '/balcao/tapa-buraco' },
  { label: 'Acompanhar', path: '/acompanhar' },
  { label: 'Entrar', path: '/entrar' },
  { label: 'Cadastro', path: '/cadastro' },
  { label: 'Carta de Serviços', path: '/carta-de-servicos' },
  { label: 'Transparência', path: '/transparencia' },
  { label: 'Dados abertos', path: '/transparencia/dados-abertos' },
  { label: 'Mapa', path: '/mapa' },
  { label: 'Privacidade', path: '/privacidade' },
  { label: 'Desenvolvedores', path: '/desenvolvedores' },
];


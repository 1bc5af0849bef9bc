/** Shown on the Carta's pages while the demo data is on: its texts are illustrative, not the city's. */
export function DemoCharterNotice() {
  return (
    <p className="mt-4 rounded border-l-4 border-amber-700 bg-amber-50 p-3 text-amber-950">
      <strong>Dados de demonstração.</strong> Requisitos, documentos, taxas e tempos de espera desta Carta são exemplos para
      apresentar o sistema; não valem como informação oficial da Prefeitura.
    </p>
  );
}

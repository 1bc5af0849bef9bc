import type { Metadata } from 'next';
import { openApiDocument } from '@/lib/openapi/document';

export const metadata: Metadata = { title: 'APIs públicas' };
export const dynamic = 'force-dynamic';

type Operation = { summary?: string; description?: string; tags?: string[] };

/** The OpenAPI document of /api/docs as a page a person reads: each address, its methods and what they do. */
export default function DevelopersPage() {
  const document = openApiDocument() as { info: { description: string }; paths: Record<string, Record<string, Operation>> };
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">APIs públicas</h1>
      <p>{document.info.description}</p>
      <p>
        A descrição completa, em OpenAPI 3.1, está em{' '}
        <a className="text-brand underline" href="/api/docs">
          /api/docs
        </a>{' '}
        (JSON, para gerar clientes). As chaves para registrar pedidos pela interface Open311 são emitidas pela prefeitura.
      </p>
      <ul className="space-y-4">
        {Object.entries(document.paths).map(([path, operations]) => (
          <li key={path} className="rounded border border-slate-300 p-4">
            <h2 className="font-mono text-lg font-semibold break-all">{path}</h2>
            <dl className="mt-2 space-y-2">
              {Object.entries(operations).map(([method, operation]) => (
                <div key={method}>
                  <dt className="font-semibold">
                    {method.toUpperCase()} — {operation.summary}
                  </dt>
                  {operation.description && <dd className="text-slate-800">{operation.description}</dd>}
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ul>
    </div>
  );
}

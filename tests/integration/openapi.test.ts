import { describe, expect, it } from 'vitest';
import { GET as docs } from '@/app/api/docs/route';
import { GET as open311 } from '@/app/open311/v2/[...path]/route';
import { GET as live } from '@/app/api/health/live/route';

describe('/api/docs', () => {
  it('is an OpenAPI 3.1 document of the Open311 routes, the open data and the health checks, and each Open311 read it lists answers', async () => {
    const response = docs();
    expect(response.headers.get('content-type')).toContain('application/json');
    const document = (await response.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/open311/v2/discovery.{format}',
        '/open311/v2/services.{format}',
        '/open311/v2/services/{service_code}.{format}',
        '/open311/v2/requests.{format}',
        '/open311/v2/requests/{service_request_id}.{format}',
        '/transparencia/dados-abertos/manifestacoes.json',
        '/api/health/live',
        '/api/health/ready',
      ]),
    );
    expect(Object.keys(document.paths['/open311/v2/requests.{format}'] ?? {}).sort()).toEqual(['get', 'post']);

    for (const path of ['discovery.json', 'services.xml', 'services/tapa-buraco.json', 'requests.json']) {
      const answer = await open311(new Request(`http://localhost/open311/v2/${path}`), { params: Promise.resolve({ path: path.split('/') }) });
      expect(answer.status, path).toBe(200);
    }
    expect(live().status).toBe(200);
  });
});

import type { Granularity } from '@/lib/stats/filters';

/** "Volume por" mês or semana, one more field of the GET filter form. */
export function GranularityField({ value }: { value: Granularity }) {
  return (
    <div>
      <label htmlFor="filtro-por" className="text-sm font-medium">
        Volume por
      </label>
      <select id="filtro-por" name="by" defaultValue={value} className="mt-1 block w-full rounded border border-slate-500 bg-white px-2 py-1.5 text-slate-900">
        <option value="month">Mês</option>
        <option value="week">Semana</option>
      </select>
    </div>
  );
}

import { dateInSaoPaulo } from '@/lib/domain/deadlines';
import { SERVICES, type Service } from '@/lib/domain/vocabulary';
import type { SearchParams, StatsFilter } from './filters';

/** The transparency panel counts a calendar year (up to today for the current one), optionally one service. */
export function publicFilter(params: SearchParams, now = new Date()): { year: number; years: number[]; filter: StatsFilter } {
  const today = dateInSaoPaulo(now);
  const currentYear = Number(today.slice(0, 4));
  const years = Array.from({ length: 5 }, (_, i) => currentYear - i);
  const requested = Number(Array.isArray(params.ano) ? params.ano[0] : params.ano);
  const year = Number.isInteger(requested) && requested >= 2000 && requested <= currentYear ? requested : currentYear;
  const serviceParam = Array.isArray(params.service) ? params.service[0] : params.service;
  const service = SERVICES.includes(serviceParam as Service) ? (serviceParam as Service) : undefined;
  return {
    year,
    years: years.includes(year) ? years : [...years, year],
    filter: { from: `${year}-01-01`, to: year === currentYear ? today : `${year}-12-31`, service },
  };
}

import { describe, expect, it } from 'vitest';
import { dateInSaoPaulo, deadlineStatus, dueOnAfterSuspension, initialDueOn } from '@/lib/domain/deadlines';

describe('deadlines in calendar days, in São Paulo', () => {
  it.each([
    { service: 'ouvidoria', kind: 'complaint', receivedAt: '2026-03-10T15:00:00Z', dueOn: '2026-04-09' },
    { service: 'ouvidoria', kind: 'denunciation', receivedAt: '2026-03-10T15:00:00Z', dueOn: '2026-04-09' },
    { service: 'ouvidoria', kind: 'information', receivedAt: '2026-03-10T15:00:00Z', dueOn: '2026-03-30' },
    { service: 'balcao', kind: 'service_request', categoryDeadlineDays: 15, receivedAt: '2026-12-20T12:00:00Z', dueOn: '2027-01-04' },
    // 01:30 UTC on 1 March is still 28 February in São Paulo (UTC-3): the count starts from the local day.
    { service: 'ouvidoria', kind: 'complaint', receivedAt: '2026-03-01T01:30:00Z', dueOn: '2026-03-30' },
  ] as const)('$kind received $receivedAt is due $dueOn', ({ receivedAt, dueOn, ...demand }) => {
    expect(initialDueOn(demand, new Date(receivedAt))).toBe(dueOn);
  });

  it('needs the category deadline for a Balcão request', () => {
    expect(() => initialDueOn({ service: 'balcao', kind: 'service_request' }, new Date())).toThrow();
  });

  it('takes the date in São Paulo, not in UTC', () => {
    expect(dateInSaoPaulo(new Date('2027-01-01T02:59:00Z'))).toBe('2026-12-31');
    expect(dateInSaoPaulo(new Date('2027-01-01T03:00:00Z'))).toBe('2027-01-01');
  });

  it.each([
    { now: '2026-04-01T12:00:00Z', daysLeft: 8, status: 'on_time' },
    { now: '2026-04-04T12:00:00Z', daysLeft: 5, status: 'due_soon' },
    { now: '2026-04-09T12:00:00Z', daysLeft: 0, status: 'due_soon' },
    { now: '2026-04-10T12:00:00Z', daysLeft: -1, status: 'overdue' },
  ] as const)('due 2026-04-09, on $now: $daysLeft days left, $status', ({ now, daysLeft, status }) => {
    expect(deadlineStatus('2026-04-09', new Date(now))).toEqual({ daysLeft, status });
  });

  it('moves the deadline by the days spent awaiting the citizen', () => {
    expect(dueOnAfterSuspension('2026-04-09', new Date('2026-03-20T12:00:00Z'), new Date('2026-03-27T12:00:00Z'))).toBe('2026-04-16');
  });
});

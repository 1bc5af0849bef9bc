import { describe, expect, it } from 'vitest';
import { mayDownload, type LoadedAttachment } from '@/lib/attachments/access';
import type { Actor } from '@/lib/auth/guards';
import type { DemandAccessFacts } from '@/lib/domain/permissions';
import type { Role } from '@/lib/domain/vocabulary';

const infra = '11111111-1111-4111-8111-111111111111';
const saude = '22222222-2222-4222-8222-222222222222';
const owner = '33333333-3333-4333-8333-333333333333';

const forwardedBalcao: DemandAccessFacts = {
  service: 'balcao',
  kind: 'service_request',
  identity: 'identified',
  departmentId: infra,
  supportingDepartmentIds: [],
  restrictedToInternalControl: false,
};

function file(overrides: Partial<LoadedAttachment> = {}, facts: Partial<DemandAccessFacts> = {}): LoadedAttachment {
  return {
    attachment: { id: 'a', demandId: 'd', eventId: 1, storageKey: 'k', fileName: 'f.jpg', contentType: 'image/jpeg', sizeBytes: 1, uploadedByUserId: null, createdAt: new Date() },
    demandId: 'd',
    requesterUserId: owner,
    facts: { ...forwardedBalcao, ...facts },
    visibility: 'public',
    ...overrides,
  };
}

function actor(role: Role, departmentIds: string[] = [], userId = '44444444-4444-4444-8444-444444444444'): { kind: 'actor'; actor: Actor } {
  return { kind: 'actor', actor: { userId, name: 'x', email: 'x@x', role, departmentIds } };
}

describe('who may download an attachment', () => {
  it.each([
    ['ombudsman', [], file({}, { service: 'ouvidoria', departmentId: null }), true],
    ['attendant', [], file(), true],
    ['attendant', [], file({}, { service: 'ouvidoria' }), false],
    ['department', [infra], file(), true],
    ['department', [saude], file(), false],
    ['department', [saude], file({}, { supportingDepartmentIds: [saude] }), true],
    ['department', [infra], file({}, { departmentId: null }), false],
    ['department', [infra], file({ visibility: 'internal' }), true],
    ['internal_control', [saude], file(), false],
    ['manager', [], file(), true],
    ['manager', [], file({}, { restrictedToInternalControl: true }), false],
    ['admin', [], file(), false],
  ] as const)('%s in %j', (role, departments, target, expected) => {
    expect(mayDownload(actor(role, [...departments]), target)).toBe(expected);
  });

  it('lets the requester see public files only, and nobody see unlinked ones', () => {
    expect(mayDownload(actor('citizen', [], owner), file())).toBe(true);
    expect(mayDownload(actor('citizen', [], owner), file({ visibility: 'internal' }))).toBe(false);
    expect(mayDownload(actor('citizen'), file())).toBe(false);
    expect(mayDownload({ kind: 'status_link', demandId: 'd' }, file())).toBe(true);
    expect(mayDownload({ kind: 'status_link', demandId: 'other' }, file())).toBe(false);
    expect(mayDownload(actor('ombudsman'), file({ visibility: null }))).toBe(false);
  });
});

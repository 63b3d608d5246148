import { describe, expect, it } from 'vitest';
import type { AccessContext } from '../access/access-context';
import type { Permission, RoleCode } from '../access/roles';
import { DEFAULT_REVISIT_ROUTING, type RevisitChannel, type RevisitRouting, revisitChannelFor, validateRevisitRouting, worksRevisitChannel } from './revisit-routing';
import type { RevisitTrigger } from './revisit.policy';

const routing: RevisitRouting = {
  version: 'test',
  rules: [
    { triggers: ['complaint'], grades: ['diamond', 'gold'], channel: 'revisit_desk' },
    { triggers: [], grades: ['guest'], channel: 'revisit_desk' },
  ],
  defaultChannel: 'outbound_queue',
};

describe('one revisit channel per task', () => {
  it.each<[RevisitTrigger, string, RevisitChannel]>([
    ['complaint', 'gold', 'revisit_desk'],
    ['complaint', 'silver', 'outbound_queue'],
    ['fault', 'gold', 'outbound_queue'],
    ['provisioning', 'guest', 'revisit_desk'],
    ['fault', 'none', 'outbound_queue'],
  ])('%s for a %s customer → %s', (trigger, customerGrade, channel) => {
    expect(revisitChannelFor(routing, { trigger, customerGrade })).toBe(channel);
  });

  it('by default every task goes to the outbound queue', () => {
    expect(revisitChannelFor(DEFAULT_REVISIT_ROUTING, { trigger: 'complaint', customerGrade: 'diamond' })).toBe('outbound_queue');
  });

  it.each<[string, RevisitRouting, string]>([
    ['a rule matching everything', { ...routing, rules: [{ triggers: [], grades: [], channel: 'revisit_desk' }] }, 'rules.0'],
    ['an unknown grade', { ...routing, rules: [{ triggers: [], grades: ['platinum' as 'gold'], channel: 'revisit_desk' }] }, 'rules.0.grades.0'],
  ])('rejects %s', (_name, bad, path) => {
    expect(() => validateRevisitRouting(bad)).toThrow(expect.objectContaining({ code: 'revisit.invalid_routing', path }));
  });

  const caller = (roles: RoleCode[], permissions: Permission[]): Pick<AccessContext, 'roles' | 'permissions'> => ({ roles, permissions: new Set(permissions) });
  it.each<[string, Pick<AccessContext, 'roles' | 'permissions'>, RevisitChannel, boolean]>([
    ['an outbound agent, the queue', caller(['outbound_agent'], ['customer.read', 'service.desk']), 'outbound_queue', true],
    ['an outbound agent, the desk', caller(['outbound_agent'], ['customer.read', 'service.desk']), 'revisit_desk', false],
    ['a team lead, the desk', caller(['team_lead'], ['customer.read', 'customer.write']), 'revisit_desk', true],
    ['a team lead, the queue', caller(['team_lead'], ['customer.read', 'customer.write']), 'outbound_queue', false],
    ['an analyst, the desk', caller(['analyst'], ['report.read']), 'revisit_desk', false],
  ])('%s: %s → %s', (_name, who, channel, expected) => {
    expect(worksRevisitChannel(who, channel)).toBe(expected);
  });
});

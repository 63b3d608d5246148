import type { AccessContext } from '../access/access-context';
import { DomainError, assertNever } from '../errors';
import { GRADES, type Grade } from '../rules/rule-set.types';
import { REVISIT_TRIGGERS, type RevisitTrigger } from './revisit.policy';

/**
 * One revisit channel per task (DOMAIN §1.2, §4.1): the revisit desk (回访岗: the district's service
 * staff) or the outbound agents' queue (外呼座席). A task is routed once, when it is created, and only
 * the people of its channel call it; the first caller becomes its one owner.
 */
export const REVISIT_CHANNELS = ['revisit_desk', 'outbound_queue'] as const;
export type RevisitChannel = (typeof REVISIT_CHANNELS)[number];

/** A rule matches a task when each list it names contains the task's value (an empty list matches any). */
export interface RevisitRoutingRule {
  readonly triggers: readonly RevisitTrigger[];
  readonly grades: readonly Grade[];
  readonly channel: RevisitChannel;
}

/** Versioned configuration: the first matching rule wins, else the default channel. */
export interface RevisitRouting {
  readonly version: string;
  readonly rules: readonly RevisitRoutingRule[];
  readonly defaultChannel: RevisitChannel;
}

/**
 * By default the outbound call centre, which the city KA department runs, makes every revisit
 * (DOMAIN §1.1, §1.2); a province sends, say, its diamond customers' complaint revisits to the desk.
 */
export const DEFAULT_REVISIT_ROUTING: RevisitRouting = { version: 'revisit-routing-2026.1', rules: [], defaultChannel: 'outbound_queue' };

export const REVISIT_ERROR_CODES = ['revisit.invalid_routing', 'revisit.wrong_channel'] as const;
export type RevisitErrorCode = (typeof REVISIT_ERROR_CODES)[number];

const routingError = (message: string, path: string) => new DomainError<RevisitErrorCode>('revisit.invalid_routing', message, { path });

/** Checks a routing someone wants to save; throws `revisit.invalid_routing` with the field path. */
export function validateRevisitRouting(routing: RevisitRouting): void {
  if (!REVISIT_CHANNELS.includes(routing.defaultChannel)) throw routingError(`Unknown channel ${routing.defaultChannel}`, 'defaultChannel');
  routing.rules.forEach((rule, i) => {
    if (rule.triggers.length === 0 && rule.grades.length === 0) {
      throw routingError('A rule names at least one trigger or grade (the default channel covers the rest)', `rules.${i}`);
    }
    rule.triggers.forEach((trigger, j) => {
      if (!REVISIT_TRIGGERS.includes(trigger)) throw routingError(`Unknown trigger ${trigger}`, `rules.${i}.triggers.${j}`);
    });
    rule.grades.forEach((grade, j) => {
      if (!GRADES.includes(grade)) throw routingError(`Unknown grade ${grade}`, `rules.${i}.grades.${j}`);
    });
    if (!REVISIT_CHANNELS.includes(rule.channel)) throw routingError(`Unknown channel ${rule.channel}`, `rules.${i}.channel`);
  });
}

export function revisitChannelFor(routing: RevisitRouting, task: { trigger: RevisitTrigger; customerGrade: string }): RevisitChannel {
  const rule = routing.rules.find(
    (r) => (r.triggers.length === 0 || r.triggers.includes(task.trigger)) && (r.grades.length === 0 || (r.grades as readonly string[]).includes(task.customerGrade)),
  );
  return rule?.channel ?? routing.defaultChannel;
}

/**
 * Who calls a channel's tasks: outbound agents their queue; the desk is the service staff who may
 * change customer records (team leads, district and city staff), never an outbound agent.
 */
export function worksRevisitChannel(caller: Pick<AccessContext, 'roles' | 'permissions'>, channel: RevisitChannel): boolean {
  const agent = caller.roles.includes('outbound_agent');
  switch (channel) {
    case 'outbound_queue':
      return agent;
    case 'revisit_desk':
      return !agent && caller.permissions.has('customer.write');
    default:
      return assertNever(channel, 'revisit channel');
  }
}

import { AssignBody, AssignReply, IdParam, ManagerLoadQuery, ManagerLoadReply, ReassignmentTaskList, ReassignmentTaskTransition } from '@patron/contracts';
import { appendCustomerHistory, findCustomer, findOrgUnit } from '@patron/db';
import {
  closeReassignmentTask,
  listManagerLoads,
  listOpenReassignmentTasks,
  lockAccountManager,
  lockAssignmentTargets,
  lockReassignmentTask,
  resolveLoadLimits,
  resolveLoadLimitsByOrg,
  setAccountManager,
} from '@patron/db/repositories/customer-assignment.repository';
import { can, DEFAULT_LOAD_LIMIT_RULES } from '@patron/domain';
import type { App } from '../../context';
import { audit } from '../../audit';
import { AppError, forbidden, invalid, notFound } from '../../errors';
import { authorize, authorizeAny } from '../../plugins/authenticate';
import { businessToday } from '../calendar/calendar-http';
import { publishCustomerChange } from '../tmf/customer.tmf-events';
import { countByTier, limitExceeded } from './assignment.policy';
import { excessesFor } from './assignment.service';

export async function assignmentRoutes(app: App) {
  const { db, now } = app.deps;
  const tags = ['customers'];

  /**
   * Makes one account manager the lead of one or many customers, all or nothing. The target must be
   * an account manager in the caller's subtree and every customer in the caller's scope. Past a load
   * limit the request is refused (409) unless an override reason comes from a holder of
   * customer.assign.override; the override is audited with its numbers and reason.
   */
  app.post(
    '/customers/assign',
    { preHandler: authorize('customer.assign'), schema: { tags, body: AssignBody, response: { 200: AssignReply } } },
    async (request) => {
      const access = request.access!;
      const { customerIds, accountManager, override } = request.body;
      if (override && !can(access, 'customer.assign.override')) throw forbidden('Missing permission: customer.assign.override');
      const ids = [...new Set(customerIds)];
      return db.transaction(async (tx) => {
        const manager = await lockAccountManager(tx, accountManager, access.orgPath);
        if (!manager) throw invalid('accountManager', `No active account manager ${accountManager} in your organisation`);
        const targets = await lockAssignmentTargets(tx, access, ids);
        if (targets.length !== ids.length) {
          const found = new Set(targets.map((target) => target.id));
          const missing = customerIds.flatMap((id, index) => (found.has(id) ? [] : [{ path: `customerIds.${index}`, message: `customer ${id} not found` }]));
          throw new AppError('not_found', 'Customer not found', missing);
        }
        const moving = targets.filter((target) => target.accountManagerId !== manager.id);
        // Retained records (churned, prospects) take no service capacity, so they do not load the manager.
        const adding = countByTier(moving.filter((target) => target.archive === 'in_network').map((target) => target.grade));
        const excesses = await excessesFor(tx, manager, adding, businessToday(now()));
        if (excesses.length > 0 && !override) throw limitExceeded(excesses);

        if (moving.length > 0) {
          await setAccountManager(
            tx,
            access,
            moving.map((target) => target.id),
            manager.id,
          );
          const reason = override?.reason ?? null;
          await appendCustomerHistory(
            tx,
            moving.map((target) => ({
              customerId: target.id,
              actorId: access.userId,
              actorName: access.username,
              action: 'assign',
              before: { accountManager: target.accountManager },
              after: { accountManager: manager.username },
              reason,
            })),
          );
          for (const target of moving) {
            await audit(tx, request, {
              action: 'customer.assign',
              entityType: 'customer',
              entityId: target.id,
              before: { accountManager: target.accountManager },
              after: { accountManager: manager.username },
              reason,
            });
            // TMF listeners see the new account manager as a change of the customer's relatedParty.
            const customer = await findCustomer(tx, access, target.id);
            if (customer) await publishCustomerChange(tx, customer, 'assign', now(), ['accountManager']);
          }
        }
        if (excesses.length > 0) {
          await audit(tx, request, {
            action: 'customer.assign.override',
            entityType: 'user',
            entityId: manager.username,
            after: {
              customerIds: moving.map((target) => target.id),
              excesses: excesses.map(({ tier, currentLoad, adding: added, limit }) => ({ tier, currentLoad, adding: added, limit })),
            },
            reason: override?.reason ?? null,
          });
        }
        return {
          accountManager: manager.username,
          assigned: moving.length,
          unchanged: targets.length - moving.length,
          overridden: excesses.length > 0,
          customers: moving.map((target) => ({ id: target.id, customerNo: target.customerNo, previousManager: target.accountManager })),
        };
      });
    },
  );

  app.get(
    '/managers/load',
    {
      preHandler: authorizeAny('customer.assign', 'report.read'),
      schema: { tags, querystring: ManagerLoadQuery, response: { 200: ManagerLoadReply } },
    },
    async (request) => {
      const access = request.access!;
      const code = request.query.orgUnit;
      const unit = code === undefined ? undefined : await findOrgUnit(db, code);
      if (code !== undefined && !unit) throw invalid('orgUnit', `No org unit ${code}`);
      // Managers in the caller's subtree only; a filter outside it simply finds nobody. Each row carries
      // the limits of the manager's own org (a province may have tightened them); `limits` are the caller's.
      const rows = await listManagerLoads(db, access.orgPath, unit?.path);
      const limits = await resolveLoadLimitsByOrg(db, [access.orgPath, ...rows.map((row) => row.orgPath)], businessToday(now()));
      const limitsOf = (path: string) => limits.get(path) ?? DEFAULT_LOAD_LIMIT_RULES;
      return {
        items: rows.map(({ orgPath, ...row }) => ({ ...row, vipLimit: limitsOf(orgPath).vip, guestLimit: limitsOf(orgPath).guest })),
        limits: limitsOf(access.orgPath),
      };
    },
  );

  /** Managers a re-grade left over a tier's limit, in the caller's subtree, with their load and limit now. */
  app.get(
    '/reassignment-tasks',
    { preHandler: authorize('customer.assign'), schema: { tags, response: { 200: ReassignmentTaskList } } },
    async (request) => {
      const tasks = await listOpenReassignmentTasks(db, request.access!.orgPath);
      const limits = await resolveLoadLimitsByOrg(db, tasks.map((task) => task.orgPath), businessToday(now()));
      return { items: tasks.map(({ orgPath, ...task }) => ({ ...task, currentLimit: (limits.get(orgPath) ?? DEFAULT_LOAD_LIMIT_RULES)[task.tier] })) };
    },
  );

  /** Done once the customers are reassigned: while the manager is still over the limit it stays open (409). */
  app.post(
    '/reassignment-tasks/:id/transitions',
    { preHandler: authorize('customer.assign'), schema: { tags, params: IdParam, body: ReassignmentTaskTransition } },
    async (request, reply) => {
      const access = request.access!;
      await db.transaction(async (tx) => {
        const task = await lockReassignmentTask(tx, request.params.id, access.orgPath);
        if (!task) throw notFound('Reassignment task');
        if (task.status !== 'open') throw new AppError('state.illegal_transition', 'The task is already done');
        const limit = (await resolveLoadLimits(tx, task.orgPath, businessToday(now())))[task.tier];
        if (task.currentLoad > limit) {
          const message = `${task.username} still carries ${task.currentLoad} ${task.tier} customers, over the limit of ${limit}`;
          throw limitExceeded([{ path: 'currentLoad', message, manager: task.username, tier: task.tier, currentLoad: task.currentLoad, adding: 0, limit }]);
        }
        await closeReassignmentTask(tx, task.id);
        await audit(tx, request, { action: 'reassignment.done', entityType: 'reassignment_task', entityId: task.id, after: { manager: task.username, tier: task.tier, load: task.currentLoad, limit } });
      });
      return reply.code(204).send();
    },
  );
}

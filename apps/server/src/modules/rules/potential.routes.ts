import { PotentialList, PotentialParams, PotentialQualifyBody, PotentialQuery, PotentialTransitionBody } from '@patron/contracts';
import { findPotentialAccount, listPotentialAccounts, qualifyPotentialAccounts, setPotentialStatus } from '@patron/db';
import { can, potentialTransition } from '@patron/domain';
import { z } from 'zod';
import type { App } from '../../context';
import { audit } from '../../audit';
import { forbidden, notFound } from '../../errors';
import { authorize, authorizeAny, requireAccess } from '../../plugins/authenticate';

/** Potential key accounts (DOMAIN §3.5): qualified by rule, confirmed by the AM, approved by the district. */
export async function potentialRoutes(app: App) {
  const { db } = app.deps;

  app.get(
    '/potential-accounts',
    { preHandler: authorizeAny('customer.read', 'grade.review'), schema: { tags: ['rules'], querystring: PotentialQuery, response: { 200: PotentialList } } },
    async (request) => {
      const access = requireAccess(request);
      // Account managers see their own prospects; managers their whole subtree.
      const own = access.dataScope === 'own' || access.dataScope === 'team';
      const reach = own ? { orgPath: '/', managerId: access.userId } : { orgPath: access.orgPath };
      return { items: await listPotentialAccounts(db, { ...reach, ...request.query }) };
    },
  );

  app.post(
    '/potential-accounts/qualify',
    { preHandler: authorize('rule.manage'), schema: { tags: ['rules'], body: PotentialQualifyBody, response: { 200: z.object({ added: z.number().int() }) } } },
    async (request) => {
      return db.transaction(async (tx) => {
        const added = await qualifyPotentialAccounts(tx, request.body.month);
        await audit(tx, request, { action: 'potential.qualify', entityType: 'potential_accounts', after: { month: request.body.month, added } });
        return { added };
      });
    },
  );

  app.post(
    '/potential-accounts/:customerId/transitions',
    { preHandler: authorizeAny('customer.write', 'grade.review'), schema: { tags: ['rules'], params: PotentialParams, body: PotentialTransitionBody } },
    async (request, reply) => {
      const access = requireAccess(request);
      const { event, note } = request.body;
      await db.transaction(async (tx) => {
        const prospect = await findPotentialAccount(tx, request.params.customerId);
        // The customer's own account manager reaches it wherever their team sits; managers through their subtree.
        const reachable = prospect !== undefined && (prospect.accountManagerId === access.userId || prospect.orgPath.startsWith(access.orgPath));
        if (!prospect || !reachable) throw notFound('Potential key account');
        const to = potentialTransition(prospect.status, event);
        if (event === 'confirm' && prospect.accountManagerId !== access.userId) throw forbidden('Only the customer’s account manager confirms a prospect');
        if (event !== 'confirm' && !can(access, 'grade.review')) throw forbidden('The district approves or rejects a promotion');
        await setPotentialStatus(tx, request.params.customerId, to, access.username, note ?? null);
        await audit(tx, request, { action: `potential.${event}`, entityType: 'customer', entityId: request.params.customerId, before: { status: prospect.status }, after: { status: to }, reason: note ?? null });
      });
      return reply.code(204).send();
    },
  );
}

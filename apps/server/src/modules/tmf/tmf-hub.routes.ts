import { insertTmfHub, removeTmfHub, type TmfApi } from '@patron/db';
import type { App } from '../../context';
import { invalid, notFound } from '../../errors';
import { callbackRefusal, parseCallbackPolicy, type CallbackPolicy } from './tmf-callback-policy';
import { checkBody, linksOf, TMF_BASE_PATHS } from './tmf-http';

/** `eventType=TroubleTicketCreateEvent,TroubleTicketStatusChangeEvent` → those names; no eventType → every event. */
export function eventTypesOf(query: string | undefined): string[] | null {
  if (query === undefined || query.trim() === '') return null;
  const params = new URLSearchParams(query);
  const types = params.getAll('eventType').flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
  return types.length === 0 ? null : types;
}

async function callbackUrl(callback: string, policy: CallbackPolicy): Promise<string> {
  let url: URL;
  try {
    url = new URL(callback);
  } catch {
    throw invalid('body.callback', 'must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid('body.callback', 'must be an absolute http(s) URL');
  if (url.username !== '' || url.password !== '') throw invalid('body.callback', 'must not carry credentials');
  const refusal = await callbackRefusal(policy, url);
  if (refusal !== null) throw invalid('body.callback', refusal);
  return url.toString();
}

/** `/hub` of one API: listeners register a callback and receive that API's events (see tmf-event-delivery.job). */
export function hubRoutes(api: TmfApi) {
  return async (app: App) => {
    const policy = parseCallbackPolicy(app.deps.config.tmfCallbackAllow);
    app.post('/hub', async (request, reply) => {
      checkBody(api, 'EventSubscriptionInput', request.body);
      const body = request.body as { callback: string; query?: string };
      const access = request.access!;
      const callback = await callbackUrl(body.callback, policy);
      const id = await insertTmfHub(app.deps.db, {
        api,
        callback,
        query: body.query ?? null,
        eventTypes: eventTypesOf(body.query),
        ownerId: access.userId,
        orgPath: access.orgPath,
        apiRoot: linksOf(request).root,
        createdAt: app.deps.now(),
      });
      const href = `${linksOf(request).root}/${TMF_BASE_PATHS[api]}/hub/${id}`;
      return reply
        .code(201)
        .header('Location', href)
        .send({ id: String(id), href, callback, ...(body.query === undefined ? {} : { query: body.query }) });
    });

    app.delete('/hub/:id', async (request, reply) => {
      const { id } = request.params as { id: string };
      const removed = /^\d+$/.test(id) && (await removeTmfHub(app.deps.db, api, Number(id), request.access!.userId, app.deps.now()));
      if (!removed) throw notFound('Hub');
      return reply.code(204).send();
    });
  };
}

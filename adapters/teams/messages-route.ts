import type { TurnContext } from 'botbuilder';
import express, { type ErrorRequestHandler, type Request, type Router } from 'express';
import type { Logger } from 'pino';
import { activityProblem, isJsonObject, NOT_AN_ACTIVITY, toActivity } from './activity-shape.js';
import { PUBLIC_BASE_KEY, type ReportLinks } from './report-links.js';
import type { TeamsCloudAdapter } from './teams-cloud-adapter.js';

export interface MessagesRouteOptions {
  adapter: TeamsCloudAdapter;
  reports: ReportLinks;
  /** The bot's turn. */
  logic: (context: TurnContext) => Promise<void>;
  log: Logger;
}

/**
 * `POST /api/messages`. Every refusal is a JSON `{error}` and one warn line: a body that is not a JSON
 * object (400), a missing or invalid token (401), an activity the bot cannot handle (400). The token is
 * checked before the activity's fields, so without a token nothing is said about the body.
 */
export function createMessagesRouter(options: MessagesRouteOptions): Router {
  const { adapter, log } = options;
  const router = express.Router();
  router.post('/', express.json({ limit: '1mb' }), async (req, res) => {
    // Without a JSON content type express.json leaves the body undefined.
    const body: unknown = req.body;
    if (!isJsonObject(body)) {
      log.warn({ ip: req.ip, contentType: req.get('content-type') }, 'Teams activity refused: not JSON');
      res.status(400).json({ error: NOT_AN_ACTIVITY });
      return;
    }
    const activity = toActivity(body);
    try {
      const authentication = await adapter.authenticate(activity, req.get('authorization') ?? '');
      if (!authentication.ok) {
        log.warn(
          { ip: req.ip, reason: authentication.reason },
          'Teams activity refused: no valid Bot Framework token',
        );
        res.status(401).json({ error: 'a valid Bot Framework token is required' });
        return;
      }
      const problem = activityProblem(body);
      if (problem) {
        log.warn({ ip: req.ip, activityType: body.type }, `Teams activity refused: ${problem}`);
        res.status(400).json({ error: problem });
        return;
      }
      const base = publicBase(req);
      const answer = await adapter.processAuthenticated(authentication.result, activity, (context) => {
        context.turnState.set(PUBLIC_BASE_KEY, base);
        return options.logic(context);
      });
      res.status(answer?.status ?? 200);
      if (answer?.body === undefined || answer.body === null) res.end();
      else res.json(answer.body);
    } catch (error) {
      // Turn failures are caught by onTurnError; what lands here failed around the turn (token keys, connector).
      log.error({ err: error, activityType: body.type }, 'Teams activity failed');
      if (!res.headersSent) res.status(500).json({ error: 'the activity could not be processed' });
    }
  });
  router.get('/reports/:token', async (req, res) => {
    const page = await options.reports.read(req.params.token).catch((error: unknown) => {
      log.error({ err: error }, 'could not read a report');
      return undefined;
    });
    if (!page) {
      res
        .status(404)
        .type('text/plain')
        .send('This report link has expired or never existed: run the report command again.');
      return;
    }
    // The page is self-contained: it may load nothing, run nothing and tell no one where it was opened.
    res
      .set({
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'private, no-store',
      })
      .type('html')
      .send(page);
  });
  router.all('/', (_req, res) => {
    res.status(405).set('Allow', 'POST').json({ error: 'method not allowed' });
  });
  const badBody: ErrorRequestHandler = (error, req, res, _next) => {
    // express.json's errors carry their status: 400 for broken JSON, 413 for an oversized body, 415 for
    // an unknown charset or encoding.
    const status =
      typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 400;
    log.warn(
      { ip: req.ip, status, reason: error instanceof Error ? error.message : String(error) },
      'Teams activity refused: the body is not a JSON activity',
    );
    res
      .status(status)
      .json({ error: status === 413 ? 'an activity is at most 1 MB of JSON' : NOT_AN_ACTIVITY });
  };
  router.use(badBody);
  return router;
}

/**
 * The public address this route answers on, as the Bot Framework called it: a reverse proxy in front
 * says so in X-Forwarded-Proto and X-Forwarded-Host. Used only to write links back to this route.
 */
function publicBase(req: Request): string {
  const proto = req.get('x-forwarded-proto')?.split(',')[0]?.trim() || req.protocol;
  const host = req.get('x-forwarded-host')?.split(',')[0]?.trim() || req.get('host') || 'localhost';
  return `${proto}://${host}${req.baseUrl}`;
}

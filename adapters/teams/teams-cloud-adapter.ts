import {
  type Activity,
  CloudAdapter,
  type ConfigurationBotFrameworkAuthentication,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';

type AuthenticateRequestResult = Awaited<
  ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
>;

export type Authentication =
  | { ok: true; result: AuthenticateRequestResult }
  /** The token is missing, malformed, expired or not for this bot; `reason` is botbuilder's message. */
  | { ok: false; reason: string };

/**
 * CloudAdapter with the token check and the turn as two steps. `CloudAdapter.process` does both, and
 * prints every refused request's stack with console.error; split, the route answers and logs a refusal
 * itself, and the token is still checked only once.
 */
export class TeamsCloudAdapter extends CloudAdapter {
  async authenticate(activity: Activity, authHeader: string): Promise<Authentication> {
    try {
      return {
        ok: true,
        result: await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader),
      };
    } catch (error) {
      if (isRefusal(error)) return { ok: false, reason: error.message };
      throw error;
    }
  }

  /** Runs the turn of an activity whose token `authenticate` accepted; an invoke's answer is returned. */
  processAuthenticated(
    authentication: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authentication, activity, logic);
  }
}

/** What jsonwebtoken throws for a token that fails verification (a bad signature, not yet valid, expired). */
const TOKEN_VERIFICATION_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * botbuilder refuses a token with botframework-connector's AuthenticationError, which it does not export,
 * carrying a 4xx status. The same error with a 5xx status means the issuer's signing keys could not be
 * loaded: the request is then not at fault, and the route answers 500 rather than 401. A token signed
 * with the right key id but another key fails in jsonwebtoken itself, whose error botbuilder passes on
 * as it is: that is a refusal too.
 */
function isRefusal(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  if (TOKEN_VERIFICATION_ERRORS.has(error.name)) return true;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}

import type { Config } from '../../src/config/config.js';
import type { Readiness } from '../../src/ports/readiness.js';

/** Where Microsoft Entra ID issues the tokens the bot posts to Teams with (the public cloud). */
export const PUBLIC_LOGIN_URL = 'https://login.microsoftonline.com';
const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com/.default';
/** The tenant that issues multi-tenant bots' tokens. */
const BOT_FRAMEWORK_TENANT = 'botframework.com';

/**
 * Whether the configured app id and secret are accepted: asks Entra ID for a Bot Framework token, the
 * one every post to Teams is made with (client credentials, as the Bot Framework SDK does). The token
 * itself is not kept. A managed identity cannot be checked from here, and anonymous mode has nothing to check.
 */
export async function checkTeamsCredentials(
  settings: NonNullable<Config['teams']>,
  loginUrl: string = PUBLIC_LOGIN_URL,
): Promise<Readiness> {
  if (settings.anonymous) return { ok: true, detail: 'anonymous mode: no credentials to check' };
  if (settings.appType === 'UserAssignedMSI') {
    return { ok: true, detail: 'managed identity: its token is not checked here' };
  }
  if (!settings.appId || !settings.appPassword) {
    return { ok: false, detail: 'MicrosoftAppId and MicrosoftAppPassword must both be set' };
  }
  const tenant = settings.appType === 'SingleTenant' ? settings.tenantId : BOT_FRAMEWORK_TENANT;
  if (!tenant) return { ok: false, detail: 'a single-tenant bot needs MicrosoftAppTenantId' };
  const endpoint = `${loginUrl.replace(/\/$/, '')}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`;
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: settings.appId,
        client_secret: settings.appPassword,
        scope: BOT_FRAMEWORK_SCOPE,
      }),
      signal: AbortSignal.timeout(5_000),
    });
  } catch {
    return { ok: false, detail: `${new URL(endpoint).host} could not be reached for a token` };
  }
  const body = (await response.json().catch(() => ({}))) as { access_token?: unknown; error?: unknown };
  if (response.ok && typeof body.access_token === 'string') {
    return { ok: true, detail: `a Bot Framework token was issued for app ${settings.appId}` };
  }
  const reason = typeof body.error === 'string' ? body.error : `HTTP ${response.status}`;
  return { ok: false, detail: `Microsoft Entra ID refused the app id and secret (${reason})` };
}

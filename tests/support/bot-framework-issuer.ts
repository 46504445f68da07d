import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

/** The issuer Bot Framework puts in the tokens it sends bots (botbuilder checks it). */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';
const KEY_ID = 'loopback-signing-key';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export interface TokenClaims {
  /** The bot's app id. */
  audience: string;
  serviceUrl: string;
  issuer?: string;
  /** Seconds from now; negative for a token that has expired. */
  expiresIn?: number;
  /** Sign with this key instead of the published one, under the same key id. */
  key?: PrivateKey;
  keyId?: string;
}

/**
 * A loopback stand-in for login.botframework.com: an OpenID metadata document and the key set it points
 * to, published with the `msteams` endorsement as Bot Framework publishes its keys, and tokens signed
 * with that key the way the Bot Framework service signs the activities it sends a bot.
 */
export class BotFrameworkIssuer {
  private constructor(
    private readonly server: Server,
    private readonly key: PrivateKey,
  ) {}

  static async start(): Promise<BotFrameworkIssuer> {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk: JWK = { ...(await exportJWK(publicKey)), kid: KEY_ID, use: 'sig', alg: 'RS256' };
    let origin = '';
    const server = createServer((req, res) => {
      const body =
        req.url === '/v1/.well-known/openidconfiguration'
          ? {
              issuer: BOT_FRAMEWORK_ISSUER,
              jwks_uri: `${origin}/v1/keys`,
              id_token_signing_alg_values_supported: ['RS256'],
            }
          : req.url === '/v1/keys'
            ? { keys: [{ ...jwk, endorsements: ['msteams'] }] }
            : undefined;
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body ?? { error: 'not found' }));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return new BotFrameworkIssuer(server, privateKey);
  }

  /** For the Teams adapter's `openIdMetadataUrl`. */
  get openIdMetadataUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1/.well-known/openidconfiguration`;
  }

  /** A key of the same kind that is not published: what a forger would sign with. */
  static async otherKey(): Promise<PrivateKey> {
    return (await generateKeyPair('RS256')).privateKey;
  }

  /** An `Authorization` header value, as the Bot Framework service sends it. */
  async authorization(claims: TokenClaims): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const expires = now + (claims.expiresIn ?? 3600);
    const issued = Math.min(now - 60, expires - 3600);
    const token = await new SignJWT({ serviceurl: claims.serviceUrl })
      .setProtectedHeader({ alg: 'RS256', kid: claims.keyId ?? KEY_ID, typ: 'JWT' })
      .setIssuer(claims.issuer ?? BOT_FRAMEWORK_ISSUER)
      .setAudience(claims.audience)
      .setIssuedAt(issued)
      .setNotBefore(issued)
      .setExpirationTime(expires)
      .sign(claims.key ?? this.key);
    return `Bearer ${token}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

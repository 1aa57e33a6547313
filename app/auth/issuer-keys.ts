import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { JSONWebKeySet, JWTVerifyGetKey } from 'jose';
import type * as JoseVerify from './jose-verify';

/** The issuer's key set could not be had (network, timeout, not a 200 JSON key set): a 503. */
export class IssuerKeysUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(`The issuer's key set is unavailable: ${message}`, options);
    this.name = 'IssuerKeysUnavailableError';
  }
}

export interface IssuerKeysOptions {
  /** Give up on one download after this long. */
  timeoutMs: number;
  /** A token whose `kid` is not in the set refetches it, at most once per this long. */
  cooldownMs: number;
  /** Refetch before use once the set is this old. */
  maxAgeMs: number;
}

/** A key set is a few KB; anything this large is not one. */
const MAX_BYTES = 1024 * 1024;

/**
 * The issuer's JWKS as a jose key resolver: downloaded on first use, cached, refetched when
 * older than `maxAgeMs` or when a token names a key it lacks (at most once per `cooldownMs`),
 * one download at a time however many requests wait for it. The keys themselves are jose's
 * (`createLocalJWKSet`: key selection by `kid`/`alg`, import, validation).
 *
 * Why not jose's own `createRemoteJWKSet`, which does exactly this: it downloads with the
 * global `fetch` and builds a `Headers` when created, and either loads Node's undici, about
 * 25 ms of CPU on the first authenticated request of every container (measured). This uses
 * node:http(s), already loaded by the AWS SDK; the behaviour is jose's: redirects are not
 * followed, anything but a 200 JSON key set is an error.
 */
export function issuerKeys(
  url: URL,
  jose: typeof JoseVerify,
  options: IssuerKeysOptions,
): JWTVerifyGetKey {
  let keys: JWTVerifyGetKey | undefined;
  let fetchedAt = Number.NEGATIVE_INFINITY;
  let pending: Promise<JWTVerifyGetKey> | undefined;
  const reload = (): Promise<JWTVerifyGetKey> =>
    (pending ??= download(url, options.timeoutMs)
      .then((set) => {
        keys = jose.createLocalJWKSet(set);
        fetchedAt = Date.now();
        return keys;
      })
      .finally(() => {
        pending = undefined;
      }));
  return async (header, token) => {
    const current =
      keys !== undefined && Date.now() - fetchedAt < options.maxAgeMs ? keys : await reload();
    try {
      return await current(header, token);
    } catch (err) {
      // A key the set lacks: the issuer may have rotated its keys since the download.
      if (!(err instanceof jose.errors.JWKSNoMatchingKey)) throw err;
      if (Date.now() - fetchedAt < options.cooldownMs) throw err;
      return (await reload())(header, token);
    }
  };
}

function download(url: URL, timeoutMs: number): Promise<JSONWebKeySet> {
  return new Promise((resolve, reject) => {
    const fail = (message: string, cause?: unknown) =>
      reject(new IssuerKeysUnavailableError(message, { cause }));
    const get = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = get(
      url,
      { method: 'GET', headers: { accept: 'application/json, application/jwk-set+json' } },
      (res: IncomingMessage) => {
        if (res.statusCode !== 200) {
          res.resume();
          fail(`${url.origin} answered ${res.statusCode ?? 'no status'}, not 200`);
          return;
        }
        const chunks: Buffer[] = [];
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > MAX_BYTES) {
            req.destroy();
            fail(`its answer is larger than ${MAX_BYTES} bytes`);
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', (err) => fail('the download failed', err));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as JSONWebKeySet);
          } catch (err) {
            fail('its answer is not JSON', err);
          }
        });
      },
    );
    req.setTimeout(timeoutMs, () => {
      req.destroy();
      fail(`no answer within ${timeoutMs} ms`);
    });
    req.on('error', (err) => fail('the download failed', err));
    req.end();
  });
}

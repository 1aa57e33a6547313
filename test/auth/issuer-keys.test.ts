import { spawn } from 'node:child_process';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import * as jose from 'jose';
import { issuerKeys, IssuerKeysUnavailableError } from '../../app/auth/issuer-keys';

/**
 * The issuer's key set (app/auth/issuer-keys.ts): jose's local key set over a download of our
 * own, with the caching, cooldown and refusals of jose's createRemoteJWKSet.
 */

interface Issuer {
  url: URL;
  /** Key set downloads served so far. */
  downloads(): number;
  /** What the next downloads answer (default: the current keys as a 200 JSON key set). */
  answerWith(answer: ((res: ServerResponse) => void) | undefined): void;
  /** Replaces the published keys by a new pair under `kid`; returns its private key. */
  rotate(kid: string): Promise<jose.CryptoKey>;
  close(): Promise<void>;
}

async function startIssuer(): Promise<Issuer & { firstKey: jose.CryptoKey }> {
  let published: jose.JWK[] = [];
  let downloads = 0;
  let answer: ((res: ServerResponse) => void) | undefined;
  const server: Server = createServer((_req, res) => {
    downloads++;
    if (answer) return answer(res);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const rotate = async (kid: string) => {
    const { publicKey, privateKey } = await jose.generateKeyPair('RS256');
    published = [{ ...(await jose.exportJWK(publicKey)), kid, alg: 'RS256' }];
    return privateKey;
  };
  return {
    url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`),
    downloads: () => downloads,
    answerWith: (a) => (answer = a),
    rotate,
    firstKey: await rotate('key-1'),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const sign = (key: jose.CryptoKey, kid: string) =>
  new jose.SignJWT({})
    .setProtectedHeader({ alg: 'RS256', kid })
    .setSubject('alice')
    .setExpirationTime('5m')
    .sign(key);

const options = { timeoutMs: 500, cooldownMs: 60_000, maxAgeMs: 60_000 };

let issuer: Awaited<ReturnType<typeof startIssuer>>;
beforeEach(async () => {
  issuer = await startIssuer();
});
afterEach(() => issuer.close());

describe('issuerKeys', () => {
  it('downloads once, for all the tokens waiting at the same time, then verifies from memory', async () => {
    const keys = issuerKeys(issuer.url, jose, options);
    const token = await sign(issuer.firstKey, 'key-1');
    const results = await Promise.all([1, 2, 3].map(() => jose.jwtVerify(token, keys)));
    expect(results.map((r) => r.payload.sub)).toEqual(['alice', 'alice', 'alice']);
    await jose.jwtVerify(token, keys);
    expect(issuer.downloads()).toBe(1);
  });

  it('refetches for a key it lacks (a rotation), but at most once per cooldown', async () => {
    const keys = issuerKeys(issuer.url, jose, { ...options, cooldownMs: 300 });
    await jose.jwtVerify(await sign(issuer.firstKey, 'key-1'), keys);
    const second = await issuer.rotate('key-2');
    // Within the cooldown: no download, the token's key is not (yet) known.
    await expect(jose.jwtVerify(await sign(second, 'key-2'), keys)).rejects.toBeInstanceOf(
      jose.errors.JWKSNoMatchingKey,
    );
    expect(issuer.downloads()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await jose.jwtVerify(await sign(second, 'key-2'), keys)).payload.sub).toBe('alice');
    expect(issuer.downloads()).toBe(2);
    // A key no download has: refused, and no further download before the cooldown ends.
    await expect(jose.jwtVerify(await sign(second, 'key-3'), keys)).rejects.toBeInstanceOf(
      jose.errors.JWKSNoMatchingKey,
    );
    expect(issuer.downloads()).toBe(2);
  });

  it('refetches a key set older than maxAge before using it', async () => {
    const keys = issuerKeys(issuer.url, jose, { ...options, maxAgeMs: 200 });
    const token = await sign(issuer.firstKey, 'key-1');
    await jose.jwtVerify(token, keys);
    await new Promise((resolve) => setTimeout(resolve, 250));
    await jose.jwtVerify(token, keys);
    expect(issuer.downloads()).toBe(2);
  });

  it('refuses what is not a 200 JSON key set, a slow issuer and an oversized answer', async () => {
    const token = await sign(issuer.firstKey, 'key-1');
    const outcomes: unknown[] = [];
    const answers: ((res: ServerResponse) => void)[] = [
      (res) => res.writeHead(503).end('down'),
      (res) => res.writeHead(302, { location: issuer.url.href }).end(),
      (res) => res.writeHead(200).end('<html>not json</html>'),
      () => undefined, // never answers
      (res) => res.writeHead(200).end(`{"keys":[],"pad":"${'x'.repeat(1024 * 1024)}"}`),
    ];
    for (const answer of answers) {
      issuer.answerWith(answer);
      const keys = issuerKeys(issuer.url, jose, { ...options, timeoutMs: 200 });
      outcomes.push(await jose.jwtVerify(token, keys).catch((err: unknown) => err));
    }
    expect(outcomes.map((e) => (e as Error).message)).toEqual([
      expect.stringMatching(/answered 503, not 200/),
      expect.stringMatching(/answered 302, not 200/),
      expect.stringMatching(/not JSON/),
      expect.stringMatching(/no answer within 200 ms/),
      expect.stringMatching(/larger than 1048576 bytes/),
    ]);
    for (const outcome of outcomes) expect(outcome).toBeInstanceOf(IssuerKeysUnavailableError);
    // JSON, but not a key set: jose's own refusal.
    issuer.answerWith((res) => res.writeHead(200).end('{"keys":"none"}'));
    await expect(
      jose.jwtVerify(token, issuerKeys(issuer.url, jose, options)),
    ).rejects.toBeInstanceOf(jose.errors.JWKSInvalid);
  });

  it("never loads Node's undici (fetch), which jose's remote key set would", async () => {
    // A fresh process: verify a token against the issuer, then report what Node loaded.
    const token = await sign(issuer.firstKey, 'key-1');
    const script = `
      const jose = require('jose');
      const { issuerKeys } = require(${JSON.stringify(path.join(__dirname, '../../app/auth/issuer-keys.ts'))});
      const keys = issuerKeys(new URL(process.argv[1]), jose, { timeoutMs: 2000, cooldownMs: 1, maxAgeMs: 60000 });
      jose.jwtVerify(process.argv[2], keys).then((r) => {
        const undici = process.moduleLoadList.some((m) => m.includes('undici'));
        console.log(JSON.stringify({ sub: r.payload.sub, undici }));
      });
    `;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '-e', script, issuer.url.href, token],
      { cwd: path.join(__dirname, '..', '..') },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await new Promise((resolve) => child.once('exit', resolve));
    expect(JSON.parse(out.trim().split('\n').pop() as string)).toEqual({
      sub: 'alice',
      undici: false,
    });
  });
});

/**
 * Shared pieces of the real-browser tests (`npm run test:browser`, jest.browser.config.js):
 * Debian's Chromium driven by playwright-core, the real app listening on a loopback port, and
 * tiny static origins that host a page for cross-origin calls.
 *
 * Chromium is the system one (`apt-get install chromium`); playwright never downloads a
 * browser here. CHROMIUM_PATH overrides the executable.
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import { startTestApi, type TestApi, type TestApiOptions } from '../support/test-app';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Long enough for a slow CI machine, short enough that a hang fails the run. */
export const STEP_TIMEOUT_MS = 30_000;

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install it (apt-get install -y chromium) ` +
        'or set CHROMIUM_PATH.',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // --no-sandbox: CI runs as root in a container, where Chromium's sandbox cannot start.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    timeout: 30_000,
  });
}

/** A fresh context and page with bounded waits, recording what the page reports. */
export async function openPage(browser: Browser): Promise<{ page: Page; events: PageEvents }> {
  const context = await browser.newContext();
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  return { page, events: recordEvents(page) };
}

export interface PageEvents {
  /** Console messages of type error (CSP violations and blocked CORS requests land here). */
  consoleErrors: string[];
  /** Uncaught exceptions in the page. */
  pageErrors: string[];
  /** Requests that failed at the network level (blocked, refused, aborted). */
  failedRequests: string[];
}

function recordEvents(page: Page): PageEvents {
  const events: PageEvents = { consoleErrors: [], pageErrors: [], failedRequests: [] };
  page.on('console', (msg: ConsoleMessage) => {
    if (msg.type() === 'error') events.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => events.pageErrors.push(String(err)));
  page.on('requestfailed', (req) =>
    events.failedRequests.push(`${req.method()} ${req.url()}: ${req.failure()?.errorText}`),
  );
  return events;
}

/** A request as the API server received it (preflights included). */
export interface SeenRequest {
  method: string;
  url: string;
  origin?: string;
  requestMethod?: string;
  requestHeaders?: string;
}

export interface ListeningApi {
  t: TestApi;
  /** e.g. http://127.0.0.1:40123 */
  origin: string;
  /** Every request the server received, in order, before the app saw it. */
  seen: SeenRequest[];
  close(): Promise<void>;
}

/** The real app on dynalite (test/support/test-app.ts), listening on a loopback port. */
export async function listenApi(options: TestApiOptions = {}): Promise<ListeningApi> {
  const t = await startTestApi({ ...options, transport: 'express' });
  const server = t.app.listen(0, '127.0.0.1');
  const seen: SeenRequest[] = [];
  server.on('request', (req: IncomingMessage) => {
    seen.push({
      method: req.method ?? '',
      url: req.url ?? '',
      origin: req.headers.origin,
      requestMethod: header(req, 'access-control-request-method'),
      requestHeaders: header(req, 'access-control-request-headers'),
    });
  });
  try {
    const origin = await listening(server);
    return {
      t,
      origin,
      seen,
      close: async () => {
        await closeServer(server);
        await t.close();
      },
    };
  } catch (err) {
    await t.close();
    throw err;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

export interface StaticOrigin {
  /** e.g. http://127.0.0.1:40124 (another port: another origin). */
  origin: string;
  close(): Promise<void>;
}

/** A second local origin: serves one blank HTML page at `/`, 404 otherwise. */
export async function startStaticOrigin(title: string): Promise<StaticOrigin> {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><link rel="icon" href="data:,"></head><body><p>${title}</p></body></html>`;
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/') {
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
      });
      res.end(html);
      return;
    }
    res.writeHead(404).end();
  });
  server.listen(0, '127.0.0.1');
  const origin = await listening(server);
  return { origin, close: () => closeServer(server) };
}

async function listening(server: Server): Promise<string> {
  if (!server.listening) {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  }
  const { address, port } = server.address() as AddressInfo;
  return `http://${address}:${port}`;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Chromium keeps connections alive; without this, close() waits for them to idle out.
    server.closeAllConnections();
  });
}

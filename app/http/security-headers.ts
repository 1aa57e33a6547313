import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Security headers for a JSON API, following the OWASP REST Security Cheat Sheet: a
 * Content-Security-Policy that forbids everything (no response of this API is a document to
 * render or frame), HSTS, nosniff, X-Frame-Options DENY, no referrer, and a same-origin
 * resource policy. Helmet's document-only headers (COOP, Origin-Agent-Cluster, the legacy
 * IE and Flash ones, X-XSS-Protection) are left off: they protect HTML pages, and each costs
 * every response a header.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    xContentTypeOptions: true,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: false,
    crossOriginEmbedderPolicy: false,
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
    xPoweredBy: false, // Express's own header is disabled in app.ts
  });
}

/**
 * The docs page: a static HTML shell and the script that starts Swagger UI, served as files
 * (no inline script or style, so the page runs under a CSP without 'unsafe-inline').
 *
 * Every URL in the page is relative: the page is served at `<api root>/docs/`, and on Lambda
 * the API root the browser sees may carry a prefix the app never routes (an API Gateway stage
 * such as /prod, a custom-domain base path).
 */

/** Swagger UI options. No URL-driven config, no online validator, no network but the API. */
const UI_OPTIONS = {
  dom_id: '#swagger-ui',
  // BaseLayout: no top bar, so no standalone preset (see docs-assets.ts).
  layout: 'BaseLayout',
  deepLinking: true,
  docExpansion: 'list',
  filter: true,
  displayRequestDuration: true,
  // Keeps a bearer token entered with "Authorize" across reloads (localStorage).
  persistAuthorization: true,
  // The default is a badge image from validator.swagger.io: a third-party request.
  validatorUrl: null,
  // Never read config (or a spec URL) from the page's query string.
  queryConfigEnabled: false,
};

/**
 * Runs in the browser. Fetches the spec, points origin-relative servers (`/`, `/v1`) at the
 * API root as the browser reached it (so "Try it out" calls this origin, stage prefix
 * included), then starts Swagger UI with the spec object.
 */
export const INITIALIZER_JS = `'use strict';
(function () {
  var options = ${JSON.stringify(UI_OPTIONS)};
  var container = document.getElementById('swagger-ui');
  // This page is <api root>/docs/; the spec is <api root>/openapi.json.
  var apiRoot = new URL('..', window.location.href);
  var specUrl = new URL('openapi.json', apiRoot);
  var base = apiRoot.origin + apiRoot.pathname.replace(/\\/+$/, '');

  function sameOriginServers(servers) {
    if (!Array.isArray(servers) || servers.length === 0) return [{ url: base }];
    return servers.map(function (server) {
      var url = server && server.url;
      if (typeof url !== 'string' || url.charAt(0) !== '/' || url.charAt(1) === '/') return server;
      return Object.assign({}, server, { url: (base + url).replace(/\\/+$/, '') });
    });
  }

  fetch(specUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (res) {
      if (!res.ok) throw new Error('HTTP ' + res.status);
      return res.json();
    })
    .then(function (spec) {
      spec.servers = sameOriginServers(spec.servers);
      window.ui = SwaggerUIBundle(Object.assign({ spec: spec }, options));
    })
    .catch(function (err) {
      container.textContent =
        'Could not load the API description from ' + specUrl.href + ': ' + err.message;
    });
})();
`;

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

export interface DocsPageUrls {
  /** Each a URL relative to the page, cache-busting query included. */
  css: string[];
  scripts: string[];
}

/** The HTML shell. The favicon is an empty data: URL, so browsers ask for no /favicon.ico. */
export function docsHtml(title: string, urls: DocsPageUrls): string {
  const attr = escapeHtml;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    '<link rel="icon" href="data:,">',
    ...urls.css.map((href) => `<link rel="stylesheet" href="${attr(href)}">`),
    '</head>',
    '<body>',
    '<div id="swagger-ui"></div>',
    '<noscript>This page needs JavaScript. The API description is at ' +
      '<a href="../openapi.json">../openapi.json</a>.</noscript>',
    ...urls.scripts.map((src) => `<script src="${attr(src)}"></script>`),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

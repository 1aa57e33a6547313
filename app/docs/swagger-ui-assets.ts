/**
 * The files of swagger-ui-dist the docs page uses, served from disk by docs-router.ts and
 * copied next to the bundle by scripts/build.ts (DOCS_UI=true). Nothing here imports
 * swagger-ui-dist: its JavaScript never enters dist/lambda.js.
 *
 * Left out on purpose: swagger-ui-standalone-preset.js (its top bar logo is an inline
 * `<style>`, refused by the page's CSP, and it is only needed for the URL bar), the
 * distribution's own index.html and swagger-initializer.js (they point at the Petstore demo),
 * the OAuth2 redirect page (the API's scheme is bearer), and the source maps.
 */
export const DOCS_ASSETS = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
  'index.css': 'text/css; charset=utf-8',
} as const;

export type DocsAssetName = keyof typeof DOCS_ASSETS;

/**
 * Copied with the assets by the build: the version tags asset URLs (cache busting), and
 * swagger-ui-dist's Apache-2.0 licence asks that LICENSE and NOTICE travel with its files.
 */
export const DOCS_ASSET_EXTRAS = ['package.json', 'LICENSE', 'NOTICE'] as const;

/** Where the build puts the assets, relative to the directory of dist/lambda.js. */
export const BUNDLED_DOCS_ASSETS_DIR = 'docs-assets';

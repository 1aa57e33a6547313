import type { ResourceFeature } from './resources/resource-feature';

/**
 * The resources `npm run new:resource` generated, as the app mounts them (items, with its
 * status index, idempotent creates and export, is wired by hand in app.ts). Each entry is the
 * `<name>Feature` its folder's index.ts exports.
 */
// The list holds features of different record types; each is used only with its own parts.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const RESOURCE_FEATURES: readonly ResourceFeature<any>[] = [
  // new:resource inserts above this line
];

/**
 * Hand-written ItemInput check for the peers without a schema validator. It must accept and
 * reject exactly what Ajv does with `itemInputSchema`, so string lengths are counted in code
 * points (Ajv's rule), not UTF-16 units.
 */
import { ITEM_STATUSES, type ItemInput } from './item';

export type Validation = { ok: true; value: ItemInput } | { ok: false; errors: string[] };

const ALLOWED_KEYS = new Set(['name', 'description', 'price', 'tags', 'status']);
const NON_SPACE = /\S/u;

/** Code points never exceed UTF-16 units, so the costly count is only needed past the limit. */
function tooLong(s: string, max: number): boolean {
  if (s.length <= max) return false;
  let count = 0;
  for (const _ of s) if (++count > max) return true;
  return false;
}

function isString(v: unknown, min: number, max: number): v is string {
  return typeof v === 'string' && v.length >= min && !tooLong(v, max);
}

export function validateItemInput(body: unknown): Validation {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, errors: ['body must be a JSON object'] };
  }
  const input = body as Record<string, unknown>;
  const errors: string[] = [];
  for (const key of Object.keys(input)) {
    if (!ALLOWED_KEYS.has(key)) errors.push(`unknown property '${key}'`);
  }

  const { name, description, price, tags, status } = input;
  if (!isString(name, 1, 200) || !NON_SPACE.test(name)) {
    errors.push('name must be a string of 1..200 characters with a non-space character');
  }
  if (description !== undefined && !isString(description, 0, 2000)) {
    errors.push('description must be a string of at most 2000 characters');
  }
  if (
    price !== undefined &&
    (typeof price !== 'number' || !(price >= 0 && price <= 1_000_000_000_000))
  ) {
    errors.push('price must be a number from 0 to 1000000000000');
  }
  if (tags !== undefined) {
    if (
      !Array.isArray(tags) ||
      tags.length > 20 ||
      !tags.every((t) => isString(t, 1, 50)) ||
      new Set(tags).size !== tags.length
    ) {
      errors.push('tags must be at most 20 unique strings of 1..50 characters');
    }
  }
  if (status !== undefined && !(ITEM_STATUSES as readonly unknown[]).includes(status)) {
    errors.push(`status must be one of ${ITEM_STATUSES.join(', ')}`);
  }

  return errors.length === 0
    ? { ok: true, value: input as unknown as ItemInput }
    : { ok: false, errors };
}

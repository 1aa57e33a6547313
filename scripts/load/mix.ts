/** The operations the load mixes, their relative weights, and the `--mix` parser. */
import { UsageError } from './usage-error';

export const OPS = ['create', 'read', 'list', 'put', 'patch', 'delete'] as const;
export type Op = (typeof OPS)[number];
/** `refresh` is a read the script makes on its own to learn an ETag it lost track of. */
export type OpLabel = Op | 'refresh';
export type Mix = Record<Op, number>;
export const DEFAULT_MIX: Mix = { create: 20, read: 35, list: 10, put: 10, patch: 15, delete: 10 };

/** `create=2,read=4,...`: relative weights; operations left out get weight 0. */
export function parseMix(raw: string): Mix {
  const mix: Mix = { create: 0, read: 0, list: 0, put: 0, patch: 0, delete: 0 };
  for (const part of raw.split(',').map((s) => s.trim())) {
    if (!part) continue;
    const m = /^([a-z]+)\s*[=:]\s*(\d+(?:\.\d+)?)$/.exec(part);
    const op = m?.[1] as Op | undefined;
    if (!m || !op || !OPS.includes(op)) {
      throw new UsageError(
        `--mix: "${part}" is not op=weight with op one of ${OPS.join(', ')} (e.g. read=4)`,
      );
    }
    mix[op] = Number(m[2]);
  }
  if (OPS.every((op) => mix[op] === 0)) throw new UsageError('--mix: all weights are zero');
  return mix;
}

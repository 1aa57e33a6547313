import { loadSpec } from '../../app/openapi/spec';

type Schema = Record<string, unknown>;
const spec = loadSpec();
const schemas = spec.components?.schemas as Record<string, Schema>;
const responses = spec.components?.responses as unknown as Record<string, Schema>;

/** The media types of a `#/components/responses/...` reference (undefined if it is not one). */
function contentOf(ref: unknown): Record<string, Schema> | undefined {
  const name =
    typeof ref === 'string' ? /^#\/components\/responses\/(.+)$/.exec(ref)?.[1] : undefined;
  return name === undefined
    ? undefined
    : ((responses[name]?.content ?? {}) as Record<string, Schema>);
}

const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item as Record<string, { responses?: Record<string, Schema> }>)
    .filter(([method]) => method !== 'parameters')
    .map(([method, op]) => ({ path, method, responses: op.responses ?? {} })),
);

describe('openapi.yaml', () => {
  it('declares HEAD next to every GET', () => {
    for (const [path, item] of Object.entries(spec.paths)) {
      if (item && 'get' in item)
        expect({ path, head: 'head' in item }).toEqual({ path, head: true });
    }
  });

  it('declares a problem body for every error status of every operation with a body', () => {
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(
        item as Record<string, { responses?: Record<string, Schema> }>,
      )) {
        if (method === 'head' || method === 'parameters' || !op.responses) continue;
        for (const status of Object.keys(op.responses).filter((s) => Number(s) >= 400)) {
          const ref = op.responses[status]?.$ref;
          expect({ path, method, status, ref }).toEqual({
            path,
            method,
            status,
            ref: expect.stringMatching(/^#\/components\/responses\//),
          });
          expect({ path, method, status, body: contentOf(ref) }).toEqual({
            path,
            method,
            status,
            body: {
              'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
            },
          });
        }
      }
    }
  });

  // With this and the test above, .spectral.yaml can turn off the OWASP rules that demand a
  // 401, 429 and 500 body on every operation: HEAD answers have none.
  it('declares 400, 401, 414, 429 and 500 on every operation, bodiless on HEAD', () => {
    for (const { path, method, responses: declared } of operations) {
      expect({ path, method, statuses: Object.keys(declared) }).toEqual({
        path,
        method,
        statuses: expect.arrayContaining(['400', '401', '414', '429', '500']),
      });
      if (method !== 'head') continue;
      for (const [status, response] of Object.entries(declared)) {
        const content = response.$ref === undefined ? response.content : contentOf(response.$ref);
        expect({ path, status, content: content ?? {} }).toEqual({ path, status, content: {} });
      }
    }
  });

  it('requires <resource>:write of every write, in x-required-scopes (a bearer scheme takes no scopes)', () => {
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const method of ['get', 'head', 'post', 'put', 'patch', 'delete'] as const) {
        const op = item?.[method] as Record<string, unknown> | undefined;
        if (!op) continue;
        const security = (op.security ?? []) as Record<string, string[]>[];
        expect({ path, method, scopes: security.flatMap((r) => Object.values(r).flat()) }).toEqual({
          path,
          method,
          scopes: [],
        });
        const write = method !== 'get' && method !== 'head';
        expect({ path, method, required: op['x-required-scopes'] }).toEqual({
          path,
          method,
          // /v1/items/... -> items:write; a generated /v1/notes/... -> notes:write.
          required: write ? [`${path.split('/')[2]}:write`] : undefined,
        });
      }
    }
  });

  it('keeps the nullable copies in ItemPatch in step with the field schemas', () => {
    const patch = (schemas.ItemPatch?.properties ?? {}) as Record<string, Schema>;
    const strip = ({ nullable: _n, ...rest }: Schema) => rest;
    expect(strip(patch.description as Schema)).toEqual(schemas.ItemDescription);
    expect(strip(patch.price as Schema)).toEqual(schemas.ItemPrice);
    expect(strip(patch.tags as Schema)).toEqual(schemas.ItemTags);
  });
});

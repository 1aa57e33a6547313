import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { generateResource } from '../../scripts/new-resource/generate';
import { namesOf, parseRequest, UsageError } from '../../scripts/new-resource/names';
import { addResourceToSpec } from '../../scripts/new-resource/spec';

const ROOT = path.resolve(__dirname, '..', '..');
/**
 * A name no one generates (CI generates `notes` on a scratch copy and runs this suite there):
 * the tests add it to copies, never to the tree itself.
 */
const NAME = 'scaffoldProbes';
/** The files the generator edits: a project in miniature, for the all-or-nothing tests. */
const EDITED = [
  'openapi.yaml',
  'app/resources/registry.ts',
  'app/features.ts',
  'app/openapi/schema.d.ts',
];

function miniProject(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'new-resource-'));
  for (const file of EDITED) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(path.join(ROOT, file), path.join(dir, file));
  }
  return dir;
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(EDITED.map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
}

describe('npm run new:resource: the request', () => {
  it('takes a plural camelCase name and typed fields, optional with ?', () => {
    expect(
      parseRequest(['auditEvents', '--field', 'title:string', '--field=score:number?']),
    ).toEqual({
      name: 'auditEvents',
      fields: [
        { name: 'title', type: 'string', required: true },
        { name: 'score', type: 'number', required: false },
      ],
    });
    // Without --field: one required text.
    expect(parseRequest(['notes']).fields).toEqual([
      { name: 'text', type: 'string', required: true },
    ]);
  });

  it.each([
    [['Notes'], /not a valid resource name/],
    [['my-notes'], /not a valid resource name/],
    [['1notes'], /not a valid resource name/],
    [['items'], /taken/],
    [['notes', 'tasks'], /one resource name/],
    [[], /one resource name/],
    [['notes', '--field', 'size:float'], /type "float"/],
    [['notes', '--field', 'id:string'], /set by the server/],
    [['notes', '--field', 'a:string', '--field', 'a:integer'], /twice/],
    [['notes', '--fields', 'a:string'], /Unknown option/],
  ])('refuses %j, saying why', (argv, message) => {
    expect(() => parseRequest(argv)).toThrow(UsageError);
    expect(() => parseRequest(argv)).toThrow(message);
  });

  it('derives every name from the plural', () => {
    expect(namesOf('notes')).toMatchObject({ singular: 'note', type: 'Note', kebab: 'notes' });
    expect(namesOf('categories')).toMatchObject({ singular: 'category', type: 'Category' });
    expect(namesOf('boxes')).toMatchObject({ singular: 'box', type: 'Box' });
    expect(namesOf('auditEvents')).toMatchObject({
      singular: 'auditEvent',
      type: 'AuditEvent',
      kebab: 'audit-events',
      singularKebab: 'audit-event',
      plural: 'AuditEvents',
    });
  });
});

describe('npm run new:resource: the contract', () => {
  const source = readFileSync(path.join(ROOT, 'openapi.yaml'), 'utf8');
  const request = parseRequest([NAME, '--field', 'text:string', '--field', 'tags:string[]?']);
  const out = addResourceToSpec(source, namesOf(NAME), request);

  it('adds the two paths, eight operations with scopes, four schemas and the tag', () => {
    const doc = parseDocument(out).toJS() as {
      paths: Record<
        string,
        Record<string, { operationId?: string; 'x-required-scopes'?: string[] }>
      >;
      components: { schemas: Record<string, unknown> };
      tags: { name: string }[];
    };
    const ops = [`/v1/${NAME}`, `/v1/${NAME}/{id}`].flatMap((p) =>
      Object.values(doc.paths[p] ?? {})
        .map((op) => op.operationId)
        .filter(Boolean),
    );
    expect(ops.sort()).toEqual(
      [
        'createScaffoldProbe',
        'deleteScaffoldProbe',
        'getScaffoldProbe',
        'headScaffoldProbe',
        'headScaffoldProbes',
        'listScaffoldProbes',
        'replaceScaffoldProbe',
        'updateScaffoldProbe',
      ].sort(),
    );
    expect(doc.paths[`/v1/${NAME}`]?.post?.['x-required-scopes']).toEqual([`${NAME}:write`]);
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        'ScaffoldProbe',
        'ScaffoldProbeInput',
        'ScaffoldProbePatch',
        'ScaffoldProbePage',
      ]),
    );
    expect(doc.tags.map((t) => t.name)).toContain(NAME);
  });

  it('leaves every line that was there as it was (comments included)', () => {
    const added = out.split('\n').length - source.split('\n').length;
    expect(added).toBeGreaterThan(100);
    const kept = out.split('\n');
    // Each original line appears, in order.
    let at = 0;
    for (const line of source.split('\n')) {
      at = kept.indexOf(line, at);
      expect({ line, found: at >= 0 }).toEqual({ line, found: true });
      at += 1;
    }
  });

  it('refuses a resource the contract already has', () => {
    expect(() => addResourceToSpec(out, namesOf(NAME), request)).toThrow(/already declares/);
  });
});

describe('npm run new:resource: all or nothing', () => {
  it('writes the resource when every step succeeds', () => {
    const dir = miniProject();
    const steps: string[] = [];
    const written = generateResource(parseRequest([NAME]), {
      root: dir,
      run: (command, args) => steps.push([command, ...args].join(' ')),
    });
    expect(written).toEqual(
      expect.arrayContaining([
        'app/scaffold-probes/index.ts',
        'test/scaffold-probes/scaffold-probes.http.test.ts',
      ]),
    );
    expect(existsSync(path.join(dir, 'app/scaffold-probes/scaffold-probe-service.ts'))).toBe(true);
    expect(readFileSync(path.join(dir, 'app/features.ts'), 'utf8')).toContain(
      'scaffoldProbesFeature,',
    );
    expect(steps).toEqual([
      'npm run -s types',
      expect.stringMatching(/^npx prettier --write /),
      'npx tsc --noEmit',
    ]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts every file back, and removes what it created, when a step fails', () => {
    const dir = miniProject();
    const before = snapshot(dir);
    expect(() =>
      generateResource(parseRequest([NAME]), {
        root: dir,
        run: (command) => {
          if (command === 'npx') throw new Error('tsc found 1 error');
        },
      }),
    ).toThrow(/Nothing was changed/);
    expect(snapshot(dir)).toEqual(before);
    expect(existsSync(path.join(dir, 'app/scaffold-probes'))).toBe(false);
    expect(existsSync(path.join(dir, 'test/scaffold-probes'))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a name whose folder exists, writing nothing', () => {
    const dir = miniProject();
    mkdirSync(path.join(dir, 'app/scaffold-probes'), { recursive: true });
    const before = snapshot(dir);
    expect(() =>
      generateResource(parseRequest([NAME]), { root: dir, run: () => undefined }),
    ).toThrow(/app\/scaffold-probes\/ exists/);
    expect(snapshot(dir)).toEqual(before);
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a name the tree's registry already has, writing nothing", () => {
    const dir = miniProject();
    generateResource(parseRequest([NAME]), { root: dir, run: () => undefined });
    rmSync(path.join(dir, 'app/scaffold-probes'), { recursive: true, force: true });
    rmSync(path.join(dir, 'test/scaffold-probes'), { recursive: true, force: true });
    const before = snapshot(dir);
    expect(() =>
      generateResource(parseRequest([NAME]), { root: dir, run: () => undefined }),
    ).toThrow(/registry.ts already has scaffoldProbes/);
    expect(snapshot(dir)).toEqual(before);
    rmSync(dir, { recursive: true, force: true });
  });
});

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';

const ROOT = path.resolve(__dirname, '..', '..');

/** Every installed package's `engines.node`, by name@version (nested copies included). */
function engines(dir: string, out = new Map<string, string>()): Map<string, string> {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith('.')) continue;
    const at = path.join(dir, entry);
    if (entry.startsWith('@')) {
      engines(at, out);
      continue;
    }
    const manifest = path.join(at, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {
        name?: string;
        version?: string;
        engines?: { node?: unknown };
      };
      if (typeof pkg.engines?.node === 'string') {
        out.set(`${pkg.name}@${pkg.version}`, pkg.engines.node);
      }
    }
    engines(path.join(at, 'node_modules'), out);
  }
  return out;
}

describe('Node engines', () => {
  it('every installed package accepts the Node the scripts and Lambda run (no EBADENGINE on 24)', () => {
    const node = process.versions.node;
    expect(semver.major(node)).toBe(24);
    const all = engines(path.join(ROOT, 'node_modules'));
    expect(all.size).toBeGreaterThan(100);
    const refusing = [...all].filter(
      ([, range]) => !semver.satisfies(node, range, { includePrerelease: true }),
    );
    expect(refusing).toEqual([]);
  });
});

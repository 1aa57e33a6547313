/** Command-line options of scripts/load.ts: the usage text and the argv parser. */
import { parseArgs } from 'node:util';
import { DEFAULT_MIX, parseMix, type Mix } from './mix';
import { UsageError } from './usage-error';

const DEFAULT_URL = 'http://127.0.0.1:3000';

export interface LoadOptions {
  url: URL;
  durationS: number;
  connections: number;
  mix: Mix;
  tokenFlag?: string;
  spawn: boolean;
}

export const USAGE = `usage: npx tsx scripts/load.ts [--url ${DEFAULT_URL}] [--duration 10] [--connections 10]
                                [--mix create=20,read=35,list=10,put=10,patch=15,delete=10]
                                [--token <jwt> | env API_TOKEN] [--spawn]`;

function intOption(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return n;
}

export function parseOptions(argv: string[]): LoadOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      url: { type: 'string' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
      mix: { type: 'string' },
      token: { type: 'string' },
      spawn: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  if (values.spawn && values.url) throw new UsageError('--spawn and --url exclude each other');
  let url: URL;
  try {
    url = new URL(values.url ?? DEFAULT_URL);
  } catch {
    throw new UsageError(`--url is not a URL: "${values.url}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError('--url must be http:// or https://');
  }
  return {
    url,
    durationS: intOption('duration', values.duration, 1, 3600),
    connections: intOption('connections', values.connections, 1, 1000),
    mix: values.mix ? parseMix(values.mix) : DEFAULT_MIX,
    tokenFlag: values.token,
    spawn: values.spawn,
  };
}

/**
 * `npx tsx scripts/load.ts [options]`: a bounded, mixed CRUD load against a running server
 * (autocannon as a library), with a per-second progress line on stderr, a summary on stdout,
 * and a lost-writes check at the end.
 *
 * Every connection owns the items it creates: it reads, lists, replaces (PUT), merge-patches
 * and deletes only those, always with the ETag it last saw in If-Match, so a correct server
 * answers (almost) only 2xx. Each acknowledged create, update and delete is recorded; after the
 * run every created item is read back: live ones must answer 200 with the last acknowledged
 * ETag, deleted ones 404. Anything else is a lost write (a newer ETag means another client
 * wrote to the item, which is reported too). A write whose outcome is unknown (connection
 * reset, timeout, 5xx, or still in flight when the run stops) may still land later, so it is
 * never counted as lost: the item is re-read before its next write and its ETag is no longer
 * compared; after a delete of unknown outcome either 200 or 404 is accepted. A create of
 * unknown outcome (mostly one still in flight when the run stops: autocannon drops those
 * connections) is settled after the run by replaying it with its Idempotency-Key, which returns
 * the item if the create landed and creates it if not; either way it is then checked like any.
 *
 * Exit status: 0 when no write was lost, no 5xx was seen and no other client wrote to this
 * run's items; 1 otherwise (or when the check could not finish); 2 for bad options or an
 * unusable server (unreachable, refusing the token, already rate limited).
 *
 * Options:
 *   --url <base>         server to load (default http://127.0.0.1:3000)
 *   --duration <s>       seconds of load, 1..3600 (default 10)
 *   --connections <n>    concurrent connections, 1..1000 (default 10)
 *   --mix <weights>      relative weights, e.g. create=2,read=4,list=1,put=1,patch=2,delete=1
 *   --token <jwt>        bearer token with scope items:write, sent with every request;
 *                        default: env API_TOKEN (see resolveToken in scripts/load/token.ts)
 *   --spawn              start server.ts for this run (ephemeral port, temp DATA_DIR)
 *
 * This file is the entry (argument handling and main); the parts live in scripts/load/.
 */
import { fmt } from './load/format';
import { basePath } from './load/http';
import { parseOptions, USAGE } from './load/options';
import { preflight } from './load/preflight';
import { RunState } from './load/run-state';
import { runLoad } from './load/runner';
import { settleCreates } from './load/settle';
import { summarize } from './load/summary';
import { checkReachable, spawnServer, type Target } from './load/target';
import { resolveToken } from './load/token';
import { UsageError } from './load/usage-error';
import { verify } from './load/verify';

async function main(argv: string[]): Promise<number> {
  const parsed = parseOptions(argv);
  if (parsed === 'help') {
    console.log(USAGE);
    return 0;
  }
  const options = parsed;
  const log = (line: string) => process.stderr.write(`${line}\n`);

  const target: Target = options.spawn
    ? await spawnServer()
    : { baseUrl: options.url, close: async () => undefined };
  try {
    await checkReachable(target.baseUrl, options.spawn);
    const token = await resolveToken({
      flag: options.tokenFlag,
      env: process.env,
      baseUrl: target.baseUrl,
      dataDir: target.dataDir,
    });
    for (const warning of await preflight(target.baseUrl, token, options.connections)) {
      log(`warning: ${warning}`);
    }
    const run = new RunState(target.baseUrl, token, options.mix);
    log(
      `load: ${target.baseUrl.origin}${basePath(target.baseUrl)}${options.spawn ? ' (spawned)' : ''}, ` +
        `${options.connections} connections for ${options.durationS} s` +
        `${token ? ', with a bearer token' : ', no token'}`,
    );
    const { result, interrupted } = await runLoad(options, run);
    if (run.unsettledCreates.length) {
      log(
        `settling ${fmt(run.unsettledCreates.length)} creates left without an answer ` +
          '(in flight when the run stopped, or reset, timed out or 5xx): replaying their Idempotency-Key...',
      );
      await settleCreates(run, log);
    }
    log(`checking ${fmt(run.ledger.length)} items for lost writes...`);
    const v = await verify(run, log);
    const { lines, ok } = summarize(options, run, result, v, interrupted);
    console.log(lines.join('\n'));
    return ok ? 0 : 1;
  } finally {
    await target.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2))
    .then((code) => process.exit(code))
    .catch((err: unknown) => {
      if (
        err instanceof UsageError ||
        (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
      ) {
        console.error(err instanceof Error ? err.message : String(err));
        if (!(err instanceof UsageError)) console.error(USAGE);
        process.exit(2);
      }
      console.error(err);
      process.exit(1);
    });
}

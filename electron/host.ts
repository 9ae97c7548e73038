// Browser mode: the same backend behind the loopback HTTP transport, serving the built renderer.
// Prints `CARDDESK_URL=http://127.0.0.1:<port>/#token=<t>` when ready.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { defaultKeyDir, FileKeyStore } from './adapters/file-keystore';
import { cryptoRandom, ShiftableClock, systemClock, timerScheduler, uuidIds } from './adapters/system-ports';
import { createBackend } from './core/backend';
import { rawPrinter } from './adapters/raw-printer';
import { fetchHq } from './adapters/hq-fetch';
import { networkWatch } from './adapters/network-watch';
import { DatabaseTooNewError } from './core/db/migrate';
import { createDispatch } from './transport/dispatch';
import { createHttpServer } from './transport/http';
import { fileLogger } from './adapters/log';
import { FONT_FILE, resourceFile, sourceResourcesDir } from './resources';

export interface HostArgs {
  port: number;
  dataDir: string;
  /** What process.resourcesPath is to the packaged app; the repo's resources/ by default. */
  resourcesDir: string;
}

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv): HostArgs {
  let port = 0;
  let dataDir = env.CARDDESK_DATA_DIR ?? path.resolve('.data');
  let resourcesDir = sourceResourcesDir(__dirname);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--port') port = Number(next());
    else if (a === '--data-dir') dataDir = path.resolve(next());
    else if (a === '--resources-dir') resourcesDir = path.resolve(next());
    else throw new Error(`unknown option ${a}`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port takes 0–65535');
  return { port, dataDir, resourcesDir };
}

function main(): void {
  const args = parseArgs(process.argv.slice(2), process.env);
  const testMode = process.env.CARDDESK_TEST === '1';
  const clock = testMode ? new ShiftableClock() : systemClock;
  // Test mode only: a restarted host can continue on the clock a test had moved (crash tests restart it).
  const offset = Number(process.env.CARDDESK_TEST_CLOCK_OFFSET_MS ?? 0);
  if (clock instanceof ShiftableClock && Number.isSafeInteger(offset) && offset > 0) clock.advance(offset);
  const log = fileLogger(path.join(args.dataDir, 'logs'));
  const fontFile = resourceFile(args.resourcesDir, FONT_FILE);
  if (!fs.existsSync(fontFile)) {
    process.stderr.write(`The CJK font is missing (${fontFile}); PDF exports will fail.\n`);
    log(`font missing: ${fontFile}`);
  }
  let backend;
  try {
    backend = createBackend({
      dataDir: args.dataDir,
      clock,
      ids: uuidIds,
      random: cryptoRandom,
      scheduler: timerScheduler,
      keys: new FileKeyStore(defaultKeyDir(), args.dataDir),
      printer: rawPrinter,
      hq: fetchHq,
      network: networkWatch(),
      testMode,
      log,
      fontFile,
    });
  } catch (e) {
    process.stderr.write(
      `CardDesk cannot open its data in ${args.dataDir}: ${e instanceof DatabaseTooNewError ? e.message : String(e)}\n`,
    );
    process.exit(2);
  }
  const token = randomBytes(24).toString('hex');
  const server = createHttpServer({
    backend,
    dispatch: createDispatch(backend),
    token,
    staticDir: path.join(__dirname, 'renderer'),
    testControls: testMode && clock instanceof ShiftableClock ? { advanceClock: (ms) => clock.advance(ms) } : undefined,
  });
  if (!fs.existsSync(path.join(__dirname, 'renderer', 'index.html'))) {
    process.stderr.write('The renderer is not built; run `npm run build` first.\n');
  }
  server.listen(args.port, '127.0.0.1', () => {
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : args.port;
    log(`host listening on 127.0.0.1:${port}, data in ${args.dataDir}`);
    process.stdout.write(`CARDDESK_URL=http://127.0.0.1:${port}/#token=${token}\n`);
  });
  const stop = () => {
    server.close();
    server.closeAllConnections();
    backend.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) main();

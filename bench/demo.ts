// `npm run demo`: a fresh data folder with a realistic month (bench/shop.ts), then browser mode on it.
// Options: --days N (30), --per-day N (200), --dir PATH (.demo), --no-serve.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { addDays, localDate, zonedTime } from '../shared/domain/dates';
import { DEMO_CLERKS, DEMO_OWNER, DEMO_PASSPHRASE, generateMonth } from './shop';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback;
};
const root = path.resolve(opt('--dir', '.demo'));
const days = Number(opt('--days', '30'));
const perDay = Number(opt('--per-day', '200'));
const dataDir = path.join(root, 'data');
const keyDir = path.join(root, 'keys');

fs.rmSync(root, { recursive: true, force: true });
fs.mkdirSync(root, { recursive: true });
// The month ends yesterday, so today is the next day to open and the charts reach today.
const tz = 'Asia/Shanghai';
const first = addDays(localDate(Date.now(), tz), -days);
const start = zonedTime(first, 9, tz);
process.stdout.write(`Making the demo shop in ${root}: ${days} days of about ${perDay} trades from ${first} …\n`);
const made = await generateMonth({
  dataDir,
  keyDir,
  days,
  tradesPerDay: perDay,
  start,
  log: (l) => process.stdout.write(`${l}\n`),
});
process.stdout.write(`Done: ${made.trades} trades, ${made.sealed} sealed days.\n`);
process.stdout.write(
  `Owner ${DEMO_OWNER.name} PIN ${DEMO_OWNER.pin}; clerks ${DEMO_CLERKS.map((c) => `${c.name} ${c.pin}`).join(', ')}; recovery passphrase ${DEMO_PASSPHRASE}\n`,
);
if (!args.includes('--no-serve')) {
  const host = spawn(
    process.execPath,
    [path.join(import.meta.dirname, '..', 'dist', 'host.cjs'), '--data-dir', dataDir],
    {
      env: { ...process.env, CARDDESK_KEY_DIR: keyDir },
      stdio: 'inherit',
    },
  );
  host.on('exit', (code) => process.exit(code ?? 0));
}

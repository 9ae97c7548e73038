// `npm run printer:virtual`: a pretend network receipt printer for people without hardware. Point the app's
// printer at tcp://127.0.0.1:9100; each receipt is saved as text and as an SVG picture of the paper.
import fs from 'node:fs';
import path from 'node:path';
import type { Printout } from './escpos';
import { VirtualPrinter } from './virtual-printer';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

function esc(s: string): string {
  return s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c);
}

/** The paper as a picture: one text row per printed line, events noted where they happened. */
export function printoutSvg(p: Printout, cpl = 48): string {
  const rows = p.lines.map((l) => ({ text: l.text, bold: l.bold, big: l.height > 1 }));
  for (const e of p.events) {
    if (e.kind === 'qr') rows.push({ text: `[QR ${e.data}]`, bold: false, big: false });
    if (e.kind === 'drawer') rows.push({ text: '[cash drawer opened]', bold: false, big: false });
    if (e.kind === 'cut') rows.push({ text: '✂ - - - - - - - - - - - - - -', bold: false, big: false });
  }
  const width = cpl * 12 + 24;
  let y = 24;
  const body = rows.map((r) => {
    y += r.big ? 44 : 24;
    // Double height keeps the width: stretch the row, not the font.
    const scale = r.big ? ' transform="scale(1 2)"' : '';
    return `<text x="12" y="${r.big ? y / 2 : y}" xml:space="preserve" font-size="20"${scale}${r.bold ? ' font-weight="bold"' : ''}>${esc(r.text)}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y + 24}"><rect width="100%" height="100%" fill="#fff"/><g font-family="WenQuanYi Micro Hei Mono, monospace" fill="#111">${body.join('')}</g></svg>`;
}

async function main(): Promise<void> {
  const port = Number(arg('--port', '9100'));
  const out = path.resolve(arg('--out', 'printed'));
  const cpl = Number(arg('--cpl', '48'));
  fs.mkdirSync(out, { recursive: true });
  const printer = new VirtualPrinter();
  await printer.start(port);
  process.stdout.write(`Virtual receipt printer on tcp://127.0.0.1:${printer.port} — receipts are saved in ${out}\n`);
  let saved = 0;
  for (;;) {
    const jobs = await printer.waitForJobs(saved + 1);
    for (const job of jobs.slice(saved)) {
      saved += 1;
      const base = path.join(out, `receipt-${String(saved).padStart(4, '0')}`);
      const text = [
        ...job.printout.lines.map((l) => l.text),
        ...job.printout.events.filter((e) => e.kind !== 'image').map((e) => `[${JSON.stringify(e)}]`),
      ].join('\n');
      fs.writeFileSync(`${base}.txt`, `${text}\n`);
      fs.writeFileSync(`${base}.svg`, printoutSvg(job.printout, cpl));
      process.stdout.write(`printed ${base}.txt and .svg\n`);
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) void main();

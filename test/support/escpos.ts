// Reads ESC/POS bytes back the way a thermal printer would lay them out: text placed by dot position (12 dots
// a column, a hanzi two columns, GB18030 in Chinese mode), sizes and bold, cuts, drawer kicks, and raster images
// with any QR code in them decoded. Tests assert on this, not on bytes.
import jsQR from 'jsqr';

export interface PrintedLine {
  text: string;
  /** Display columns, counting a hanzi as two. */
  width: number;
  bold: boolean;
  /** Character height multiplier (GS !). */
  height: number;
}

export type PrintEvent =
  | { kind: 'cut' }
  | { kind: 'drawer'; pin: number; onMs: number }
  | { kind: 'qr'; data: string }
  | { kind: 'image'; width: number; height: number };

export interface Printout {
  lines: PrintedLine[];
  events: PrintEvent[];
  /** Lines per paper cut: each element one cut-off piece of receipt. */
  pieces: PrintedLine[][];
}

const DOTS = 12;
const gb = new TextDecoder('gb18030');

export function columnsOf(s: string): number {
  let n = 0;
  for (const ch of s) n += ch.codePointAt(0)! > 0x7f ? 2 : 1;
  return n;
}

function decodeQr(width: number, height: number, bits: (x: number, y: number) => boolean): string | null {
  const pad = 16;
  const W = width + 2 * pad;
  const H = height + 2 * pad;
  const rgba = new Uint8ClampedArray(W * H * 4).fill(255);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!bits(x, y)) continue;
      const i = ((y + pad) * W + (x + pad)) * 4;
      rgba[i] = rgba[i + 1] = rgba[i + 2] = 0;
    }
  }
  return jsQR(rgba, W, H)?.data ?? null;
}

export function decodeEscPos(buf: Buffer): Printout {
  const lines: PrintedLine[] = [];
  const events: PrintEvent[] = [];
  const pieces: PrintedLine[][] = [];
  let piece: PrintedLine[] = [];
  let cells: (string | null)[] = [];
  let x = 0;
  let chinese = false;
  let codeTable = 0;
  let bold = false;
  let widthMul = 1;
  let heightMul = 1;
  let lineHeight = 1;
  let lineBold = false;
  let stored: { width: number; height: number; data: Buffer } | null = null;

  const put = (ch: string) => {
    const cols = columnsOf(ch) * widthMul;
    const col = Math.round(x / DOTS);
    while (cells.length < col + cols) cells.push(' ');
    cells[col] = ch;
    for (let k = 1; k < cols; k++) cells[col + k] = null;
    x += cols * DOTS;
    lineHeight = Math.max(lineHeight, heightMul);
    lineBold ||= bold;
  };
  const newline = () => {
    const text = cells
      .filter((c): c is string => c !== null)
      .join('')
      .replace(/\s+$/, '');
    const line = { text, width: columnsOf(text), bold: lineBold, height: lineHeight };
    lines.push(line);
    piece.push(line);
    cells = [];
    x = 0;
    lineHeight = heightMul;
    lineBold = false;
  };
  const image = (width: number, height: number, bits: (x: number, y: number) => boolean) => {
    events.push({ kind: 'image', width, height });
    const qr = decodeQr(width, height, bits);
    if (qr !== null) events.push({ kind: 'qr', data: qr });
  };
  const flag = (b: number | undefined) => (b ?? 0) % 2 === 1; // '0'/'1' or 0/1

  let i = 0;
  const u8 = (k: number) => buf[i + k] ?? 0;
  while (i < buf.length) {
    const b = buf[i]!;
    if (b === 0x1b) {
      const c = u8(1);
      if (c === 0x40) {
        chinese = false;
        bold = false;
        widthMul = heightMul = 1;
        i += 2;
      } else if (c === 0x45) {
        bold = flag(u8(2));
        i += 3;
      } else if (c === 0x24) {
        x = u8(2) + 256 * u8(3);
        i += 4;
      } else if (c === 0x5c) {
        x += ((u8(2) + 256 * u8(3)) << 16) >> 16;
        i += 4;
      } else if (c === 0x74) {
        codeTable = u8(2);
        i += 3;
      } else if (c === 0x70) {
        events.push({ kind: 'drawer', pin: u8(2) % 48 === 0 ? 2 : 5, onMs: u8(3) * 2 });
        i += 5;
      } else if (c === 0x64 || c === 0x4a) {
        if (cells.length) newline();
        i += 3;
      } else if ([0x61, 0x2d, 0x4d, 0x20, 0x33, 0x7b, 0x74, 0x21, 0x47, 0x52].includes(c)) i += 3;
      else i += 2;
    } else if (b === 0x1c) {
      const c = u8(1);
      if (c === 0x26) {
        chinese = true;
        i += 2;
      } else if (c === 0x2e) {
        chinese = false;
        i += 2;
      } else if (c === 0x2d || c === 0x43) i += 3;
      else if (c === 0x53) i += 4;
      else if (c === 0x28) i += 5 + u8(3) + 256 * u8(4);
      else i += 2;
    } else if (b === 0x1d) {
      const c = u8(1);
      if (c === 0x21) {
        widthMul = (u8(2) >> 4) + 1;
        heightMul = (u8(2) & 15) + 1;
        i += 3;
      } else if (c === 0x56) {
        if (cells.length) newline();
        events.push({ kind: 'cut' });
        pieces.push(piece);
        piece = [];
        i += u8(2) === 65 || u8(2) === 66 ? 4 : 3;
      } else if (c === 0x4c || c === 0x57) i += 4;
      else if (c === 0x38 && u8(2) === 0x4c) {
        const len = u8(3) + (u8(4) << 8) + (u8(5) << 16) + (u8(6) << 24);
        const p = i + 7;
        if (buf[p + 1] === 112) {
          const w = (buf[p + 6] ?? 0) + 256 * (buf[p + 7] ?? 0);
          const h = (buf[p + 8] ?? 0) + 256 * (buf[p + 9] ?? 0);
          stored = { width: w, height: h, data: buf.subarray(p + 10, p + len) };
        }
        i = p + len;
      } else if (c === 0x28 && u8(2) === 0x4c) {
        const len = u8(3) + 256 * u8(4);
        if (u8(6) === 50 && stored) {
          const s = stored;
          const rowBytes = Math.ceil(s.width / 8);
          image(s.width, s.height, (px, py) => ((s.data[py * rowBytes + (px >> 3)] ?? 0) & (0x80 >> (px & 7))) !== 0);
        }
        i += 5 + len;
      } else if (c === 0x76 && u8(2) === 0x30) {
        const wb = u8(4) + 256 * u8(5);
        const h = u8(6) + 256 * u8(7);
        const data = buf.subarray(i + 8, i + 8 + wb * h);
        image(wb * 8, h, (px, py) => ((data[py * wb + (px >> 3)] ?? 0) & (0x80 >> (px & 7))) !== 0);
        i += 8 + wb * h;
      } else if (c === 0x28 && u8(2) === 0x6b) {
        const len = u8(3) + 256 * u8(4);
        if (u8(5) === 49 && u8(6) === 80)
          events.push({ kind: 'qr', data: buf.subarray(i + 8, i + 5 + len).toString('latin1') });
        i += 5 + len;
      } else if ([0x61, 0x42, 0x48, 0x66, 0x68, 0x77, 0x72].includes(c)) i += 3;
      else i += 2;
    } else if (b === 0x0a) {
      newline();
      i += 1;
    } else if (b < 0x20) {
      i += 1;
    } else if (!chinese && codeTable === 1 && b === 0x95) {
      // A rule drawn with the box-drawing line of code page 1.
      put('-');
      i += 1;
    } else if (chinese && b >= 0x81) {
      const four = u8(1) >= 0x30 && u8(1) <= 0x39;
      put(gb.decode(buf.subarray(i, i + (four ? 4 : 2))));
      i += four ? 4 : 2;
    } else {
      put(String.fromCharCode(b));
      i += 1;
    }
  }
  if (cells.length) newline();
  if (piece.length) pieces.push(piece);
  return { lines, events, pieces };
}

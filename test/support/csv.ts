// A strict RFC 4180 reader for what the shop exports: an optional BOM, records ended by CRLF (the last one too),
// a quoted field's quotes doubled, and nothing else: a bare CR or LF outside quotes, a quote inside an unquoted
// field or text after a closing quote is an error, so a writer that lets a line break through is caught.
export function readCsvStrict(text: string): string[][] {
  const s = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  if (s.length === 0) return rows;
  for (;;) {
    let cell = '';
    if (s[i] === '"') {
      i++;
      for (;;) {
        if (i >= s.length) throw new Error('unterminated quoted field');
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cell += s[i];
        i++;
      }
    } else {
      while (i < s.length && s[i] !== ',' && s[i] !== '\r') {
        if (s[i] === '"' || s[i] === '\n')
          throw new Error(`a bare ${s[i] === '"' ? 'quote' : 'LF'} in an unquoted field at ${i}`);
        cell += s[i];
        i++;
      }
    }
    row.push(cell);
    if (s[i] === ',') {
      i++;
      continue;
    }
    if (s[i] === '\r' && s[i + 1] === '\n') {
      rows.push(row);
      row = [];
      i += 2;
      if (i === s.length) return rows;
      continue;
    }
    throw new Error(
      i >= s.length ? 'the last record has no CRLF' : `unexpected ${JSON.stringify(s[i])} after a field at ${i}`,
    );
  }
}

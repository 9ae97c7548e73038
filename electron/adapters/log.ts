// Log lines go to a daily file in the data folder and to stderr. Callers pass names and codes, never input.
import fs from 'node:fs';
import path from 'node:path';

export function fileLogger(dir: string, echo: (line: string) => void = (l) => process.stderr.write(`${l}\n`)) {
  return (line: string): void => {
    const now = new Date();
    const text = `${now.toISOString()} ${line}`;
    echo(text);
    try {
      // Only the user running the counter reads the logs (the data folder's rule, core/db/private-files.ts).
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      fs.appendFileSync(path.join(dir, `carddesk-${now.toISOString().slice(0, 10)}.log`), `${text}\n`, { mode: 0o600 });
    } catch {
      // A log that cannot be written must not stop the counter.
    }
  };
}

// A grouped bar chart in SVG (no chart library): a value axis with its unit on the left, the dates along the
// bottom, an optional line on its own axis on the right; pointing at a day or month shows its values in words
// above the chart (and each bar is titled for a screen reader); a button turns the chart into a table of the same
// numbers (ux.md: charts with axes, units and values on hover, each with a table view). Its few words come from
// the caller, so the shop's ledger (features/ledger/Charts.tsx) and head office's console (hq/console/ui) share it.
import { useId, useState } from 'react';

export interface ChartWords {
  chartView: string;
  tableView: string;
  rightAxis: string;
  latest: string;
}

interface Series<P> {
  label: string;
  of: (p: P) => number;
  tone: 'a' | 'b' | 'c';
}

const W = 600;
const H = 210;
const PAD = { left: 70, right: 52, top: 24, bottom: 24 };

/** Round steps (1, 2, 2.5, 5 × 10^k) from 0 (or below) to at least the highest value: 4 or 5 ticks. */
export function niceTicks(min: number, max: number, count = 4): number[] {
  const span = Math.max(1, max - Math.min(0, min));
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const lo = Math.floor(Math.min(0, min) / step) * step;
  const hi = Math.ceil(Math.max(max, step) / step) * step;
  const out: number[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) out.push(Math.round(v));
  return out;
}

export function BarChart<P extends { key: string }>(props: {
  words: ChartWords;
  title: string;
  /** What the chart's numbers are and how they are counted, under the title. */
  note: string;
  /** The heading of the first column in the table view (营业日 / 月份). */
  keyLabel: string;
  points: P[];
  series: Series<P>[];
  /** An amount in full (the hover line, the table). */
  format: (v: number) => string;
  /** An amount on the axis (whole yuan). */
  axis: (v: number) => string;
  /** The axis's unit, written at its top (元). */
  unit: string;
  line?: { label: string; of: (p: P) => number; format: (v: number) => string; unit: string };
}) {
  const w = props.words;
  const id = useId();
  const [table, setTable] = useState(false);
  const [hover, setHover] = useState<number | null>(null);
  const { points, series, line } = props;
  const values = points.flatMap((p) => series.map((s) => s.of(p)));
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values));
  const lo = ticks[0] ?? 0;
  const hi = ticks[ticks.length - 1] ?? 1;
  const inner = { w: W - PAD.left - PAD.right, h: H - PAD.top - PAD.bottom };
  const slot = inner.w / Math.max(1, points.length);
  const bar = Math.max(1, (slot * 0.8) / series.length);
  const y = (v: number) => PAD.top + inner.h * (1 - (v - lo) / (hi - lo || 1));
  const lineVals = line ? points.map((p) => line.of(p)).filter((v) => v > 0) : [];
  // The line's axis: whole percent steps around the values it has.
  const lTicks = line && lineVals.length > 0 ? rateTicks(Math.min(...lineVals), Math.max(...lineVals)) : [];
  const lLo = lTicks[0] ?? 0;
  const lHi = lTicks[lTicks.length - 1] ?? 1;
  const ly = (v: number) => PAD.top + inner.h * (1 - (v - lLo) / (lHi - lLo || 1));
  const cx = (i: number) => PAD.left + slot * i + slot / 2;
  const linePts = line ? points.map((p, i) => [cx(i), line.of(p)] as const).filter(([, v]) => v > 0) : [];
  const shown = hover ?? points.length - 1;
  const focus = points[shown];
  const describe = (p: P) =>
    [
      p.key,
      ...series.map((s) => `${s.label} ${props.format(s.of(p))}`),
      ...(line ? [`${line.label} ${line.of(p) > 0 ? line.format(line.of(p)) : '—'}`] : []),
    ].join(' · ');
  const every = Math.max(1, Math.ceil(points.length / 8));
  return (
    <figure className="chart" aria-labelledby={id}>
      <figcaption id={id}>
        <span className="chart-title">{props.title}</span>
        <button type="button" aria-pressed={table} onClick={() => setTable(!table)}>
          {table ? w.chartView : w.tableView}
        </button>
      </figcaption>
      <p className="chart-note">{props.note}</p>
      {table ? (
        <div className="chart-table">
          <table className="table compact" aria-label={props.title}>
            <thead>
              <tr>
                <th>{props.keyLabel}</th>
                {series.map((s) => (
                  <th key={s.label} className="num">
                    {s.label}
                  </th>
                ))}
                {line && <th className="num">{line.label}</th>}
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.key}>
                  <td>{p.key}</td>
                  {series.map((s) => (
                    <td key={s.label} className="num">
                      {props.format(s.of(p))}
                    </td>
                  ))}
                  {line && <td className="num">{line.of(p) > 0 ? line.format(line.of(p)) : '—'}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <>
          <div className="legend">
            {series.map((s) => (
              <span key={s.label} className={`key tone-${s.tone}`}>
                {s.label}
              </span>
            ))}
            {line && <span className="key tone-line">{`${line.label}（${w.rightAxis}）`}</span>}
          </div>
          <p className="chart-readout" data-testid="chart-readout" aria-live="polite">
            {focus ? `${hover === null ? `${w.latest} ` : ''}${describe(focus)}` : ''}
          </p>
          <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.title} onMouseLeave={() => setHover(null)}>
            <text x={PAD.left - 6} y={10} textAnchor="end" className="tick unit">
              {props.unit}
            </text>
            {ticks.map((v) => (
              <g key={v}>
                <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className={v === 0 ? 'axis' : 'grid'} />
                <text x={PAD.left - 6} y={y(v) + 3} textAnchor="end" className="tick">
                  {props.axis(v)}
                </text>
              </g>
            ))}
            <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={H - PAD.bottom} className="axis" />
            {line && lTicks.length > 0 && (
              <>
                <line x1={W - PAD.right} x2={W - PAD.right} y1={PAD.top} y2={H - PAD.bottom} className="axis" />
                <text x={W - PAD.right + 6} y={10} className="tick unit">
                  {line.unit}
                </text>
                {lTicks.map((v) => (
                  <text key={v} x={W - PAD.right + 6} y={ly(v) + 3} className="tick">
                    {line.format(v)}
                  </text>
                ))}
              </>
            )}
            {points.map((p, i) => (
              <g key={p.key}>
                <rect
                  className={`hit ${hover === i ? 'on' : ''}`}
                  x={PAD.left + slot * i}
                  y={PAD.top}
                  width={slot}
                  height={inner.h}
                  onMouseEnter={() => setHover(i)}
                />
                {series.map((s, k) => {
                  const v = s.of(p);
                  return (
                    <rect
                      key={s.label}
                      className={`tone-${s.tone}`}
                      x={PAD.left + slot * i + slot * 0.1 + bar * k}
                      y={Math.min(y(v), y(0))}
                      width={bar}
                      height={Math.max(0, Math.abs(y(v) - y(0)))}
                      pointerEvents="none"
                    >
                      <title>{`${p.key} ${s.label} ${props.format(v)}`}</title>
                    </rect>
                  );
                })}
                {((i % every === 0 && points.length - 1 - i >= every) || i === points.length - 1) && (
                  <text x={cx(i)} y={H - 8} textAnchor="middle" className="tick">
                    {p.key.length > 7 ? p.key.slice(5) : p.key}
                  </text>
                )}
              </g>
            ))}
            {linePts.length > 1 && (
              <polyline
                className="tone-line"
                fill="none"
                pointerEvents="none"
                points={linePts.map(([x, v]) => `${x},${ly(v)}`).join(' ')}
              />
            )}
          </svg>
        </>
      )}
    </figure>
  );
}

/** Whole-percent steps (in bp) around the rates shown. */
function rateTicks(min: number, max: number): number[] {
  const lo = Math.floor(min / 100) * 100;
  const hi = Math.max(lo + 100, Math.ceil(max / 100) * 100);
  const step = Math.max(100, Math.ceil((hi - lo) / 4 / 100) * 100);
  const out: number[] = [];
  for (let v = lo; v <= hi; v += step) out.push(v);
  if ((out[out.length - 1] ?? 0) < max) out.push((out[out.length - 1] ?? lo) + step);
  return out;
}

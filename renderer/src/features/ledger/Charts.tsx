// A small grouped bar chart in SVG (no chart library): bars per series, an optional line on its own scale,
// the highest value labelled, every bar titled for a pointer or a screen reader.
import { useId } from 'react';
import type { ChartPoint } from '../../../../shared/contract';

interface Series {
  label: string;
  of(p: ChartPoint): number;
  tone: 'a' | 'b' | 'c';
}

const W = 560;
const H = 180;
const PAD = { left: 8, right: 8, top: 18, bottom: 22 };

export function BarChart(props: {
  title: string;
  points: ChartPoint[];
  series: Series[];
  format(v: number): string;
  line?: { label: string; of(p: ChartPoint): number; format(v: number): string };
}) {
  const id = useId();
  const { points, series } = props;
  const max = Math.max(1, ...points.flatMap((p) => series.map((s) => s.of(p))));
  const min = Math.min(0, ...points.flatMap((p) => series.map((s) => s.of(p))));
  const span = max - min;
  const inner = { w: W - PAD.left - PAD.right, h: H - PAD.top - PAD.bottom };
  const slot = inner.w / Math.max(1, points.length);
  const bar = Math.max(1, (slot * 0.8) / series.length);
  const y = (v: number) => PAD.top + inner.h * (1 - (v - min) / span);
  const lineVals = props.line ? points.map((p) => props.line!.of(p)).filter((v) => v > 0) : [];
  const lMax = Math.max(1, ...lineVals);
  const lMin = Math.min(lMax - 1, ...lineVals);
  const ly = (v: number) => PAD.top + inner.h * (1 - (v - lMin) / (lMax - lMin || 1));
  const linePts = props.line
    ? points.map((p, i) => [PAD.left + slot * i + slot / 2, props.line!.of(p)] as const).filter(([, v]) => v > 0)
    : [];
  return (
    <figure className="chart" aria-labelledby={id}>
      <figcaption id={id}>
        {props.title}
        <span className="legend">
          {series.map((s) => (
            <span key={s.label} className={`key tone-${s.tone}`}>
              {s.label}
            </span>
          ))}
          {props.line && <span className="key tone-line">{props.line.label}</span>}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.title}>
        <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} className="axis" />
        {points.map((p, i) => (
          <g key={p.key}>
            {series.map((s, k) => {
              const v = s.of(p);
              const top = Math.min(y(v), y(0));
              return (
                <rect
                  key={s.label}
                  className={`tone-${s.tone}`}
                  x={PAD.left + slot * i + slot * 0.1 + bar * k}
                  y={top}
                  width={bar}
                  height={Math.max(0, Math.abs(y(v) - y(0)))}
                >
                  <title>{`${p.key} ${s.label} ${props.format(v)}`}</title>
                </rect>
              );
            })}
            {(i === 0 || i === points.length - 1 || points.length <= 12) && (
              <text x={PAD.left + slot * i + slot / 2} y={H - 6} textAnchor="middle" className="tick">
                {p.key.length > 7 ? p.key.slice(5) : p.key}
              </text>
            )}
          </g>
        ))}
        {linePts.length > 1 && (
          <polyline className="tone-line" fill="none" points={linePts.map(([x, v]) => `${x},${ly(v)}`).join(' ')} />
        )}
        <text x={W - PAD.right} y={12} textAnchor="end" className="tick">
          {props.format(max)}
          {props.line && lineVals.length > 0 ? ` · ${props.line.format(lMax)}` : ''}
        </text>
      </svg>
    </figure>
  );
}

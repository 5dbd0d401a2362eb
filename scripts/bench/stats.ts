/** Figures: median, min and max of runs, printed beside their targets and written as JSON. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type Unit = 'ms' | 'KB' | 'bytes' | 'MB' | 'ratio';

export interface Figure {
  median: number;
  min: number;
  max: number;
  unit: Unit;
  target: number | null;
  /** How many runs the figure summarizes. */
  runs: number;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export const round = (n: number) =>
  Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 100) / 100;

export class Figures {
  readonly all = new Map<string, Figure>();
  readonly notes: string[] = [];

  add(name: string, samples: readonly number[], unit: Unit, target: number | null = null): Figure {
    if (samples.length === 0) throw new Error(`no samples for ${name}`);
    const f: Figure = {
      median: round(median(samples)),
      min: round(Math.min(...samples)),
      max: round(Math.max(...samples)),
      unit,
      target,
      runs: samples.length,
    };
    this.all.set(name, f);
    console.log(`  ${name}: ${f.median} ${unit} (min ${f.min}, max ${f.max}, ${f.runs} runs)`);
    return f;
  }

  /** A figure computed elsewhere (a ratio of two medians). */
  set(name: string, f: Figure): void {
    this.all.set(name, f);
    console.log(`  ${name}: ${f.median} ${f.unit} (min ${f.min}, max ${f.max})`);
  }

  note(text: string): void {
    this.notes.push(text);
    console.log(`  note: ${text}`);
  }

  table(): string {
    const rows = [['figure', 'median', 'min', 'max', 'unit', 'runs', 'target', '']];
    for (const [name, f] of this.all) {
      const verdict = f.target === null ? '' : f.median <= f.target ? 'ok' : 'MISS';
      rows.push([
        name,
        String(f.median),
        String(f.min),
        String(f.max),
        f.unit,
        String(f.runs),
        f.target === null ? '—' : `≤ ${f.target}`,
        verdict,
      ]);
    }
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
    return rows
      .map((r, i) => {
        const line = r.map((cell, c) =>
          c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!),
        );
        return (
          line.join('  ') + (i === 0 ? `\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : '')
        );
      })
      .join('\n');
  }

  write(path: string): void {
    mkdirSync(dirname(path), { recursive: true });
    const out: Record<string, Figure> = {};
    for (const [name, f] of this.all) out[name] = f;
    writeFileSync(path, JSON.stringify(out, null, 2) + '\n');
  }
}

/** Figures for the benchmarks: percentiles, and a plain table with each target beside its figure. */

/** The p-th percentile (0..100) of `values`, nearest rank; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

/** One line of a report: what was measured, the figure, and the target it is held to (if any). */
export interface Row {
  label: string;
  value: string;
  target?: string;
  /** False when the figure misses its target. */
  met?: boolean;
}

/** Formats a number with `digits` decimals and thousands separators. */
export function num(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Formats bytes as KB (1024) with one decimal. */
export function kb(bytes: number): string {
  return `${num(bytes / 1024, 1)} KB`;
}

/** Prints the rows as an aligned table, then a "target missed" line for every figure that misses. */
export function printTable(title: string, rows: readonly Row[]): void {
  const header: Row = { label: 'measure', value: 'figure', target: 'target' };
  const all = [header, ...rows];
  const w1 = Math.max(...all.map((r) => r.label.length));
  const w2 = Math.max(...all.map((r) => r.value.length));
  const w3 = Math.max(...all.map((r) => (r.target ?? '').length));
  const line = (r: Row): string => {
    const verdict = r.met === undefined ? '' : r.met ? 'ok' : 'MISSED';
    return `| ${r.label.padEnd(w1)} | ${r.value.padStart(w2)} | ${(r.target ?? '').padEnd(w3)} | ${verdict.padEnd(6)} |`;
  };
  const rule = `|${'-'.repeat(w1 + 2)}|${'-'.repeat(w2 + 2)}|${'-'.repeat(w3 + 2)}|--------|`;
  console.log(`\n${title}\n`);
  console.log(line(header));
  console.log(rule);
  for (const row of rows) console.log(line(row));
  console.log('');
  for (const row of rows) {
    if (row.met === false) console.log(`target missed: ${row.label} is ${row.value}; the target is ${row.target ?? '?'}`);
  }
}

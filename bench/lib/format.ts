import type { BenchReport } from './types.js';

function table(rows: Record<string, string | number>[]): string {
  if (rows.length === 0) return '';
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (value: string | number | undefined) =>
    value === undefined ? '' : typeof value === 'number' ? String(Math.round(value * 100) / 100) : value;
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => cell(row[column]).length)));
  const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((row) => line(columns.map((c) => cell(row[c]))))].join(
    '\n',
  );
}

/** A report as text tables: figures (with their targets), then the detail rows. */
export function formatReport(report: BenchReport): { text: string; missedTargets: number } {
  let missedTargets = 0;
  const figureRows = Object.entries(report.figures).map(([figure, value]) => {
    const target = report.targets?.find((t) => t.figure === figure);
    const row: Record<string, string | number> = { figure, value };
    if (target) {
      const met = target.op === '<=' ? value <= target.value : value >= target.value;
      if (!met) missedTargets += 1;
      row.target = `${target.op} ${target.value} (${target.source})`;
      row.met = met ? 'yes' : 'NO';
    }
    return row;
  });
  const parts = [table(figureRows)];
  if (report.rows?.length) parts.push(table(report.rows));
  if (report.setup) parts.push(`setup: ${Object.entries(report.setup).map(([k, v]) => `${k}=${v}`).join(', ')}`);
  return { text: parts.join('\n\n'), missedTargets };
}

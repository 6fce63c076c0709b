import { stringify } from 'csv-stringify/sync';
import type { Analytics } from './compute-analytics.ts';

/**
 * The price-demand signals as CSV: one row per product and time bucket with any signal, counts per signal. Product
 * ids can come from customer-facing data (click events), so cells a spreadsheet would run as a formula (= + - @ and
 * their full-width forms, tab, CR) are prefixed with a quote (csv-stringify's escape_formulas).
 */
export function demandCsv(a: Analytics): string {
  const signals = a.demand.signals;
  const rows: Array<Array<string | number>> = [];
  for (const p of a.demand.products) {
    a.timeline.starts.forEach((start, i) => {
      const counts = signals.map((s) => p.series[s][i]!);
      if (counts.some((c) => c > 0)) rows.push([p.productId, start, a.timeline.bucket, ...counts]);
    });
  }
  return stringify(rows, {
    header: true,
    columns: ['product_id', 'bucket_start', 'bucket', ...signals],
    escape_formulas: true,
    record_delimiter: 'windows',
  });
}

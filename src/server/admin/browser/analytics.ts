import type { Chart as ChartJs, ChartConfiguration } from 'chart.js';
import type { Analytics } from '../compute-analytics.ts';

/**
 * /admin/assets/analytics.js: draws the analytics charts from /admin/api/analytics. Chart.js comes from its own
 * script tag (/admin/assets/chart.js, loaded before this one and cached for a day), so only its types are imported.
 */
type ChartConstructor = new (canvas: HTMLCanvasElement, config: ChartConfiguration) => ChartJs;

const PALETTE = ['#1f5f5b', '#f2b632', '#7a4bc2', '#d0553f', '#3f7fd0'];
const BASE = { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { position: 'bottom' } } } as const;
const COUNT_AXIS = { beginAtZero: true, ticks: { precision: 0 } };
const SIGNAL_LABELS: Record<string, string> = {
  price_question: 'price questions', discount_request: 'discount requests', too_expensive: '"too expensive"',
  out_of_stock: 'out-of-stock asks', recommendation_click: 'recommendation clicks',
};

/** "03-10" for days, "03-10 14:00" for hours (UTC, like the period). */
const bucketLabels = (a: Analytics) => a.timeline.starts.map((iso) => (a.timeline.bucket === 'day' ? iso.slice(5, 10) : `${iso.slice(5, 10)} ${iso.slice(11, 16)}`));

/** The sentiment axis spans the data (with a margin), inside the score's own -1 .. +1. */
function sentimentAxis(values: Array<number | null>) {
  const xs = values.filter((v): v is number => v !== null);
  if (xs.length === 0) return { min: -1, max: 1 };
  return { min: Math.max(-1, Math.floor((Math.min(...xs) - 0.1) * 10) / 10), max: Math.min(1, Math.ceil((Math.max(...xs) + 0.1) * 10) / 10) };
}

function demandTotals(a: Analytics) {
  return a.demand.signals.map((signal) => a.timeline.starts.map((_, i) => a.demand.products.reduce((sum, p) => sum + p.series[signal][i]!, 0)));
}

/** One chart configuration per canvas id; the ids are rendered by analytics-page.ts. */
function charts(a: Analytics): Record<string, ChartConfiguration> {
  return {
    'chart-messages': { type: 'bar', data: { labels: bucketLabels(a),
      datasets: Object.entries(a.messages.channels).map(([channel, counts], i) => ({ label: channel, data: counts, backgroundColor: PALETTE[i % PALETTE.length] })) },
      options: { ...BASE, scales: { x: { stacked: true }, y: { stacked: true, ...COUNT_AXIS } } } },
    'chart-intents': { type: 'bar', data: { labels: a.topIntents.map((x) => x.intent), datasets: [{ label: 'messages', data: a.topIntents.map((x) => x.count), backgroundColor: PALETTE[0] }] },
      options: { ...BASE, indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: COUNT_AXIS } } },
    'chart-confidence': { type: 'bar', data: { labels: a.confidenceHistogram.bins, datasets: [{ label: 'turns', data: a.confidenceHistogram.counts, backgroundColor: PALETTE[2] }] },
      options: { ...BASE, plugins: { legend: { display: false } }, scales: { y: COUNT_AXIS } } },
    'chart-sentiment': { type: 'line', data: { labels: bucketLabels(a),
      datasets: [{ label: 'average sentiment (−1 … +1)', data: a.sentiment.average, borderColor: PALETTE[3], spanGaps: true, tension: 0.3 }] },
      options: { ...BASE, scales: { y: sentimentAxis(a.sentiment.average) } } },
    'chart-demand': { type: 'bar', data: { labels: bucketLabels(a),
      datasets: demandTotals(a).map((data, i) => ({ label: SIGNAL_LABELS[a.demand.signals[i]!] ?? a.demand.signals[i]!, data, backgroundColor: PALETTE[i % PALETTE.length] })) },
      options: { ...BASE, scales: { x: { stacked: true }, y: { stacked: true, ...COUNT_AXIS } } } },
    'chart-models': { type: 'bar', data: { labels: a.perModel.map((m) => m.version),
      datasets: [
        { label: 'thumbs-up ratio', data: a.perModel.map((m) => m.thumbsUpRatio), backgroundColor: PALETTE[0] },
        { label: 'out-of-scope rate', data: a.perModel.map((m) => m.outOfScopeRate), backgroundColor: PALETTE[1] },
        { label: 'avg confidence', data: a.perModel.map((m) => m.avgConfidence), backgroundColor: PALETTE[2] },
      ] },
      options: { ...BASE, scales: { y: { min: 0, max: 1 } } } },
  };
}

async function drawAnalytics(): Promise<void> {
  const root = document.querySelector<HTMLElement>('[data-analytics]');
  const Chart = (window as unknown as { Chart?: ChartConstructor }).Chart;
  if (!root || !Chart) return;
  const query = new URLSearchParams({ days: root.dataset.days || '30', ...(root.dataset.model ? { model: root.dataset.model } : {}) });
  const res = await fetch(`/admin/api/analytics?${query}`, { credentials: 'same-origin' });
  if (!res.ok) {
    root.insertAdjacentText('afterbegin', `Could not load analytics (HTTP ${res.status}).`);
    return;
  }
  for (const [id, config] of Object.entries(charts((await res.json()) as Analytics))) {
    const canvas = document.getElementById(id);
    if (canvas instanceof HTMLCanvasElement) new Chart(canvas, config);
  }
  // The browser test waits for this marker instead of sleeping.
  root.dataset.ready = 'true';
}

void drawAnalytics();

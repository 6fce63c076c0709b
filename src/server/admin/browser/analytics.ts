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
const shortDay = (d: string) => d.slice(5);

/** One chart configuration per canvas id; the ids are rendered by analytics-page.ts. */
function charts(a: Analytics): Record<string, ChartConfiguration> {
  return {
    'chart-messages': { type: 'bar', data: { labels: a.messagesPerDay.days.map(shortDay),
      datasets: Object.entries(a.messagesPerDay.channels).map(([channel, counts], i) => ({ label: channel, data: counts, backgroundColor: PALETTE[i % PALETTE.length] })) },
      options: { ...BASE, scales: { x: { stacked: true }, y: { stacked: true, ...COUNT_AXIS } } } },
    'chart-intents': { type: 'bar', data: { labels: a.topIntents.map((x) => x.intent), datasets: [{ label: 'messages', data: a.topIntents.map((x) => x.count), backgroundColor: PALETTE[0] }] },
      options: { ...BASE, indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: COUNT_AXIS } } },
    'chart-confidence': { type: 'bar', data: { labels: a.confidenceHistogram.bins, datasets: [{ label: 'turns', data: a.confidenceHistogram.counts, backgroundColor: PALETTE[2] }] },
      options: { ...BASE, plugins: { legend: { display: false } }, scales: { y: COUNT_AXIS } } },
    'chart-sentiment': { type: 'line', data: { labels: a.sentimentPerDay.days.map(shortDay),
      datasets: [{ label: 'average sentiment (−1 … +1)', data: a.sentimentPerDay.average, borderColor: PALETTE[3], spanGaps: true, tension: 0.3 }] },
      options: { ...BASE, scales: { y: { min: -1, max: 1 } } } },
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
  const res = await fetch(`/admin/api/analytics?days=${encodeURIComponent(root.dataset.days || '30')}`, { credentials: 'same-origin' });
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

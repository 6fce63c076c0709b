/**
 * The dashboard's two small browser scripts, served from /admin/assets (the CSP allows scripts from our origin only,
 * never inline). Plain ES2020, no build step.
 */

/** Select-all checkboxes, confirmation prompts and a "busy" label for slow actions (retrain). */
export const ADMIN_JS = `
document.addEventListener('change', (e) => {
  const box = e.target;
  if (!(box instanceof HTMLInputElement) || !box.dataset.selectAll) return;
  document.querySelectorAll('input[type=checkbox][name="' + box.dataset.selectAll + '"]').forEach((c) => { c.checked = box.checked; });
});
document.addEventListener('submit', (e) => {
  const form = e.target;
  if (!(form instanceof HTMLFormElement)) return;
  if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) { e.preventDefault(); return; }
  const button = form.querySelector('button[type=submit]');
  if (form.dataset.busy && button) { button.disabled = true; button.textContent = form.dataset.busy; }
});
`;

/** Draws the analytics charts from /admin/api/analytics with Chart.js (loaded before this script). */
export const ANALYTICS_JS = `
(async () => {
  const root = document.querySelector('[data-analytics]');
  if (!root || !window.Chart) return;
  const res = await fetch('/admin/api/analytics?days=' + encodeURIComponent(root.dataset.days || '30'), { credentials: 'same-origin' });
  if (!res.ok) { root.insertAdjacentText('afterbegin', 'Could not load analytics (HTTP ' + res.status + ').'); return; }
  const a = await res.json();
  const palette = ['#1f5f5b', '#f2b632', '#7a4bc2', '#d0553f', '#3f7fd0'];
  const base = { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { position: 'bottom' } } };
  const draw = (id, config) => { const el = document.getElementById(id); if (el) new window.Chart(el, config); };
  draw('chart-messages', { type: 'bar', data: { labels: a.messagesPerDay.days.map((d) => d.slice(5)),
    datasets: Object.entries(a.messagesPerDay.channels).map(([ch, counts], i) => ({ label: ch, data: counts, backgroundColor: palette[i % palette.length] })) },
    options: { ...base, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } } });
  draw('chart-intents', { type: 'bar', data: { labels: a.topIntents.map((x) => x.intent), datasets: [{ label: 'messages', data: a.topIntents.map((x) => x.count), backgroundColor: palette[0] }] },
    options: { ...base, indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } } });
  draw('chart-confidence', { type: 'bar', data: { labels: a.confidenceHistogram.bins, datasets: [{ label: 'turns', data: a.confidenceHistogram.counts, backgroundColor: palette[2] }] },
    options: { ...base, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } });
  draw('chart-sentiment', { type: 'line', data: { labels: a.sentimentPerDay.days.map((d) => d.slice(5)), datasets: [{ label: 'average sentiment (−1 … +1)', data: a.sentimentPerDay.average, borderColor: palette[3], spanGaps: true, tension: 0.3 }] },
    options: { ...base, scales: { y: { min: -1, max: 1 } } } });
  draw('chart-models', { type: 'bar', data: { labels: a.perModel.map((m) => m.version),
    datasets: [{ label: 'thumbs-up ratio', data: a.perModel.map((m) => m.thumbsUpRatio), backgroundColor: palette[0] },
      { label: 'out-of-scope rate', data: a.perModel.map((m) => m.outOfScopeRate), backgroundColor: palette[1] },
      { label: 'avg confidence', data: a.perModel.map((m) => m.avgConfidence), backgroundColor: palette[2] }] },
    options: { ...base, scales: { y: { min: 0, max: 1 } } } });
  root.dataset.ready = 'true';
})();
`;

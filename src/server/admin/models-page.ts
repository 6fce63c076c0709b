import type { ModelVersionRecord } from '../../store/types.ts';
import { csrfField, formatDate } from './admin-layout.ts';
import { html, type SafeHtml } from './html.ts';
import { jsonTable } from './json-table.ts';
import type { AdminSession } from './session-store.ts';

/** Retired versions served before, so they can serve again; rejected ones failed the gate and the store refuses them. */
const canRollBack = (m: ModelVersionRecord) => m.status === 'retired' || m.status === 'candidate';

function gateView(m: ModelVersionRecord): SafeHtml {
  if (!m.gate) return html`<p class="muted">Not gated yet.</p>`;
  return html`<p><span class="badge ${m.gate.passed ? 'ok' : 'bad'}">${m.gate.passed ? 'passed' : 'refused'}</span> ${m.gate.reason}</p>
<p class="muted">${formatDate(m.gate.at)}</p>${jsonTable(m.gate.details)}`;
}

function versionCard(m: ModelVersionRecord, session: AdminSession): SafeHtml {
  const admin = session.role === 'admin';
  return html`<article class="card" data-model-version="${m.version}"><div class="spread">
<div><h2>${m.version} <span class="badge ${m.status}">${m.status}</span></h2><p class="muted">${m.kind} model · created ${formatDate(m.createdAt)} · status since ${formatDate(m.statusChangedAt)}</p></div>
${admin && canRollBack(m) ? html`<form method="post" action="/admin/models/${encodeURIComponent(m.version)}/rollback" data-confirm="Make ${m.version} the serving model?">${csrfField(session)}
<button type="submit" class="secondary">${m.status === 'candidate' ? 'Promote this version' : 'Roll back to this version'}</button></form>` : ''}</div>
<div class="grid"><section><h3>Metrics</h3>${jsonTable(m.metrics)}</section><section><h3>Gate decision</h3>${gateView(m)}</section>
<section><h3>Training data</h3>${jsonTable(m.dataSummary)}</section></div></article>`;
}

export function modelsPage(models: ModelVersionRecord[], session: AdminSession): SafeHtml {
  const serving = models.filter((m) => m.status === 'serving').map((m) => m.version);
  return html`<div class="spread"><div><h1>Models</h1><p class="sub">Serving: ${serving.length > 0 ? serving.join(', ') : 'none registered'} · ${models.length} version${models.length === 1 ? '' : 's'}, newest first.</p></div>
${session.role === 'admin' ? html`<form method="post" action="/admin/models/retrain" data-busy="Training… this can take a few minutes">${csrfField(session)}<button type="submit">Retrain now</button></form>` : ''}</div>
${models.length === 0 ? html`<div class="card"><p>No model versions registered yet.</p></div>` : models.map((m) => versionCard(m, session))}`;
}

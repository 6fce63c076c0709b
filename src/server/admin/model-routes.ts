import express, { type Router } from 'express';
import { ShopmateError } from '../../core/errors.ts';
import { requireRole } from './admin-auth.ts';
import { layout } from './admin-layout.ts';
import { formAction, sessionOf, type AdminContext } from './admin-options.ts';
import { modelsPage } from './models-page.ts';

/** Model versions with their metrics and gate decisions; retrain and rollback go through AdminLearning. */
export function modelRoutes(ctx: AdminContext): Router {
  const router = express.Router();

  router.get('/models', async (req, res) => {
    const session = sessionOf(req);
    const models = await ctx.store.models.list();
    res.type('html').send(layout({ title: 'Models', active: 'models', session, body: modelsPage(models, session) }));
  });

  router.post('/models/retrain', requireRole('admin'), formAction('/admin/models', async (_req, session) => {
    ctx.logger.info('retrain requested from the dashboard', { operator: session.username });
    const result = await ctx.learning.retrainNow();
    return result.promoted
      ? { kind: 'ok', text: `Trained ${result.version} and promoted it: ${result.reason}` }
      : { kind: 'warning', text: `Refused: ${result.version} was trained but not promoted; the serving model stays. ${result.reason}` };
  }));

  router.post('/models/:version/rollback', requireRole('admin'), formAction('/admin/models', async (req, session) => {
    const version = String(req.params.version);
    const record = await ctx.store.models.get(version);
    if (!record) throw new ShopmateError('NOT_FOUND', `no model version ${version}`);
    if (record.status === 'serving') throw new ShopmateError('CONFLICT', `${version} is already serving`);
    ctx.logger.info('rollback requested from the dashboard', { operator: session.username, version });
    await ctx.learning.rollback(version);
    return `${version} is now the serving model`;
  }));

  router.get('/api/models', async (_req, res) => void res.json({ items: await ctx.store.models.list() }));
  return router;
}

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { type Router } from 'express';
import { ADMIN_JS, ANALYTICS_JS } from './admin-scripts.ts';

/** chart.js's package exports hide dist/, so find the package through its main entry and take the UMD file next to it. */
function chartJsPath(): string {
  return join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.js');
}

/** Scripts for the signed-in dashboard (behind the session check like everything else under /admin). */
export function assetRoutes(): Router {
  const router = express.Router();
  let chart: Promise<Buffer> | undefined;
  const js = (code: string) => (_req: express.Request, res: express.Response) => void res.type('application/javascript').set('Cache-Control', 'private, max-age=300').send(code);
  router.get('/assets/admin.js', js(ADMIN_JS));
  router.get('/assets/analytics.js', js(ANALYTICS_JS));
  router.get('/assets/chart.js', async (_req, res) => {
    chart ??= readFile(chartJsPath()).catch((e) => {
      chart = undefined;
      throw e;
    });
    res.type('application/javascript').set('Cache-Control', 'private, max-age=86400').send(await chart);
  });
  return router;
}

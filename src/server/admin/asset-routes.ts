import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { type Router } from 'express';
import { ADMIN_SCRIPTS, cachedAdminScripts } from './admin-script-bundle.ts';

/** chart.js's package exports hide dist/, so find the package through its main entry and take the UMD file next to it. */
function chartJsPath(): string {
  return join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.js');
}

/** Scripts for the signed-in dashboard (behind the session check like everything else under /admin). */
export function assetRoutes(): Router {
  const router = express.Router();
  let chart: Promise<Buffer> | undefined;
  const scripts = cachedAdminScripts();
  for (const name of ADMIN_SCRIPTS) {
    router.get(`/assets/${name}.js`, async (req, res) => {
      const { code, etag } = await scripts(name);
      res.set({ ETag: etag, 'Cache-Control': 'private, max-age=300' });
      if (req.get('if-none-match') === etag) return void res.status(304).end();
      res.type('application/javascript').send(code);
    });
  }
  router.get('/assets/chart.js', async (_req, res) => {
    chart ??= readFile(chartJsPath()).catch((e) => {
      chart = undefined;
      throw e;
    });
    res.type('application/javascript').set('Cache-Control', 'private, max-age=86400').send(await chart);
  });
  return router;
}

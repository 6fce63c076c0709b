import { bundleBrowserScript, type ScriptBundle } from '../../core/bundle-browser-script.ts';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';

export type WidgetBundle = ScriptBundle;

/** Bundles the widget TypeScript into one classic script. */
export function buildWidget(options: { minify?: boolean } = {}): Promise<WidgetBundle> {
  return bundleBrowserScript(fileURLToPath(new URL('./widget/widget.ts', import.meta.url)), options);
}

/**
 * Builds on first use and keeps the result in memory, so neither CI nor deployment needs a separate build step.
 * A failed build is not cached: the next request tries again (and the error reaches the log).
 */
export function cachedWidgetBundle(options: { minify?: boolean } = {}): () => Promise<WidgetBundle> {
  let pending: Promise<WidgetBundle> | undefined;
  return () => {
    pending ??= buildWidget(options).catch((e) => {
      pending = undefined;
      throw e;
    });
    return pending;
  };
}

/** GET /widget.js: the bundle, built on first request, with an ETag so browsers revalidate cheaply. */
export function widgetRouter(): Router {
  const router = express.Router();
  const bundle = cachedWidgetBundle();
  router.get('/widget.js', async (req, res) => {
    const { code, etag } = await bundle();
    res.set({ ETag: etag, 'Cache-Control': 'public, max-age=300' });
    if (req.get('if-none-match') === etag) return void res.status(304).end();
    res.type('application/javascript').send(code);
  });
  return router;
}

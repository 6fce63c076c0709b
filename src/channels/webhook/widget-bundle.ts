import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';

export interface WidgetBundle {
  code: string;
  /** Strong ETag of the code, so browsers revalidate cheaply. */
  etag: string;
}

/** Bundles the widget TypeScript into one classic script (IIFE: it must run from a plain <script src> tag). */
export async function buildWidget(options: { minify?: boolean } = {}): Promise<WidgetBundle> {
  // Loaded lazily: only the process that actually serves /widget.js pays for esbuild.
  const esbuild = await import('esbuild');
  const entry = fileURLToPath(new URL('./widget/widget.ts', import.meta.url));
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    minify: options.minify ?? true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  return { code, etag: `"${createHash('sha256').update(code).digest('base64url').slice(0, 27)}"` };
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

import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

/** The dashboard's browser scripts: src/server/admin/browser/<name>.ts, served as /admin/assets/<name>.js. */
export const ADMIN_SCRIPTS = ['admin', 'analytics', 'handoffs'] as const;
export type AdminScript = (typeof ADMIN_SCRIPTS)[number];

export interface ScriptBundle {
  code: string;
  /** Strong ETag of the code, so browsers revalidate cheaply. */
  etag: string;
}

/**
 * Bundles one browser script into a classic script (IIFE: the CSP allows scripts from our origin only, loaded with
 * <script src>), like the chat widget (src/channels/webhook/widget-bundle.ts). esbuild is installed with tsx, which
 * runs the server, so it is there in production too.
 */
export async function buildAdminScript(name: AdminScript, options: { minify?: boolean } = {}): Promise<ScriptBundle> {
  // Loaded lazily: only a process that serves the dashboard pays for esbuild.
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [fileURLToPath(new URL(`./browser/${name}.ts`, import.meta.url))],
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
 * Builds each script on first use and keeps it in memory, so neither CI nor deployment needs a build step. A failed
 * build is not cached: the next request tries again (and the error reaches the log).
 */
export function cachedAdminScripts(options: { minify?: boolean } = {}): (name: AdminScript) => Promise<ScriptBundle> {
  const pending = new Map<AdminScript, Promise<ScriptBundle>>();
  return (name) => {
    let bundle = pending.get(name);
    if (!bundle) {
      bundle = buildAdminScript(name, options).catch((e) => {
        pending.delete(name);
        throw e;
      });
      pending.set(name, bundle);
    }
    return bundle;
  };
}

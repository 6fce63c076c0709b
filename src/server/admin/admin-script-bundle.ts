import { bundleBrowserScript, type ScriptBundle } from '../../core/bundle-browser-script.ts';
import { fileURLToPath } from 'node:url';

/** The dashboard's browser scripts: src/server/admin/browser/<name>.ts, served as /admin/assets/<name>.js. */
export const ADMIN_SCRIPTS = ['admin', 'analytics', 'handoffs'] as const;
export type AdminScript = (typeof ADMIN_SCRIPTS)[number];
export type { ScriptBundle };

/** The dashboard's scripts are bundled like the chat widget (src/channels/webhook/widget-bundle.ts). */
export function buildAdminScript(name: AdminScript, options: { minify?: boolean } = {}): Promise<ScriptBundle> {
  return bundleBrowserScript(fileURLToPath(new URL(`./browser/${name}.ts`, import.meta.url)), options);
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

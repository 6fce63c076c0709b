import { createHash } from 'node:crypto';

export interface ScriptBundle {
  code: string;
  /** Strong ETag of the code, so browsers revalidate cheaply. */
  etag: string;
}

/**
 * Bundles one browser TypeScript entry into a classic script (IIFE: it must run from a plain <script src> tag under
 * a CSP that allows scripts from our origin only). esbuild is installed with tsx, which runs the server, so it is
 * there in production too; it is loaded lazily so only a process that serves scripts pays for it.
 */
export async function bundleBrowserScript(entry: string, options: { minify?: boolean } = {}): Promise<ScriptBundle> {
  const esbuild = await import('esbuild');
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

export { createServer, type ServerOptions, type ShopmateServer, type MountedRouter } from './create-server.ts';
export { startServer, type RunningServer } from './start-server.ts';
export type { StaticRoutesOptions } from './static-routes.ts';
export type { ProductImageLookup } from './product-image.ts';
export type { DemoPageOptions, DemoProduct } from './demo-page.ts';

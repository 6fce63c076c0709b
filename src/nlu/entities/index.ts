export type { Entity, EntityType, Money, ProductMatch } from './entity.ts';
export { extractEntities, type ExtractOptions } from './extract-entities.ts';

// The values the renderer needs from the contract without bundling zod's call map.
export { EVENT_NAMES } from './events';
export type { EventMessage } from './events';
export type { Result } from './result';

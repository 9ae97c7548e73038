// What the preload needs, without pulling zod and the call map into the sandboxed preload bundle.
export { IPC_EVENT, IPC_INVOKE } from './channels';
export type { EventMessage } from './events';

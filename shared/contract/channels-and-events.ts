// What the preload needs, without pulling zod and the call map into the sandboxed preload bundle.
export { IPC_DISPLAY_EVENT, IPC_DISPLAY_VIEW, IPC_EVENT, IPC_INVOKE } from './channels';
export type { EventMessage } from './events';

// The IPC channel names and HTTP header names, written once.
export const IPC_INVOKE = 'carddesk:invoke';
export const IPC_EVENT = 'carddesk:event';
export const HTTP_SESSION_HEADER = 'x-carddesk-session';
/** The customer's screen (Electron): its one read and its one event, on channels of their own. */
export const IPC_DISPLAY_VIEW = 'carddesk:display-view';
export const IPC_DISPLAY_EVENT = 'carddesk:display-event';

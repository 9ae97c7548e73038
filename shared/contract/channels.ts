// The IPC channel names and HTTP header names, written once.
export const IPC_INVOKE = 'carddesk:invoke';
export const IPC_EVENT = 'carddesk:event';
export const HTTP_SESSION_HEADER = 'x-carddesk-session';

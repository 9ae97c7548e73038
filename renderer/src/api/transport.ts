import type { EventMessage, Result } from '../../../shared/contract';

/** How the renderer reaches the backend: Electron IPC or loopback HTTP. Both answer Result envelopes. */
export interface Transport {
  invoke(name: string, input: unknown): Promise<Result<unknown>>;
  on(listener: (e: EventMessage) => void): () => void;
}

export const unavailable = (why: string): Result<never> => ({
  ok: false,
  error: { code: 'UNAVAILABLE', details: { reason: why }, message: 'the backend did not answer' },
});

// The OS network-change port: the set of network interfaces and their addresses, checked every few seconds.
import os from 'node:os';
import type { Network } from '../core/ports';

const fingerprint = () =>
  Object.entries(os.networkInterfaces())
    .flatMap(([name, addrs]) => (addrs ?? []).filter((a) => !a.internal).map((a) => `${name}/${a.address}`))
    .sort()
    .join(',');

export function networkWatch(everyMs = 10_000): Network {
  return {
    subscribe(onChange) {
      let last = fingerprint();
      const timer = setInterval(() => {
        const now = fingerprint();
        if (now !== last) {
          last = now;
          onChange();
        }
      }, everyMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}

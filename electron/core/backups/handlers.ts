// Backups and restore calls (the restore itself: ./restore.ts).
import type { HandlerMap } from '../context';
import type { Restore } from './restore';
import type { Backups } from './service';

export function backupHandlers(
  backups: Backups,
  restore: Restore,
): HandlerMap<'backups.list' | 'backups.run' | 'backups.setTarget' | 'backups.restore' | 'setup.restore'> {
  return {
    'backups.list': () => backups.view(),
    'backups.run': async () => {
      await backups.run('intra');
      return backups.view();
    },
    'backups.setTarget': (ctx, i) => {
      const target = restore.setTarget(i.path);
      ctx.record('backups.targetSet', null, { set: target !== null });
      return backups.view();
    },
    'backups.restore': (ctx, i) => restore.fromBackup(i, ctx.actor),
    'setup.restore': (ctx, i) => restore.onNewPc(i, ctx.actor),
  };
}

export * from './result';
export * from './schemas';
export * from './define';
export * from './views';
export * from './calls';
export * from './events';
export * from './channels';
export type { PrintJobView, PrinterSettingsView } from './calls-printing';
export type { ExportFile, DayClosed, LedgerCheck, BackupFile, BackupsView } from './calls-day';

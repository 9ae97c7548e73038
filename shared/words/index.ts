// Words both the backend (Z-report on paper, screen and PDF) and the renderer show, in each language.
export * from './lang';
export * from './terms';
export * from './journal';
export * from './fields';
export * from './catalog';
export * from './pricing';
export * from './settings';
export * from './day-figures';
export * from './zreport';
export * from './console';

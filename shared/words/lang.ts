// The languages the shop's screens and paper speak.
export type Lang = 'zh-CN' | 'en';
export const langOf = (s: string): Lang => (s === 'en' ? 'en' : 'zh-CN');

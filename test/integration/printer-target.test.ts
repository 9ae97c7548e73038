// The owner's printer address through the contract: an address that leaves /dev is refused
// with words for the owner, before anything is saved or printed.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Ctx } from '../../electron/core/context';
import { printingHandlers } from '../../electron/core/printing/handlers';
import { thisPc } from '../../electron/core/printing/target';
import { makeBackend, setUpShop, tempDir, type TestBackend } from '../support/backend';

const open: TestBackend[] = [];
afterEach(() => {
  for (const t of open.splice(0)) t.close();
});

const PRINTER = { cpl: 48 as const, timeoutMs: 1000, shopCopy: true, drawerOnCash: false, language: 'zh-CN' as const };

describe('the printer address', () => {
  it('refuses /dev/../tmp/x: the setting is not saved and the test page cannot be appended to that file', async () => {
    const t = makeBackend();
    open.push(t);
    const { owner } = await setUpShop(t);
    const file = path.join(tempDir(), 'x');
    fs.writeFileSync(file, 'the owner’s file\n');
    const r = await t.call(owner, 'printing.updateSettings', {
      ...PRINTER,
      target: `/dev/..${file}`,
      confirmOtherHost: true,
    });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { field: 'target', problem: 'outside_dev' } },
    });
    expect((await t.must(owner, 'printing.getSettings', {})).target).toBe(null);
    await t.must(owner, 'printing.testPrint', {});
    // Sending runs after the call returns: give it its turn before reading the file.
    await new Promise((r) => setTimeout(r, 100));
    expect(fs.readFileSync(file, 'utf8')).toBe('the owner’s file\n');
  });

  it('refuses a Windows share path on a PC without shares, where it would be a file in the working folder', async () => {
    const t = makeBackend();
    open.push(t);
    const { owner } = await setUpShop(t);
    const r = await t.call(owner, 'printing.updateSettings', {
      ...PRINTER,
      target: '\\\\localhost\\EPSON',
      confirmOtherHost: true,
    });
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        details: { field: 'target', problem: process.platform === 'win32' ? 'other_host' : 'not_a_printer' },
      },
    });
  });

  it('takes a share on another PC only with the owner’s yes, and journals that yes (a Windows PC named SHOP-PC)', async () => {
    const t = makeBackend();
    open.push(t);
    await setUpShop(t);
    const s = t.backend.services;
    const recorded: { kind: string; payload: unknown }[] = [];
    const ctx = {
      record: (kind: string, _ref: string | null, payload: unknown) => void recorded.push({ kind, payload }),
    } as unknown as Ctx;
    const update = printingHandlers(s.printing, s.settings, { ...thisPc(), platform: 'win32', hostname: 'SHOP-PC' })[
      'printing.updateSettings'
    ];
    expect(() => update(ctx, { ...PRINTER, target: '\\\\BACKOFFICE\\EPSON', confirmOtherHost: false })).toThrow(
      expect.objectContaining({ code: 'VALIDATION', details: { field: 'target', problem: 'other_host' } }),
    );
    expect(recorded).toEqual([]);
    await update(ctx, { ...PRINTER, target: '\\\\SHOP-PC\\EPSON', confirmOtherHost: false });
    await update(ctx, { ...PRINTER, target: '\\\\BACKOFFICE\\EPSON', confirmOtherHost: true });
    expect(recorded.map((r) => r.payload)).toEqual([
      expect.not.objectContaining({ otherHostConfirmed: true }),
      expect.objectContaining({ target: '\\\\BACKOFFICE\\EPSON', otherHostConfirmed: true }),
    ]);
    expect(s.settings.get('printer')).toEqual({ ...PRINTER, target: '\\\\BACKOFFICE\\EPSON' });
  });

  it('keeps a device under /dev and a network printer', async () => {
    const t = makeBackend();
    open.push(t);
    const { owner } = await setUpShop(t);
    expect((await t.must(owner, 'printing.updateSettings', { ...PRINTER, target: '/dev/usb/lp0' })).target).toBe(
      '/dev/usb/lp0',
    );
    expect(
      (await t.must(owner, 'printing.updateSettings', { ...PRINTER, target: 'tcp://192.168.1.50:9100' })).target,
    ).toBe('tcp://192.168.1.50:9100');
    expect(await t.must(owner, 'printing.getSettings', {})).not.toHaveProperty('confirmOtherHost');
  });
});

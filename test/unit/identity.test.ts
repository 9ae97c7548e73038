import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkIdNumber, maskId, residentCheckChar } from '../../shared/domain/identity';

const TODAY = '2026-11-25';
/** A resident ID made with the algorithm: region, birth date, sequence, then the computed check character. */
const make = (region: string, birth: string, seq: string) =>
  `${region}${birth}${seq}${residentCheckChar(`${region}${birth}${seq}`)}`;

describe('resident ID numbers (GB 11643-1999)', () => {
  const withX = ['110105', '19491231', '002'];
  it('computes check characters, X included', () => {
    expect(make('110101', '19900307', '123').length).toBe(18);
    // a known public sample: 11010519491231002X
    expect(make(withX[0]!, withX[1]!, withX[2]!)).toBe('11010519491231002X');
  });

  it.each([
    ['valid, digit check', make('440304', '19850612', '456'), null],
    ['valid, check X', '11010519491231002X', null],
    ['valid, lower-case x normalised', '11010519491231002x', null],
    ['valid, full-width digits and spaces', '１１０１０５ 1949 1231 002X', null],
    ['wrong check digit', '110105194912310021', 'checksum'],
    ['impossible birth date 0230', make('110101', '19900230', '123'), 'birthdate'],
    ['birth date in the future', make('110101', '20271201', '123'), 'birthdate'],
    ['born before 1900', make('110101', '18991231', '123'), 'birthdate'],
    ['17 characters', '11010519491231002', 'length'],
    ['19 characters', '11010519491231002XX', 'length'],
    ['a letter in the middle', '1101051949A231002X', 'format'],
    ['X not last', 'X10105194912310021', 'format'],
    ['region starting with 0', make('010101', '19900307', '123'), 'format'],
  ])('%s', (_name, id, problem) => {
    expect(checkIdNumber('resident', id, TODAY).problem).toBe(problem);
  });

  it('accepts every number the algorithm makes from a real past date, and rejects any single changed check character', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2026-11-25'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        (d, seq) => {
          const birth = d.toISOString().slice(0, 10).replaceAll('-', '');
          const id = make('320102', birth, String(seq).padStart(3, '0'));
          expect(checkIdNumber('resident', id, TODAY).problem).toBeNull();
          const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
          expect(checkIdNumber('resident', wrong, TODAY).problem).toBe('checksum');
        },
      ),
    );
  });

  it('checks other documents by their shape and masks every number', () => {
    expect(checkIdNumber('passport', 'e12345678', TODAY)).toEqual({ normalised: 'E12345678', problem: null });
    expect(checkIdNumber('hk_macau', 'H12345678', TODAY).problem).toBeNull();
    expect(checkIdNumber('hk_macau', 'X12345678', TODAY).problem).toBe('format');
    expect(checkIdNumber('taiwan', '12345678', TODAY).problem).toBeNull();
    expect(maskId('11010519491231002X')).toBe('110***********002X');
  });
});

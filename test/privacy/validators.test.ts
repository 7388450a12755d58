import { describe, expect, it } from 'vitest';
import { isPlausibleCardNumber, isValidBsn, isValidIban, isValidPostcode, licencePlateSidecode, passesLuhn, splitLicencePlate } from '../../src/privacy/validators.js';

describe('checksum validators', () => {
  it('BSN elfproef: pii.md example and its neighbours', () => {
    expect(isValidBsn('111222333')).toBe(true);
    expect(isValidBsn('123456782')).toBe(true);
    expect(isValidBsn('123456789')).toBe(false);
    expect(isValidBsn('000000000')).toBe(false);
    expect(isValidBsn('11122233')).toBe(false); // 011122233 fails
    expect(isValidBsn('12345678a')).toBe(false);
  });

  it('IBAN mod-97 with country lengths and the Dutch structure', () => {
    expect(isValidIban('NL91ABNA0417164300')).toBe(true);
    expect(isValidIban('nl91abna0417164300')).toBe(true);
    expect(isValidIban('NL91ABNA0417164301')).toBe(false);
    expect(isValidIban('NL91ABNA041716430')).toBe(false); // one digit short
    expect(isValidIban('BE68539007547034')).toBe(true);
    expect(isValidIban('DE89370400440532013000')).toBe(true);
    expect(isValidIban('XX89370400440532013000')).toBe(false);
  });

  it('Luhn and card schemes', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(isPlausibleCardNumber('4111111111111111')).toBe(true);
    expect(isPlausibleCardNumber('379434859991576')).toBe(true); // Amex, 15 digits
    expect(isPlausibleCardNumber('1111111111111117')).toBe(false); // Luhn holds, no scheme starts with 1
  });

  it('postcodes never use SA, SD or SS and never start with 0', () => {
    expect(isValidPostcode('1234AB')).toBe(true);
    expect(isValidPostcode('1234SA')).toBe(false);
    expect(isValidPostcode('1234SD')).toBe(false);
    expect(isValidPostcode('1234SS')).toBe(false);
    expect(isValidPostcode('0123AB')).toBe(false);
  });

  it('licence plates by sidecode, with the letter rules of newer series', () => {
    expect(licencePlateSidecode(['XX', '99', '99'])).toBe(1);
    expect(licencePlateSidecode(['12', 'BDF', '3'])).toBe(7);
    expect(licencePlateSidecode(['12', 'ABC', '3'])).toBeUndefined(); // vowels not used since sidecode 4
    expect(licencePlateSidecode(['GB', '123', 'F'])).toBe(9);
    expect(licencePlateSidecode(['1', 'PVV', '23'])).toBeUndefined(); // forbidden combination
    expect(licencePlateSidecode(['123', '4567', '8'])).toBeUndefined();
    expect(splitLicencePlate('GF12ZT')).toEqual(['GF', '12', 'ZT']);
  });
});

import { describe, expect, it } from 'vitest';
import { defaultDetectOptions, parsePrivacyConfig } from '../../src/privacy/config.js';
import { createDetector, detect } from '../../src/privacy/detect.js';
import type { DetectOptions, Finding } from '../../src/privacy/types.js';

const options = (): DetectOptions => {
  const o = defaultDetectOptions();
  o.organisation.handles = ['voorbeeldstad', '*@social.overheid.nl'];
  o.organisation.phones = ['0999-123456'];
  o.organisation.addresses = ['Markt 1'];
  return o;
};
const found = (text: string, o = options()): [string, string][] => detect(text, o).map((f) => [f.category, text.slice(f.start, f.end)]);

describe('detect', () => {
  it('reports identifiers with a checksum only when the checksum holds', () => {
    expect(found('BSN 111222333, IBAN NL91ABNA0417164300, kaart 4111 1111 1111 1111')).toEqual([
      ['bsn', '111222333'],
      ['iban', 'NL91ABNA0417164300'],
      ['payment_card', '4111 1111 1111 1111'],
    ]);
    expect(found('BSN 111222334, IBAN NL91ABNA0417164301, kaart 4111 1111 1111 1112')).toEqual([]);
  });

  it('does not take an order number for a BSN', () => {
    expect(found('ordernummer 123456782')).toEqual([]);
    expect(found('mijn bsn is 123456782')).toEqual([['bsn', '123456782']]);
  });

  it('finds every number in a Dutch list that libphonenumber alone merges', () => {
    expect(found('Bel 06-12345678, 020 123 4567 of +31 (0)6 48913803')).toEqual([
      ['phone', '06-12345678'],
      ['phone', '020 123 4567'],
      ['phone', '+31 (0)6 48913803'],
    ]);
  });

  it('leaves the organisation alone: 14 0xx, 0800/0900, its numbers, generic mailboxes, its handles and address', () => {
    const text = 'Bel 14 0999, 0800-1234567, 0900 1234 of 0999-123456, mail info@voorbeeldstad.nl of klantcontact@x.nl. @voorbeeldstad @gemeente@social.overheid.nl Markt 1';
    expect(found(text)).toEqual([]);
    expect(found('mail j.jansen@voorbeeldstad.nl of @karin_b')).toEqual([
      ['email', 'j.jansen@voorbeeldstad.nl'],
      ['handle', '@karin_b'],
    ]);
  });

  it('needs more than capitals for a name that is also a word (Bakker, Visser, Bos, Roos)', () => {
    expect(found('De Bakker op de hoek sluit. Roos en tulpen bloeien. De Visser heeft vis.')).toEqual([]);
    expect(found('Meneer Bakker en mevrouw Visser kwamen ook, net als Piet Bos.')).toEqual([
      ['person_name', 'Bakker'],
      ['person_name', 'Visser'],
      ['person_name', 'Piet Bos'],
    ]);
  });

  it('uses greetings, sign-offs, initials and tussenvoegsels', () => {
    expect(found('Hoi Sanne, groet,\nJ.P. van der Berg')).toEqual([
      ['person_name', 'Sanne'],
      ['person_name', 'J.P. van der Berg'],
    ]);
  });

  it('keeps a street with its number as an address, not a name', () => {
    expect(found('Ik woon op de Jan van Goyenstraat 12, 1234 AB Voorbeeldstad.')).toEqual([
      ['postal_address', 'Jan van Goyenstraat 12'],
      ['postcode', '1234 AB'],
    ]);
    expect(found('De Jan van Goyenstraat is afgesloten.')).toEqual([]);
  });

  it('reports a date only as a date of birth with birth context', () => {
    expect(found('De markt is op 12-03-2024.')).toEqual([]);
    expect(found('Ik ben geboren op 12-03-1985.')).toEqual([['date_of_birth', '12-03-1985']]);
  });

  it('raises special categories when said about a person, not as a news topic', () => {
    expect(found('Mijn moeder heeft dementie.')).toEqual([['health', 'dementie']]);
    expect(found('De week van de dementie begint maandag met een informatieavond.')).toEqual([]);
    expect(found('Ik stem PVV.')).toEqual([['political_opinion', 'PVV']]);
    expect(found('De PVV diende een motie in.')).toEqual([]);
  });

  it('gives each finding a category, span, confidence, rule and action from the policy', () => {
    const o = options();
    o.policy.actions.phone = 'keep';
    const [f] = detect('Bel 06-12345678', o) as [Finding];
    expect(f).toEqual({ category: 'phone', start: 4, end: 15, confidence: 0.97, rule: 'phone.nl_pattern+context', action: 'keep' });
    o.policy.reviewBelow = 0.99;
    o.policy.actions.phone = 'redact';
    expect(detect('Bel 06-12345678', o)[0]!.action).toBe('review');
    o.policy.minConfidence = 0.99;
    expect(detect('Bel 06-12345678', o)).toEqual([]);
  });

  it('is pure: a bound detector gives the same findings as detect()', () => {
    const text = 'Beste Jan de Vries, bel 06-12345678.';
    expect(createDetector(options()).detect(text)).toEqual(detect(text, options()));
  });
});

describe('privacy.yaml', () => {
  it('reads the allow-list and the policy', () => {
    const o = parsePrivacyConfig('organisation:\n  handles: [voorbeeldstad]\npolicy:\n  actions:\n    person_name: keep\n  review_below: 0.9\n', 'privacy.yaml');
    expect(o.organisation.handles).toEqual(['voorbeeldstad']);
    expect(o.organisation.genericMailboxes).toContain('klantcontact');
    expect(o.policy.actions.person_name).toBe('keep');
    expect(o.policy.actions.bsn).toBe('redact');
    expect(o.policy.reviewBelow).toBe(0.9);
  });

  it('names the line and field of every problem', () => {
    let error: unknown;
    try {
      parsePrivacyConfig('organisation:\n  handles: [a]\npolicy:\n  actions:\n    person_nam: keep\n    bsn: delete\n', 'privacy.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'privacy_config_invalid' });
    const details = (error as { details: string[] }).details.join('\n');
    expect(details).toMatch(/line 5, policy\.actions\.person_nam/);
    expect(details).toMatch(/line 6, policy\.actions\.bsn: an action must be one of review, redact, keep/);
  });
});

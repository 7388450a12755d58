import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseStringPromise } from 'xml2js';
import { afterAll, describe, expect, it } from 'vitest';
import { bestandXml, informatieobjectXml, MdtoValueError, validateMdto, xmlSafe } from '../../formats/mdto/index.js';
import { fullBestand, fullInformatieobject } from './helpers/specs.js';
import { OFFICIAL_XSD, xmllintSchema } from './helpers/xmllint.js';

const work = mkdtempSync(join(tmpdir(), 'sa-mdto-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Element names of a complex type's sequence in the official XSD, base type first. */
async function xsdSequence(typeName: string): Promise<string[]> {
  const xsd = await parseStringPromise(readFileSync(OFFICIAL_XSD, 'utf8'));
  const types = xsd['xsd:schema']['xsd:complexType'] as any[];
  const type = types.find((t) => t.$.name === typeName);
  const names = (seq: any): string[] => (seq['xsd:element'] as any[]).map((e) => e.$.name);
  if (type['xsd:sequence']) return names(type['xsd:sequence'][0]);
  const ext = type['xsd:complexContent'][0]['xsd:extension'][0];
  return [...(await xsdSequence(ext.$.base)), ...names(ext['xsd:sequence'][0])];
}

/** Child element names of the object element, in document order (duplicates collapsed). */
function childOrder(xml: string, element: string): string[] {
  const body = xml.slice(xml.indexOf(`<${element}>`) + element.length + 2, xml.lastIndexOf(`</${element}>`));
  const names = [...body.matchAll(/^ {4}<([A-Za-z]+)[ />]/gm)].map((m) => m[1]!);
  return names.filter((n, i) => n !== names[i - 1]);
}

function writeAll(prefix: string, xmls: string[]): string[] {
  return xmls.map((x, i) => {
    const f = join(work, `${prefix}-${i}.xml`);
    writeFileSync(f, x);
    return f;
  });
}

describe('MDTO sidecars', () => {
  it('writes every informatieobject and bestand element in the order of the official XSD', async () => {
    expect(childOrder(informatieobjectXml(fullInformatieobject()), 'informatieobject')).toEqual(await xsdSequence('informatieobjectType'));
    expect(childOrder(bestandXml(fullBestand()), 'bestand')).toEqual(await xsdSequence('bestandType'));
  });

  it('validates against the official XSD with Debian xmllint and with the bundled validator', async () => {
    const xmls = [informatieobjectXml(fullInformatieobject()), bestandXml(fullBestand())];
    const debian = xmllintSchema(OFFICIAL_XSD, writeAll('full', xmls));
    expect(debian.output).not.toMatch(/fails to validate|error/i);
    expect(debian.ok).toBe(true);
    const bundled = await validateMdto(xmls.map((contents, i) => ({ name: `x${i}`, contents })));
    expect(bundled.map((r) => r.errors)).toEqual([[], []]);
  });

  it('the bundled validator reports a schema error with the document and line', async () => {
    const bad = informatieobjectXml(fullInformatieobject()).replace('<waardering>', '<archiefvormer><verwijzingNaam>x</verwijzingNaam></archiefvormer><waardering>');
    const [r] = await validateMdto([{ name: 'bad', contents: bad }]);
    expect(r?.valid).toBe(false);
    expect(r?.errors.join('\n')).toMatch(/line \d+: .*archiefvormer/);
  });

  it('in a batch, flags only the documents that are invalid', async () => {
    const good = informatieobjectXml(fullInformatieobject());
    const bad = good.replace(/<waardering>[\s\S]*?<\/waardering>/, '');
    const results = await validateMdto([good, bad, good].map((contents, i) => ({ name: `b${i}`, contents })));
    expect(results.map((r) => r.valid)).toEqual([true, false, true]);
  });

  it('refuses typed values that do not fit their XSD type, naming the field', () => {
    const s = fullInformatieobject();
    expect(() => informatieobjectXml({ ...s, taal: ['nl_NL'] })).toThrow(MdtoValueError);
    expect(() => informatieobjectXml({ ...s, bewaartermijn: { looptijd: '10 jaar' } })).toThrow(/bewaartermijn.looptijd/);
    expect(() => informatieobjectXml({ ...s, dekkingInTijd: [{ type: s.dekkingInTijd![0]!.type, begin: '2023-02-29' }] })).toThrow(/dekkingInTijd.begin/);
    expect(() => informatieobjectXml({ ...s, beperkingGebruik: [] })).toThrow(/beperkingGebruik/);
    expect(() => bestandXml({ ...fullBestand(), omvang: -1 })).toThrow(/omvang/);
    expect(() => bestandXml({ ...fullBestand(), URLBestand: 'javascript:alert(1)' })).toThrow(/URLBestand/);
  });

  it('keeps any Unicode text schema-valid: control characters, lone surrogates, ]]>, very long strings', async () => {
    const nasty = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 60 }),
      fc.constantFrom(']]>', '<![CDATA[x]]>', '&amp;&', '\u0000\u0001\u001f', '\ud800', '\udfff\ud800', '\ufffe\uffff', ' ', '', '\r\n\t'),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
    );
    const samples = fc.sample(fc.array(nasty, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')), { numRuns: 150, seed: 42 });
    samples.push(`${'lang 🦆 '.repeat(20_000)}\u0000]]>`);
    const xmls = samples.flatMap((t) => [informatieobjectXml(fullInformatieobject(t)), bestandXml(fullBestand(t))]);
    const bundled = await validateMdto(xmls.map((contents, i) => ({ name: `u${i}`, contents })));
    expect(bundled.filter((r) => !r.valid).map((r) => `${r.name}: ${r.errors.join('; ')}`)).toEqual([]);
    const debian = xmllintSchema(OFFICIAL_XSD, writeAll('unicode', xmls));
    expect(debian.output).not.toMatch(/fails to validate/);
    expect(debian.ok).toBe(true);
    // Text that XML can carry comes back unchanged.
    const ok = 'Zoë 👩🏽‍💻 ]]> & <b> "q" \u0085';
    const parsed = await parseStringPromise(informatieobjectXml(fullInformatieobject(ok)));
    expect(parsed.MDTO.informatieobject[0].naam[0]).toBe(ok);
  });

  it('xmlSafe replaces only what XML 1.0 cannot carry', () => {
    expect(xmlSafe('a\u0000b\ud800c\ud83d\ude00d\ufffe\t\n\r')).toBe('a\ufffdb\ufffdc\ud83d\ude00d\ufffd\t\n\r');
  });
});

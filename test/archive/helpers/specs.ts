// MDTO specs that use every element the schema has, for order and validity tests.
import {
  LIJST,
  SHA256,
  aggregatieniveau,
  beperkingGebruikType,
  eventType,
  pronomFormat,
  relatieBetrokkene,
  relatieInformatieobject,
  waardering,
  type BestandSpec,
  type InformatieobjectSpec,
} from '../../../formats/mdto/index.js';

/** An informatieobject with every optional element filled, using `t` for every free-text field. */
export function fullInformatieobject(t = 'tekst'): InformatieobjectSpec {
  const ref = { naam: t, identificatie: { kenmerk: t, bron: t } };
  const b = { label: t, code: t, lijst: t };
  return {
    identificatie: [{ kenmerk: t, bron: t }, { kenmerk: 'https://social.example/@a/1', bron: 'Mastodon (canonieke URI)' }],
    naam: t,
    aggregatieniveau: aggregatieniveau('Archiefstuk'),
    classificatie: [b],
    trefwoord: [t, t],
    omschrijving: [t],
    raadpleeglocatie: [{ fysiek: [ref], online: ['https://social.example/@a/1?q=a b'] }],
    dekkingInTijd: [{ type: { label: t, lijst: LIJST.dekkingInTijdType }, begin: '2024-05-01', eind: '2024-06' }],
    dekkingInRuimte: [ref],
    taal: ['nl', 'en-GB'],
    event: [
      { type: eventType('Publicatie'), tijd: '2024-05-01T10:00:00Z', actor: ref, resultaat: t },
      { type: eventType('Wijziging'), tijd: '2024' },
    ],
    waardering: waardering('V'),
    bewaartermijn: { trigger: eventType('Publicatie'), startdatum: '2024-05-01', looptijd: 'P10Y', einddatum: '2034-05-01' },
    informatiecategorie: { label: 'Communicatie', code: '1.1', lijst: 'Selectielijst gemeenten en intergemeentelijke organen 2020' },
    isOnderdeelVan: [ref],
    bevatOnderdeel: [ref, ref],
    heeftRepresentatie: [ref],
    aanvullendeMetagegevens: [ref],
    gerelateerdInformatieobject: [{ verwijzing: ref, relatie: relatieInformatieobject('Refereert aan') }],
    archiefvormer: [{ naam: 'Gemeente Voorbeeldstad', identificatie: { kenmerk: 'https://identifier.overheid.nl/tooi/id/gemeente/gm9999', bron: 'TOOI' } }],
    betrokkene: [{ relatie: relatieBetrokkene('Rechthebbende'), actor: ref }],
    activiteit: ref,
    beperkingGebruik: [
      {
        type: beperkingGebruikType('Overig'),
        nadereBeschrijving: t,
        documentatie: [ref],
        termijn: { trigger: eventType('Publicatie'), startdatum: '2024-05-01', looptijd: 'P75Y', einddatum: '2099-05-01' },
      },
    ],
  };
}

export function fullBestand(t = 'tekst'): BestandSpec {
  return {
    identificatie: [{ kenmerk: t, bron: t }],
    naam: t,
    omvang: 1234,
    bestandsformaat: pronomFormat('fmt/817', 'JSON Data Interchange Format'),
    checksum: [{ algoritme: SHA256, waarde: 'a'.repeat(64), datum: '2024-05-01T10:00:00Z' }],
    URLBestand: 'https://files.example/media/1.jpg',
    isRepresentatieVan: { naam: t, identificatie: { kenmerk: t, bron: t } },
  };
}

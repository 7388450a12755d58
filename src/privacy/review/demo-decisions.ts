// The privacy officer's decisions for the demo story, as a decisions file
// (`socialarchive review decide --from-file`; format in docs/privacy-review.md). Selections by
// category, so they apply whatever ids the demo's platform gives its statuses.
export const DEMO_DECISIONS_YAML = `# Besluiten van de privacyfunctionaris voor de demo.
decisions:
  - category: [bsn, iban, payment_card, email, phone, postcode, postal_address, licence_plate, date_of_birth, ip_address]
    action: redact
    reason: Identificerende gegevens van inwoners horen niet in de openbare versie.
  - category: [health, religion_belief, political_opinion, ethnic_origin, sexual_orientation, trade_union, criminal]
    action: restrict
    type: special_category_data
    term: P75Y
    reason: Bijzondere persoonsgegevens van inwoners (AVG art. 9 en 10).
  - category: person_name
    action: restrict
    term: P75Y
    reason: Namen van inwoners in reacties; het origineel is beperkt openbaar.
  - category: handle
    action: keep
    reason: Gebruikersnamen zijn door de gebruiker zelf openbaar gemaakt op het platform.
  - category: [gps, image_metadata]
    action: redact
    reason: Locatie- en cameragegevens gaan niet mee in de openbare versie.
  - category: face
    action: redact
    reason: Portretrecht; gezichten worden in de openbare versie onherkenbaar gemaakt.
`;

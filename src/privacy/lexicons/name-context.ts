// Context words around person names in Dutch and English replies (pii.md 5.2), our own lists.
// All lower case; multi-word entries are matched against the words before a name.

/** Words directly before a name that make it a name: titles and forms of address. */
export const TITLES = [
  'dhr', 'dhr.', 'de heer', 'heer', 'mevr', 'mevr.', 'mw', 'mw.', 'mevrouw', 'meneer', 'mijnheer', 'menheer', 'juf', 'juffrouw',
  'meester', 'mr.', 'mr', 'mrs', 'mrs.', 'ms', 'ms.', 'miss', 'sir', 'dr', 'dr.', 'drs', 'drs.', 'ir', 'ir.', 'ing', 'ing.',
  'prof', 'prof.', 'dokter', 'wethouder', 'burgemeester', 'raadslid', 'gemeenteraadslid', 'gedeputeerde', 'minister',
  'staatssecretaris', 'commissaris', 'wijkagent', 'agent', 'boa', 'directeur', 'pastoor', 'dominee', 'imam', 'rabbijn',
  'councillor', 'mayor', 'alderman', 'officer', 'collega', 'fam', 'fam.', 'familie', 'de familie', 'gezin', 'het gezin', 'oud-wethouder', 'fractievoorzitter', 'kamerlid', 'zuster', 'broeder',
];

/** Greetings that are followed by a name: "Beste Jan", "Hoi Sanne". */
export const GREETINGS = ['beste', 'hoi', 'hallo', 'hey', 'hee', 'hé', 'hi', 'hello', 'dag', 'goedemorgen', 'goedemiddag', 'goedenavond', 'geachte', 'lieve', 'dear', 'dank', 'bedankt', 'dankjewel', 'thanks', 'thank you', 'sterkte', 'succes', 'gefeliciteerd', 'welkom', 'groetjes aan', 'groeten aan', 'doei', 'later'];

/** Sign-offs that precede the writer's name, on the same or the next line. */
export const SIGN_OFFS = [
  'groet', 'groeten', 'groetjes', 'gr', 'gr.', 'grt', 'grtz', 'mvg', 'm.v.g.', 'vriendelijke groet', 'vriendelijke groeten',
  'met vriendelijke groet', 'met vriendelijke groeten', 'hartelijke groet', 'hartelijke groeten', 'vr.gr.', 'vr gr',
  'liefs', 'namens', 'regards', 'kind regards', 'best regards', 'best', 'cheers', 'sincerely', 'yours', 'thanks',
  'getekend', 'ondertekend', 'was getekend', 'groet van', 'groetjes van', 'met dank', 'alvast bedankt',
];

/** "mijn naam is X", "ik ben X". */
export const INTRODUCTIONS = ['mijn naam is', 'ik heet', 'ik ben', 'naam:', 'naam is', 'my name is', "i'm", 'i am', 'this is', 'hier is', 'spreekt u met', 'met', 'called', 'genaamd', 'heet', 'heette', 'is genaamd'];

/** Family and social relations before a name: "mijn buurman Piet". */
export const RELATIONS = [
  'buurman', 'buurvrouw', 'buurjongen', 'buurmeisje', 'man', 'vrouw', 'zoon', 'dochter', 'moeder', 'vader', 'broer', 'zus',
  'zoontje', 'dochtertje', 'oma', 'opa', 'kind', 'vriend', 'vriendin', 'collega', 'neef', 'nicht', 'tante', 'oom',
  'schoonmoeder', 'schoonvader', 'partner', 'vriendje', 'vriendinnetje', 'kleinzoon', 'kleindochter', 'baas', 'huisgenoot',
  'neighbour', 'neighbor', 'son', 'daughter', 'mother', 'father', 'brother', 'sister', 'wife', 'husband', 'friend',
  'colleague', 'mum', 'mom', 'dad', 'grandma', 'grandpa', 'uncle', 'aunt', 'cousin', 'boyfriend', 'girlfriend',
];

/** Particles of Dutch family names (tussenvoegsels), longest first where they share a start. */
export const TUSSENVOEGSELS = [
  'van der', 'van den', 'van de', "van 't", 'van het', 'van', 'de', 'der', 'den', 'het', "'t", 'ter', 'ten', 'te',
  'in de', "in 't", 'in het', 'op de', "op 't", 'op het', 'op ten', 'uit de', 'uit den', 'uijt de', 'van der', 'von', 'vom',
  'de la', 'del', 'della', 'di', 'da', 'dos', 'das', 'du', 'le', 'la', 'el', 'al', 'bin', 'ibn', 'mac', 'o',
];

/**
 * Business and place names that look like a person's name; not personal data (SPEC section 5:
 * business names). Living public figures stay out of this list: their names are personal data.
 * Lower case, matched as the whole name chunk.
 */
export const NOT_PERSONS = [
  'albert heijn', 'jan linders', 'hans anders', 'douwe egberts', 'van haren', 'van der valk', 'kees smit',
  'den haag', 'den bosch', 'den helder', 'den burg', 'den ham', 'den dolder', 'den hoorn', 'ter apel', 'ter aar',
  'de bilt', 'de lier', 'de meern', 'de koog', 'de wijk', 'de rijp', 'de krim', 'de lutte', 'de kwakel',
  // Long-dead people and figures of feast and faith (the AVG protects the living).
  'van gogh', 'vincent van gogh', 'rembrandt', 'rembrandt van rijn', 'anne frank', 'willem van oranje',
  'sinterklaas', 'zwarte piet', 'kerstman', 'jezus', 'god', 'allah',
];

import type { SpecialCategory } from '../types.js';

/*
 * Our own lexicon of GDPR art. 9 special categories and art. 10 criminal data (pii.md section 4 found
 * no open Dutch lexicon). Curated by hand for replies under municipal posts; a privacy officer should
 * review it. Syntax, matched case-insensitively on whole words:
 *   `kanker`   the word itself
 *   `*kanker`  also at the end of a compound (borstkanker, longkanker)
 *   `diabet*`  also with any ending (diabetes, diabeet, diabetespatiënt)
 *   spaces match one or more spaces; `|` separates alternatives inside one entry;
 *   an entry with capitals matches only as written (DENK the party, not "ik denk").
 * Terms alone are not findings: a person must be in the frame (see recognizers/special.ts).
 */
export const SPECIAL_TERMS: Record<SpecialCategory, readonly string[]> = {
  health: [
    '*ziek', 'ziekte*', '*ziekte', 'zieke', 'ziekenhuis*', 'ziekgemeld', 'ziekmelding', '*kanker*', 'tumor*', 'chemo*',
    'bestraling*', 'diabet*', 'suikerziekte', 'insuline', 'astma*', 'copd', 'longziekte', 'longontsteking', 'hartaanval',
    'hartinfarct', 'hartfalen', 'hartpatiënt', 'beroerte', 'herseninfarct', 'hersenbloeding', 'dementie', 'dement',
    'alzheimer', 'parkinson', 'ms-patiënt', 'multiple sclerose', 'als-patiënt', 'depressie*', 'depressief', 'burn-out|burnout|overspannen',
    'angststoornis', 'paniekaanval*', 'adhd', 'ADD', 'autis*', 'bipolair', 'schizofre*', 'psychose', 'psychotisch',
    'psychiat*', 'ggz', 'verslaafd*', 'verslaving*', 'alcoholist*', 'drugsverslaafd*', 'zwanger*', 'miskraam', 'abortus',
    'ivf', 'hiv', 'aids', 'soa', 'corona', 'covid*', 'long covid', 'positief getest', 'griep', 'migraine', 'epilep*',
    'gehandicapt*', '*handicap', 'rolstoel*', 'blind', 'doof', 'slechthorend', 'slechtziend', 'invalide', 'beperking',
    'chronisch ziek', 'reuma*', 'artrose', 'hernia', 'geopereerd', 'operatie', 'medicijnen', 'medicatie', 'antidepressiva',
    'fysiotherap*', 'revalid*', 'dialyse', 'nierpatiënt', 'transplantatie', 'kankerpatiënt', 'patiënt', 'eetstoornis',
    'anorexia', 'boulimia', 'trauma', 'ptss', 'suïcid*', 'zelfmoord*', 'wmo-indicatie', 'indicatie', 'dyslex*', 'MS',
    'cancer', 'diabetic', 'depression', 'depressed', 'disabled', 'disability', 'wheelchair', 'pregnant', 'pregnancy',
    'autism', 'autistic', 'surgery', 'hospital', 'hospitalised', 'hospitalized', 'asthma', 'dementia', 'illness', 'sick',
    'chronically ill', 'mental health', 'rehab', 'addicted', 'addiction', 'medication', 'deaf', 'stroke', 'heart attack',
  ],
  religion_belief: [
    'moslim*', 'islam*', 'christen*', 'christelijk*', 'katholiek*', 'rooms-katholiek', 'protestant*', 'gereformeerd*',
    'hervormd*', 'evangelisch*', 'joods*', 'jood', 'joden', 'hindoe*', 'boeddhist*', 'boeddhisme', 'sikh*', 'atheïst*',
    'humanist*', 'ongelovig*', 'gelovig*', 'moskee*', 'synagoge*', 'kerkganger*', 'kerkdienst*', 'kerk', 'tempel',
    'gurdwara', 'ramadan', 'suikerfeest', 'offerfeest', 'hoofddoek*', 'keppel', 'bidden', 'gebed*', 'geloof', 'gelovige',
    'jehova*', 'mormoon*', 'vrijmetselaar*', 'muslim', 'christian', 'catholic', 'jewish', 'hindu', 'buddhist', 'atheist',
    'church', 'mosque', 'synagogue', 'religion', 'religious', 'faith', 'pray', 'praying',
  ],
  political_opinion: [
    'vvd*', 'pvv*', 'cda*', 'd66*', 'groenlinks*', 'pvda*', 'gl-pvda*', 'SP', "SP'er*", 'SP-*', 'pvdd*', 'partij voor de dieren',
    'christenunie*', 'sgp*', 'DENK', 'Volt', 'ja21*', 'fvd*', 'forum voor democratie', 'bbb*', 'boerburgerbeweging',
    'nsc*', '50plus*', 'bij1', 'leefbaar*', 'gestemd', 'stem op', 'stemde op', 'stemmen op', 'partijlid', 'partijlidmaatschap',
    'links', 'linkse', 'rechts', 'rechtse', 'socialist*', 'liberaal', 'liberalen', 'communist*', 'anarchist*', 'extreemrechts*', 'extreemlinks*',
    'fascist*', 'nazi*', 'activist*', 'demonstrant*', 'extinction rebellion', 'XR', 'klimaatactivist*', 'boerenprotest*',
    'voted for', 'vote for', 'labour', 'tory', 'conservative', 'democrat', 'republican', 'left-wing', 'right-wing',
  ],
  ethnic_origin: [
    'marokka*', 'turk', 'turken', 'turks', 'turkse', 'surina*', 'antilliaan*', 'antilliaans*', 'molukker*', 'moluks*',
    'pools', 'poolse', 'polen', 'roemeen*', 'bulgaar*', 'syriër*', 'syrisch*', 'eritree*', 'somali*', 'afghaan*',
    'irakees', 'iraaks*', 'iraans*', 'iraniër', 'koerd*', 'indonesisch*', 'indisch*', 'kaapverdia*', 'ghanees*', 'nigeria*',
    'allochto*', 'autochto*', 'migratieachtergrond', 'migrant*', 'immigrant*', 'vluchteling*', 'asielzoeker*', 'statushouder*',
    'Roma', 'Sinti', 'woonwagenbewoner*', 'afkomst', 'afkomstig uit', 'getint', 'donker getint', 'kleurling',
    'moroccan', 'turkish', 'surinamese', 'refugee', 'immigrant', 'descent', 'ethnicity', 'asian',
  ],
  sexual_orientation: [
    'homo*', 'gay', 'lesbi*', 'lhbti*', 'lhbt*', 'lgbt*', 'biseksu*', 'bi', 'transgender*', 'trans', 'transvrouw', 'transman',
    'queer', 'hetero*', 'uit de kast', 'coming-out', 'non-binair', 'nonbinair', 'non-binary', 'bisexual', 'lesbian',
  ],
  trade_union: [
    'fnv*', 'cnv*', 'de unie', 'vakbond*', 'vakbondslid', 'abvakabo', 'cmhf', 'ac fbo', 'fbza', 'nu\'91', 'vakcentrale',
    'union member', 'trade union', 'labour union', 'union rep',
  ],
  criminal: [
    'veroordeeld*', 'veroordeling', 'strafblad*', 'celstraf*', 'taakstraf*', 'gevangenis*', 'gevangen', 'gedetineerd*',
    'gearresteerd', 'arrestatie', 'aangehouden', 'opgepakt', 'verdachte', 'verdacht', 'zit vast|zat vast|zitten vast',
    'vastgezet', 'crimineel', 'criminelen', 'dief', 'dieven', 'inbreker*', 'drugsdeal*', 'dealer', 'dealt', 'enkelband',
    'tbs', 'reclassering', 'mishandel*', 'fraudeur*', 'fraude', 'oplichter*', 'oplichting', 'pedofiel*', 'pedo',
    'verkracht*', 'moordenaar*', 'doodslag', 'heling', 'stalker*', 'bedreig*', 'delinquent*', 'ex-gedetineerde*',
    'convicted', 'criminal record', 'jail', 'prison', 'arrested', 'thief', 'burglar', 'dealer', 'fraudster', 'in custody',
  ],
};

/**
 * Words of a compound that make it about a topic or an institution, not about a person:
 * a PVV-motie, a kankerfonds, the Week van de Dementie.
 */
export const TOPIC_SUFFIXES = [
  'straat', 'laan', 'weg', 'plein', 'hof', 'pad', 'gracht', 'motie', 'beleid', 'campagne', 'preventie', 'onderzoek', 'fonds',
  'week', 'dag', 'congres', 'voorlichting', 'debat', 'standpunt', 'programma', 'fractie', 'wet', 'plan', 'regeling',
  'onderzoeker', 'bestrijding', 'collecte', 'lezing', 'avond', 'café', 'cafe', 'vereniging', 'stichting', 'bestuur',
  'wethouder', 'minister', 'kamerlid', 'raadslid', 'voorstel', 'kandidaat', 'lijsttrekker', 'centrum', 'zorg', 'dienst',
  'gebouw', 'toren', 'klok', 'bus', 'portaal', 'app', 'maatregelen', 'regels', 'cijfers', 'werk', 'organisatie',
  'opvang', 'huis', 'ruimte', 'nota', 'vlag',
];

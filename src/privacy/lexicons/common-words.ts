// Our own additions to the common-word filter: Dutch words that the pii-filter dictionary lacks but
// that are also names (Roos), and everyday English words, because about one reply in ten is English
// and the family-name list holds many of them (Street, Good, Will). Lower case.

const DUTCH = ['roos', 'oke', 'oké', 'ok', 'okay', 'hoor', 'joh', 'jongens', 'mensen', 'allemaal', 'iedereen', 'wauw', 'haha', 'hihi', 'tja', 'nou', 'ff', 'idd', 'mvg', 'gr', 'grtz', 'thx', 'tnx', 'gemeente', 'wijkagent', 'politie', 'brandweer'];

const ENGLISH = `a about above across after again against all almost alone along already also although always am
among an and another any anybody anyone anything anyway anywhere are area around as ask asked at away back bad
be became because become been before began behind being below best better between big bit both bring brought
but by call called came can cannot car care case cause certain certainly change city clear close come coming
could council country course day days dear did different do does doing done down during each early either else
end enough even ever every everyone everything example eye face fact far feel felt few find first five for four
free friend from full further gave get getting give given go going good got great group had half hand happy
hard has have having he hear heard hello help her here herself hey hi high him himself his home hope house how
however hundred i idea if important in indeed inside instead into is issue it its itself job just keep kind
knew know known large last later least leave left less let life light like likely line little live local long
look looked lot love made make making man many may maybe me mean men might mind minute more morning most mother
move much must my myself name near need needed never new next nice night no nobody none nor not nothing now
number of off often oh ok old on once one only open or order other others our out outside over own part people
perhaps place please point possible power probably problem public put question quite rather read ready real
really reason right road room run said same saw say school second see seem seemed seen several shall she
should show side since small so some somebody someone something sometimes soon sorry sound start state still
stop story street such sure take taken tell than thank thanks that the their them then there these they thing
things think third this those though thought three through time to today together told too took toward town
tried true try trying turn two under until up upon us use used very wait want wanted was water way we week well
went were what when where whether which while white who whole why will wish with within without woman women
word work world would write wrong year years yes yet you young your yours great good morning afternoon evening
regards cheers kind best wishes sincerely thanks thank dear hi hello hey yesterday tomorrow monday tuesday
wednesday thursday friday saturday sunday january february march april may june july august september october
november december spring summer autumn fall winter sky river rain storm sun moon star grace faith hope joy
charity justice heaven miracle melody rose lily daisy violet poppy jasmine holly heather olive ruby pearl
crystal diamond coral ginger pepper honey candy lucky sunny happy dawn june ivy hazel robin mark bill will art
pat sue rob don frank grant lane park hall wood ward bush ford king young long brown white green black gray grey
rich hunt mason baker miller smith cook cooper carpenter hunter fisher christmas easter market fair festival
holiday holidays weekend station library museum hall church bridge square centre center`.split(/\s+/);

export const EXTRA_COMMON_WORDS: readonly string[] = [...DUTCH, ...ENGLISH];

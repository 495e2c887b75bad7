/**
 * English normalisation for lexical matching: tokenising, lower-casing, stop words and a light
 * suffix stripper. The same function normalises running text and CC-CEDICT glosses, so that
 * "walked", "walks" and the gloss "to walk" meet on the key "walk".
 */

/** Function words that carry no translation evidence (closed-class words of English). */
const STOP_WORDS = new Set(
  (
    'a an the and or but nor yet if then than that this these those there here of to in on at by for ' +
    'from with without into onto upon out off over under up down about as is am are was were be been ' +
    'being do does did done doing have has had having i me my mine we us our ours you your yours he him ' +
    'his she her hers it its they them their theirs one ones what which who whom whose when where why how ' +
    'not no all any some each every both either neither such own same very can could will would shall ' +
    'should may might must just also too only even still again ever s t d ll m re ve o oh ah etc sth sb ' +
    'someone something somebody oneself itself himself herself myself yourself themselves ourselves ' +
    'used esp e g i e particle classifier measure word'
  ).split(/\s+/),
);

/** Irregular forms mapped to the base form a dictionary gloss uses (common English verbs and plurals). */
const IRREGULAR = new Map<string, string>(Object.entries({
  said: 'say', says: 'say', went: 'go', gone: 'go', goes: 'go', came: 'come', saw: 'see', seen: 'see',
  took: 'take', taken: 'take', made: 'make', knew: 'know', known: 'know', thought: 'think', told: 'tell',
  gave: 'give', given: 'give', found: 'find', felt: 'feel', left: 'leave', kept: 'keep', held: 'hold',
  stood: 'stand', sat: 'sit', ran: 'run', ate: 'eat', eaten: 'eat', drank: 'drink', drunk: 'drink',
  got: 'get', gotten: 'get', began: 'begin', begun: 'begin', brought: 'bring', bought: 'buy', sent: 'send',
  spoke: 'speak', spoken: 'speak', wrote: 'write', written: 'write', heard: 'hear', met: 'meet',
  lay: 'lie', laid: 'lay', led: 'lead', lost: 'lose', paid: 'pay', put: 'put', slept: 'sleep', fell: 'fall',
  fallen: 'fall', flew: 'fly', fought: 'fight', caught: 'catch', taught: 'teach', sought: 'seek',
  became: 'become', broke: 'break', broken: 'break', chose: 'choose', chosen: 'choose', drew: 'draw',
  drawn: 'draw', drove: 'drive', driven: 'drive', forgot: 'forget', forgotten: 'forget', grew: 'grow',
  grown: 'grow', hid: 'hide', hidden: 'hide', hit: 'hit', hung: 'hang', rode: 'ride', rose: 'rise',
  risen: 'rise', sang: 'sing', sung: 'sing', shook: 'shake', shot: 'shoot', shut: 'shut', stole: 'steal',
  struck: 'strike', swam: 'swim', threw: 'throw', thrown: 'throw', understood: 'understand', woke: 'wake',
  wore: 'wear', won: 'win', men: 'man', women: 'woman', children: 'child', feet: 'foot', teeth: 'tooth',
  mice: 'mouse', people: 'people', better: 'good', best: 'good', worse: 'bad', worst: 'bad', died: 'die',
  dying: 'die', lying: 'lie', tied: 'tie', eyes: 'eye', cried: 'cry', tried: 'try', lives: 'life',
  wives: 'wife', knives: 'knife', leaves: 'leaf', wolves: 'wolf', thieves: 'thief', selves: 'self',
  halves: 'half', heavens: 'heaven', spake: 'speak', saith: 'say', hath: 'have', doth: 'do', thee: 'you',
  thou: 'you', thy: 'your', thine: 'your', ye: 'you', unto: 'to', shalt: 'shall', wilt: 'will', art: 'be',
}));

/**
 * Split English text into word tokens: runs of Latin letters (with inner apostrophes or hyphens
 * split off) and runs of digits. Returns the tokens as written (case kept).
 */
export function englishWords(text: string): string[] {
  return text.match(/[A-Za-z\u00C0-\u024F]+|[0-9]+/g) ?? [];
}

/**
 * Normalise one English word for lexical matching: lower-case, irregular forms to their base,
 * then light suffix stripping (-ies/-ied→y, -s, -es, -ed, -ing with a doubled final consonant undone,
 * then a final -e), so that "hoped", "hopes" and "hope" share the key "hop".
 * Returns null for stop words, one-letter words and digit strings (numbers are anchors, not words).
 */
export function normalizeEnglish(word: string): string | null {
  let w = word.toLowerCase();
  if (w.length < 2 || STOP_WORDS.has(w) || /^[0-9]/.test(w)) return null;
  const irregular = IRREGULAR.get(w);
  if (irregular) {
    if (STOP_WORDS.has(irregular)) return null;
    w = irregular;
  }
  const stem = stripSuffix(w);
  // A content word whose stem looks like a function word ("evening" → "even") keeps its form.
  return STOP_WORDS.has(stem) || stem.length < 2 ? w : stem;
}

function stripSuffix(w: string): string {
  let s = w;
  if (s.length > 4 && (s.endsWith('ies') || s.endsWith('ied'))) s = s.slice(0, -3) + 'y';
  else if (s.length > 5 && s.endsWith('ing')) s = undouble(s.slice(0, -3));
  else if (s.length > 4 && s.endsWith('ed')) s = undouble(s.slice(0, -2));
  else if (s.length > 4 && /(ss|sh|ch|x|z)es$/.test(s)) s = s.slice(0, -2);
  else if (s.length > 3 && s.endsWith('s') && !/(ss|us|is)$/.test(s)) s = s.slice(0, -1);
  if (s.length > 3 && s.endsWith('e')) s = s.slice(0, -1);
  return s;
}

function undouble(stem: string): string {
  const n = stem.length;
  if (n > 3 && stem[n - 1] === stem[n - 2] && !/[aeiouls]/.test(stem[n - 1])) return stem.slice(0, -1);
  return stem;
}


/**
 * Text → search terms for BM25: lowercase, accents folded, split on anything that is not a letter
 * or digit, English stop words dropped, irregular forms taken to their base, Porter-stemmed (the
 * `stemmer` package), so "indexing", "indexed" and "indexes" meet, and so do "fled" and "flee".
 */
import { stemmer } from 'stemmer';

const STOP_WORDS = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him ' +
    'himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other ' +
    'our ours ourselves out over own same she should so some such than that the their theirs them themselves then there ' +
    'these they this those through to too under until up very was we were what when where which while who whom why will ' +
    'with would you your yours yourself yourselves'
  ).split(' '),
);

/**
 * Irregular forms the stemmer cannot join to their base ("fled" → "flee", "fought" → "fight",
 * "children" → "child"): questions ask "Where did the monks flee?" of a text that says they fled.
 * Forms that are also common words of their own ("left", "wound", "ground", "lay", "bore") stay.
 */
const IRREGULAR = new Map(
  (
    'arose:arise arisen:arise awoke:awake awoken:awake became:become began:begin begun:begin bent:bend ' +
    'bit:bite bitten:bite bled:bleed blew:blow blown:blow broke:break broken:break bred:breed ' +
    'brought:bring built:build burnt:burn bought:buy caught:catch chose:choose chosen:choose clung:cling ' +
    'came:come crept:creep dealt:deal dug:dig drew:draw drawn:draw drank:drink drunk:drink drove:drive ' +
    'driven:drive dwelt:dwell ate:eat eaten:eat fell:fall fallen:fall fed:feed felt:feel fought:fight ' +
    'found:find fled:flee flung:fling flew:fly flown:fly forbade:forbid forbidden:forbid forgot:forget ' +
    'forgotten:forget forgave:forgive forgiven:forgive froze:freeze frozen:freeze got:get gotten:get ' +
    'gave:give given:give went:go gone:go grew:grow grown:grow hung:hang heard:hear hid:hide hidden:hide ' +
    'held:hold kept:keep knelt:kneel knew:know known:know led:lead leapt:leap lent:lend lain:lie ' +
    'lost:lose made:make meant:mean met:meet mistook:mistake mistaken:mistake overcame:overcome ' +
    'overtook:overtake overtaken:overtake paid:pay ran:run rang:ring rung:ring rose:rise risen:rise ' +
    'rode:ride ridden:ride said:say saw:see seen:see sought:seek sold:sell sent:send sewn:sew ' +
    'shook:shake shaken:shake shone:shine shot:shoot shown:show shrank:shrink shrunk:shrink sang:sing ' +
    'sung:sing sank:sink sunk:sink sat:sit slept:sleep slid:slide spoke:speak spoken:speak sped:speed ' +
    'spent:spend spun:spin spat:spit sprang:spring sprung:spring stood:stand stole:steal stolen:steal ' +
    'stuck:stick stung:sting strode:stride struck:strike strove:strive striven:strive swore:swear ' +
    'sworn:swear swept:sweep swam:swim swum:swim swung:swing took:take taken:take taught:teach tore:tear ' +
    'torn:tear told:tell thought:think threw:throw thrown:throw trod:tread understood:understand ' +
    'undertook:undertake undertaken:undertake underwent:undergo undergone:undergo upheld:uphold ' +
    'withdrew:withdraw withdrawn:withdraw withheld:withhold woke:wake woken:wake wore:wear worn:wear ' +
    'wove:weave woven:weave wept:weep won:win wrote:write written:write children:child men:man ' +
    'women:woman mice:mouse geese:goose teeth:tooth feet:foot'
  )
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
);

/** Bumped whenever analyze() changes, so stored BM25 segments built by an older one are rebuilt. */
export const ANALYZER_VERSION = 3;

/** Single letters each followed by a dot, two or more: "U.S.", "e.g.", "U.K.". */
const DOTTED_ABBREVIATION = /(?<![\p{L}\p{N}])(?:\p{L}\.){2,}/gu;

const stemCache = new Map<string, string>();

/**
 * Lower case with accents dropped ("Müller" → "muller"): the analyzer's reading of text before it
 * splits words, shared with spelling correction so a typed word and the library's terms are folded
 * alike.
 */
export function foldAccents(text: string): string {
  return text.normalize('NFKD').toLowerCase().replace(/\p{M}/gu, '');
}

export function analyze(text: string): string[] {
  const terms: string[] = [];
  const ascii = !/[^\x00-\x7f]/.test(text);
  // Accent folding only where there can be accents: most text is plain ASCII.
  // "U.S." and "US" are one word: without this, the dotted form analyzes to "u" and "s".
  const undotted = text.includes('.') ? text.replace(DOTTED_ABBREVIATION, (m) => m.replaceAll('.', '')) : text;
  const folded = ascii ? undotted.toLowerCase() : foldAccents(undotted);
  for (const [word] of folded.matchAll(ascii ? /[a-z0-9]+/g : /[\p{L}\p{N}]+/gu)) {
    if (STOP_WORDS.has(word)) continue;
    let stem = stemCache.get(word);
    if (stem === undefined) {
      stem = /^\p{N}+$/u.test(word) ? word : stemmer(IRREGULAR.get(word) ?? word);
      if (stemCache.size > 500_000) stemCache.clear();
      stemCache.set(word, stem);
    }
    terms.push(stem);
  }
  return terms;
}

/** Each term of the text with the first word, as written, that analyzes to it (for showing terms to people). */
export function termWords(text: string): Map<string, string> {
  const words = new Map<string, string>();
  for (const [word] of text.matchAll(WRITTEN_WORD)) {
    const terms = analyze(word);
    if (terms.length === 1 && !words.has(terms[0]!)) words.set(terms[0]!, word);
  }
  return words;
}

const WRITTEN_WORD = /(?:\p{L}\.){2,}|[\p{L}\p{N}\p{M}]+/gu;


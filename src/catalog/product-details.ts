import type { Product } from '../knowledge/types.ts';
import { FILLER, normWords } from './catalog-text.ts';
import { wordSimilarity } from './word-similarity.ts';

/** Customer words for attribute keys the key's own words do not cover. */
const KEY_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  socket: ['bulb', 'fitting', 'socket', 'lightbulb', 'e27', 'e14', 'g9'],
  burn_time_h: ['burn', 'last'],
  battery_h: ['battery', 'last', 'charge', 'hour'],
  runtime_min: ['battery', 'last', 'runtime', 'minute'],
  age: ['age', 'old', 'month', 'toddler', 'baby', 'kid', 'year'],
  sizes: ['size', 'fit', 'small', 'medium', 'large', 'xl'],
  installation: ['install', 'installation', 'electrician', 'wire', 'wired', 'wiring', 'fit', 'put'],
  scent: ['smell', 'scent', 'fragrance', 'smells'],
  charging: ['charge', 'charging', 'usb', 'cable'],
  usb_charging: ['charge', 'charging', 'phone', 'usb'],
  colour_temperature_k: ['warm', 'warmer', 'cool', 'cooler', 'kelvin', 'temperature', 'white'],
  dimmable: ['dim', 'dimmable', 'dimmer', 'dimming'],
  dimmer: ['dim', 'dimmable', 'dimmer'],
  lumen: ['bright', 'brightness', 'lumen', 'light'],
  max_load_kg: ['weight', 'load', 'hold', 'carry', 'take', 'strong', 'kg'],
  max_load_per_shelf_kg: ['weight', 'load', 'hold', 'shelf', 'kg'],
  contents: ['included', 'include', 'includes', 'contain', 'contains', 'inside', 'come', 'comes', 'what'],
  accessories: ['accessory', 'accessories', 'included', 'come', 'comes', 'attachment'],
  pieces: ['piece', 'pieces', 'many', 'how'],
  programmes: ['program', 'programs', 'programme', 'programmes', 'setting', 'mode'],
  speeds: ['speed', 'speeds', 'setting'],
  slots: ['slot', 'slots', 'slice', 'slices'],
  settings: ['setting', 'settings', 'mode', 'function'],
  tog: ['tog', 'warm', 'warmth', 'thick', 'winter', 'summer'],
  firmness: ['firm', 'soft', 'firmness', 'hard'],
  connectivity: ['wifi', 'wi', 'fi', 'app', 'smart', 'alexa', 'google', 'homekit', 'matter'],
  pressure_bar: ['pressure', 'bar'],
  temperature_settings: ['temperature', 'temp', 'setting', 'degree'],
  grind_settings: ['grind', 'setting', 'coarse', 'fine'],
  heat_up_s: ['heat', 'warm', 'fast', 'quick', 'long'],
  water_tank_l: ['water', 'tank'],
  water_tank_ml: ['water', 'tank'],
  ip_rating: ['outdoor', 'outside', 'waterproof', 'rain', 'bathroom', 'ip', 'splash'],
  watertight: ['waterproof', 'watertight', 'leak', 'water'],
  humidity_resistant: ['humid', 'humidity', 'bathroom', 'steam', 'damp'],
  closure: ['button', 'buttons', 'zip', 'zipper', 'closure', 'close'],
  frame_included: ['frame'],
  base: ['base', 'stand'],
  pump: ['pump'],
  mounting: ['mount', 'hang', 'hanging', 'chain', 'ceiling'],
  fixings: ['screw', 'screws', 'fixing', 'fixings', 'wall', 'mount'],
  adjustable: ['adjust', 'adjustable', 'height', 'lumbar'],
  foldable: ['fold', 'foldable', 'folding', 'collapse', 'store'],
  energy_class: ['energy', 'efficient', 'efficiency', 'label'],
  precision_g: ['precise', 'precision', 'accurate', 'gram'],
  cable_length_cm: ['cable', 'cord', 'long', 'length'],
  length_m: ['long', 'length', 'metre', 'meter'],
  bulbs: ['bulb', 'bulbs', 'light', 'lights'],
  holds_knives: ['knife', 'knives', 'hold', 'many'],
  compartments: ['compartment', 'compartments', 'section'],
  drawers: ['drawer', 'drawers'],
  doors: ['door', 'doors'],
  batteries: ['battery', 'batteries'],
  timer: ['timer'],
  spray_patterns: ['spray', 'pattern', 'setting'],
  oven_max_c: ['oven', 'degree', 'temperature', 'hot', 'heat'],
  hob: ['hob', 'induction', 'gas', 'stove', 'oven'],
  power_w: ['electric', 'electrical', 'plug', 'mains', 'manual', 'power', 'powerful', 'watt', 'watts'],
  material: ['itchy', 'scratchy', 'soft', 'feel', 'feels', 'texture', 'rough', 'smooth', 'fabric', 'made'],
};

const UNITS: Array<[RegExp, string]> = [
  [/_cm$/, 'cm'], [/_mm$/, 'mm'], [/_kg$/, 'kg'], [/_g$/, 'g'], [/_l$/, 'litres'], [/_ml$/, 'ml'], [/_w$/, 'W'], [/_k$/, 'K'],
  [/_h$/, 'hours'], [/_min$/, 'minutes'], [/_s$/, 'seconds'], [/_c$/, '°C'], [/_m$/, 'm'], [/_bar$/, 'bar'], [/_years$/, 'years'],
];

/** "burn_time_h" -> "burn time", with "hours" as the unit of its value. */
function describeKey(key: string): { label: string; unit: string } {
  const unit = UNITS.find(([re]) => re.test(key));
  const label = (unit ? key.replace(unit[0], '') : key).replace(/_/g, ' ');
  return { label, unit: unit?.[1] ?? '' };
}

function valueText(key: string, value: string | number | boolean): string {
  const { label, unit } = describeKey(key);
  if (value === true) return `${label}: yes`;
  if (value === false) return `${label}: no (not included)`;
  return `${label}: ${value}${unit && !String(value).includes(unit) ? ` ${unit}` : ''}`;
}

/** "how much can it carry?": a question about the load it takes ("carry" alone is a filler word: "do you carry..."). */
export const LOAD = /\bhow much (weight )?(can|does|will|would) (it|they|this|that|the \w+) (carry|take|bear|support|hold up)\b|\bhow (heavy|much weight) (can|does|will) (it|they)\b/i;

/** Content words of the question that are not the product's own name or filler ("does the toaster do bagels" -> bagel). */
export function questionWords(question: string, p: Product): string[] {
  const title = normWords(p.title);
  // Ordinals pick a product ("the 2nd one", "the last one"); they are not what is asked about it. "How long do they
  // last" asks a battery or burn time.
  return [...new Set(normWords(question.replace(/\b(the )?last (one|ones)\b|\bthe last\b/gi, ' ')))].filter((w) => !FILLER.has(w) && w.length > 1 && !ORDINAL_WORDS.test(w) && !title.some((t) => wordSimilarity(w, t) > 0));
}

const ORDINAL_WORDS = /^(\d+(st|nd|rd|th)|first|second|third|fourth|ooh|oh|hmm|good|any)$/;

const sentencesOf = (s: string) => s.split(/(?<=[.!?;])\s+/).map((x) => x.trim()).filter(Boolean);

/**
 * Answers a question about a product detail the fixed facts do not cover (pressure, bulb fitting, burn time, age,
 * what is included, "does it do bagels"), from the product's attributes and then its description and care texts.
 * Undefined when the catalog says nothing about it: the caller says so rather than guessing.
 */
export function detailAnswer(p: Product, question: string, options: { attributesOnly?: boolean } = {}): string | undefined {
  // A tag phrase the question uses in full ("kids plate" for the dinner set) names the product; it asks nothing.
  question = question.replace(LOAD, ' max load ');
  const all = new Set(normWords(question));
  const naming = new Set(p.tags.map(normWords).filter((t) => t.length > 1 && t.every((w) => all.has(w))).flat());
  const words = questionWords(question, p).filter((w) => !naming.has(w));
  if (words.length === 0) return undefined;
  const matches = (candidates: readonly string[]) => words.filter((w) => candidates.some((c) => c === w || wordSimilarity(w, c) > 0)).length;
  const scored = Object.entries(p.attributes)
    .filter(([key]) => !['colour', 'returnable'].includes(key))
    .map(([key, value]) => {
      const keyWords = [...key.split('_'), ...(KEY_SYNONYMS[key] ?? [])].map((w) => normWords(w)[0] ?? w);
      const valueWords = typeof value === 'string' ? normWords(value) : [];
      return { key, value, score: matches(keyWords) * 2 + matches(valueWords) };
    })
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score);
  if (scored.length > 0) {
    const best = scored.filter((s) => s.score === scored[0].score).slice(0, 2);
    return `${p.title}: ${best.map((s) => valueText(s.key, s.value)).join('; ')}.`;
  }
  if (options.attributesOnly) return undefined;
  const texts = [...sentencesOf(p.description), ...sentencesOf(String(p.attributes.care ?? ''))];
  const best = texts.map((s) => ({ s, score: matches(normWords(s)) })).filter((x) => x.score > 0).sort((a, b) => b.score - a.score)[0];
  return best ? `About the ${p.title}: ${best.s.replace(/\.?$/, '.')}` : undefined;
}

import type { Product } from '../knowledge/types.ts';
import { machineSentence } from './machine-care.ts';
import { normWords } from './catalog-text.ts';
import { detailAnswer, LOAD, questionWords } from './product-details.ts';

/** A number of items: "6", "six", "a few". */
const COUNT = String.raw`(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|twelve|a (?:few|couple)|several)`;
/** ...not a measure, a price or a time ("6 cm", "20 euros", "3 days"). */
const NO_UNIT = String.raw`(?! ?(?:cm|mm|kg|l|ml|%|euros?|eur|days?|weeks?|months?|years?)\b)`;

/** What a customer can ask about one product. */
export type FactKind =
  | 'price' | 'stock' | 'material' | 'dimensions' | 'weight' | 'colour' | 'care' | 'dishwasher' | 'oven' | 'induction'
  | 'microwave' | 'seats' | 'delivery' | 'warranty' | 'assembly' | 'capacity' | 'power' | 'restock' | 'contents' | 'quantity'
  | 'detail' | 'overview';

/** Colour words a customer asks for ("do you do it in green?"), matched against the catalog's colour names. */
const COLOUR_WORDS = 'grey|gray|green|red|blue|black|white|beige|pink|yellow|brown|oat|sage|cream|navy|orange|purple|natural|terracotta|charcoal|ochre|rust|olive|teal|mustard|taupe|gold|silver';
/** "is it available in grey?" asks for a colour, not whether it is in stock. */
const AVAILABLE_IN_COLOUR = new RegExp(String.raw`\bavailable\s+in\s+(a\s+|the\s+)?(${COLOUR_WORDS})\b`, 'i');
const COLOUR_ASKED = new RegExp(String.raw`\b(${COLOUR_WORDS})\b`, 'i');

const CUES: Array<[FactKind, RegExp]> = [
  ['price', /\b(how much|price[sd]?|pricing|cost(s|ing)?|how many euros|what'?s it go(ing)? for|pay for)\b/i],
  ['stock', /\b(in stock|stock|available|availab|sold out|out of stock|any left|got any|left\?|in the warehouse|restock|back in|have (it|them|one|any) (in|left)|can i (buy|order|get) (it|one|them|that))\b/i],
  // "how many can I get", "can I order 10", "is there a limit": how many the shop can sell, i.e. its stock.
  ['quantity', new RegExp(String.raw`\bho?w many (?:(?:of (?:them|those|these|it) )?(?:can|could|may) (?:i|we|you) (?:get|buy|order|have|take|sell)|(?:do|have) you (?:got|have)|(?:are|is) (?:there )?(?:left|in stock|available)|left)\b|\b(?:limit|maximum|max)\b.{0,25}\b(?:how many|quantity|per (?:order|customer|person)|(?:buy|order|get))\b|\b(?:quantity|how many) limit\b|^\s*(?:and |ok(?:ay)? |so )?(?:(?:can|could|may) (?:i|we) (?:get|buy|order|have)|(?:do|have) you (?:got|have)) ${COUNT}${NO_UNIT}\b`, 'i')],
  ['material', /\b(made (of|from|out of)|materials?|what'?s it made|solid|real (wood|leather|oak|walnut|wool|linen|cotton|brass|marble|glass)|fabric|what (kind of )?(wood|metal|fabric)|is (it|this|that) (\w+ )?(oak|walnut|wool|linen|cotton|glass|metal|steel|plastic|wood|wooden|leather|ceramic|porcelain))\b/i],
  ['dimensions', /\b(sizes?|dimensions?|how (big|large|wide|tall|high|deep|small)|how long is (it|the|this|that)(?! (warranty|guarantee|delivery|shipping|return))|measure(ment)?s?|width|height|depth|length|diameter|fit (in|into|through|on|under)|(does|will|would|can) (it|this|that|they|the \w+) fit)\b/i],
  ['weight', /\b(weigh[st]?|weight|how heavy|heavy)\b/i],
  ['contents', /\b(how many (pieces|are there|in (the|a|each) (set|box|pack))|what'?s (in|inside|included in) (it|the (box|set|pack))|what'?s included|what does it (come with|include)|what comes with it|what do (you|i) get|in the box|come with (a |the )?(lid|filling|inner|cable|bulb|cord|cover|pillowcases?|legs)|(buy|order|get) (the |a |an )?[a-z]+( [a-z]+)? separately|(does|do|is|are) (the |a |an )?(filling|inner|insert|lid|cable|bulbs?|cord|legs|batteries|pillowcases?) (come|included|part)|(is|are) (the |a |an )?[a-z]+( [a-z]+)? included)\b/i],
  ['restock', /\b(back in stock|be back|restock(ed)?|come back|available again|get more in|when will (it|they|you) (have|get)|when (is|are) (it|they) back|when (it'?s|it is|they'?re|they are) back)\b/i],
  ['colour', new RegExp(String.raw`\b(colou?rs?|come (in|with) (a |other )?(\w+ )?(colou?r|${COLOUR_WORDS})|which colou?r|other colou?rs?|(it|that|this|them|they|those|these|one)\s+(also\s+|available\s+|possible\s+)?in\s+(a\s+|the\s+)?(${COLOUR_WORDS}))\b`, 'i')],
  ['dishwasher', /\bdish ?washer\b/i],
  ['oven', /\b(oven|grill safe|broiler)\b/i],
  ['microwave', /\bmicrowave(able| safe)?\b/i],
  ['induction', /\b(induction|hob|stove ?top|gas (hob|stove)|ceramic hob)\b/i],
  ['care', /\b(wash(ed|ing|able|er)?|clean(ed|ing)?|care|look after|maintain|maintenance|tumble|dr[yi]er|iron (it|them)|oil (it|them)|in(to)? the (\w+ )?machine)\b/i],
  ['seats', /\b(seats?|how many (people|persons|guests|of us)|sit \d+|fit \d+ people|room for \d+)\b/i],
  ['delivery', /\b(deliver(y|ed)?|ship(ping|ped)?|sen[dt] (it |them )?to|get (it|them|\w+ \w+) sent|arrive[sd]?|how long (to|until|before|(will|would|does|did) it take)|how (fast|quickly|soon)|when (can|will|would) (i|we) (get|have|receive))\b/i],
  // "can you guarantee it arrives before christmas" asks for a promise about delivery, not the warranty.
  ['warranty', /^(?!.*\bextend(ed|ing)?\b)(?!.*\bguarantee\b.{0,40}\b(arriv\w*|deliver\w*|get here|in time|before|by)\b).*\b(warranty|guarantee[de]?)\b/i],
  ['assembly', /\b(assembl\w*|put (it |them )?together|flat ?pack|build it)\b/i],
  ['capacity', /\b(capacity|how much (does it|can it|will it) hold|holds? how much|litres?|liters?|volume|how many (cups|litres))\b/i],
  ['power', /\b(watts?|wattage|power(ful)?)\b/i],
  ['overview', /\b(tell me (more )?about|info(rmation)?( on| about)?|details?|describe|what is (the|this|that)|what'?s (the|this|that) like|features?|spec(s|ification)?)\b/i],
];

/** A question (rather than a name or a statement): "does it do bagels", "can it charge my phone", "...?" */
const QUESTION = /\?\s*$|(^|[,;.!]\s*)((and|so|but|ok|okay|also|oh|ooh|hmm|right)[, ]+)?(does|do|is|are|can|could|will|would|how|what|which|where|when|has|have|should)\b/i;

/** The facts a message asks about, in a fixed order; "seats" is ignored inside product names ("3-seat sofa"). */
export function askedFacts(text: string): FactKind[] {
  const t = text.replace(/\b\d+[- ]seat(er)?\b/gi, '');
  const found = CUES.filter(([, re]) => re.test(t)).map(([k]) => k);
  // "dishwasher safe" is a care question answered by its own fact, not both; a restock question is not a stock one.
  // "how much can it carry?" asks a load, not a price: the catalog's load attribute answers it as a detail.
  if (LOAD.test(t)) return [...new Set([...found.filter((k) => k !== 'price' && k !== 'capacity'), 'detail' as const])];
  const kinds = found.filter((k) => !(found.includes('capacity') && /\bhold/i.test(t) && k === 'price') && !((found.includes('dishwasher') || found.includes('oven') || found.includes('microwave')) && k === 'care') && !(found.includes('restock') && k === 'stock') && !(found.includes('quantity') && k === 'stock') && !(k === 'stock' && AVAILABLE_IN_COLOUR.test(t)));
  return kinds.length > 0 ? kinds : QUESTION.test(t) ? ['detail'] : [];
}

export interface FactContext {
  /** Other products of the same family (same title before the comma), for "what colours does it come in". */
  siblings: Product[];
  money: (amount: number, currency: string) => string;
  /** Standard and freight delivery times as a sentence fragment for this product. */
  deliveryTime: (p: Product) => string;
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const attr = (p: Product, key: string) => (p.attributes[key] === undefined ? undefined : String(p.attributes[key]));

function stockSentence(p: Product): string {
  if (p.stock <= 0) return `${p.title} is currently out of stock.`;
  if (p.stock < 5) return `${p.title} is in stock, but only ${p.stock} left.`;
  return `${p.title} is in stock.`;
}

/** "Yes/No, ..." when the question names a material ("is it solid wood?"), else what it is made of. */
function materialSentence(p: Product, question: string): string {
  const material = attr(p, 'material');
  if (!material) return `I don't have the material of ${p.title} in our catalog.`;
  const m = /\b(solid wood|real wood|solid|wood(?:en)?|oak|walnut|wool|linen|cotton|glass|metal|steel|plastic|leather|ceramic|porcelain)\b/i.exec(question.replace(/\bmade of\b/i, ''));
  if (m && /^(is|are|does|do)\b|\?\s*$/i.test(question.trim())) {
    const asked = m[1].toLowerCase();
    const all = `${material} ${p.title} ${p.tags.join(' ')}`.toLowerCase();
    const woods = /\b(oak|walnut|acacia|teak|pine|birch|beech|ash|cedar|bamboo|wood|plywood)\b/;
    const yes =
      asked === 'solid' || asked === 'solid wood' || asked === 'real wood' ? /\bsolid\b/.test(all) && !/\bveneer\b/.test(material.toLowerCase()) :
      asked.startsWith('wood') ? woods.test(all) : all.includes(asked);
    return yes ? `Yes: ${p.title} is made of ${material}.` : `No: ${p.title} is made of ${material}.`;
  }
  return `${p.title} is made of ${material}.`;
}

const NUMBER_WORDS: Readonly<Record<string, number>> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12, both: 2 };
const QTY = String.raw`(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|twelve)`;
const QUANTITY = new RegExp(String.raw`\b(?:for|would|buy|get|need|order|of)\s+${QTY}\b(?!\s*(?:cm|mm|kg|l|ml|%|euros?|eur))|\b${QTY}\s+(?:of (?:them|those|these)|x\b|pieces|pcs|units|sets|chairs|mugs|plates|glasses)|\b${QTY}\s+(?:would|will)\s+(?:be|cost)`, 'i');

/** "how much would 4 be", "six of them": how many the customer means to buy (1 when not said). */
export function quantityIn(question: string): number {
  const m = QUANTITY.exec(question);
  const raw = m?.[1] ?? m?.[2] ?? m?.[3];
  if (!raw) return 1;
  const n = NUMBER_WORDS[raw.toLowerCase()] ?? Number(raw);
  return Number.isInteger(n) && n > 1 && n <= 50 ? n : 1;
}

/** How many can be bought: what is in stock (the shop states no other limit), checked against a number asked for. */
function quantitySentence(p: Product, question: string): string {
  if (p.stock <= 0) return `${p.title} is out of stock at the moment, so none can be ordered right now.`;
  const qty = quantityIn(question.replace(/\b(?:(?:can|could|may) (?:i|we) (?:get|buy|have)|(?:do|have) you (?:got|have))\b/i, 'order'));
  const have = p.stock < 5 ? `Only ${p.stock} of the ${p.title} ${p.stock === 1 ? 'is' : 'are'} left in stock` : `We have ${p.stock} of the ${p.title} in stock`;
  if (qty > 1 && qty <= p.stock) return `Yes, ${lower(have)}, so ${qty} is no problem.`;
  if (qty > 1) return `${have}, so right now you can order up to ${p.stock}, not ${qty}.`;
  return `${have} right now, so you can order up to ${p.stock}.`;
}

function priceSentence(p: Product, question: string, ctx: FactContext): string {
  const qty = quantityIn(question);
  const each = ctx.money(p.price, p.currency);
  const stock = p.stock <= 0 ? ', but it is currently out of stock' : qty > p.stock ? `, but only ${p.stock} are in stock` : '';
  return qty > 1 ? `${p.title} costs ${each} each, so ${qty} would be ${ctx.money(Math.round(p.price * qty * 100) / 100, p.currency)}${stock}.` : `${p.title} costs ${each}${stock}.`;
}

/** "will it fit an alcove of 150 cm": the product's width (first measure) against the space named. */
function fitSentence(p: Product, question: string, dims: string): string | undefined {
  const space = /(\d+(?:[.,]\d+)?)\s*(cm|m)\b/i.exec(question);
  if (!space || !/\bfit|room for|space\b/i.test(question)) return undefined;
  const available = Number(space[1].replace(',', '.')) * (space[2].toLowerCase() === 'm' ? 100 : 1);
  // "through a 75 cm door": it can be turned on its side, so its smallest side is what must pass.
  if (/\bthrough\b|\b(door|doorway|opening|stair(s|case|well)?|hallway|corridor|lift|elevator)\b/i.test(question)) {
    const smallest = Math.min(...dims.split('x').map((d) => Number(d.trim())).filter(Number.isFinite));
    if (!Number.isFinite(smallest)) return undefined;
    return smallest <= available
      ? `Yes, it should go through: the smallest side of ${p.title} is ${smallest} cm (${dims} cm overall), so it passes a ${available} cm opening on its side.`
      : `No, I'm afraid not: even on its side ${p.title} is ${smallest} cm (${dims} cm overall), ${Math.round((smallest - available) * 10) / 10} cm more than the ${available} cm opening.`;
  }
  const width = Number(dims.split('x')[0]);
  if (!Number.isFinite(width)) return undefined;
  return width <= available
    ? `Yes, it should fit: ${p.title} is ${width} cm wide (${dims} cm overall), so it fits a ${available} cm space.`
    : `No, I'm afraid not: ${p.title} is ${width} cm wide (${dims} cm overall), ${width - available} cm more than ${available} cm.`;
}

function dimensionSentence(p: Product, question: string): string {
  const dims = attr(p, 'dimensions_cm');
  const fit = dims && /x/.test(dims) ? fitSentence(p, question, dims) : undefined;
  if (fit) return fit;
  const parts: string[] = [];
  if (attr(p, 'sizes')) parts.push(`comes in sizes ${attr(p, 'sizes')}`);
  // "6, 9 and 12 tall": the unit goes after the numbers, before the word.
  if (dims) parts.push(/x/.test(dims) ? `measures ${dims} cm` : /[a-z]/i.test(dims) ? `is ${dims.replace(/(\d)(\s+[a-z]+)$/i, '$1 cm$2')}` : `is ${dims} cm`);
  if (attr(p, 'diameter_cm')) parts.push(`is ${attr(p, 'diameter_cm')} cm across`);
  if (attr(p, 'seat_height_cm')) parts.push(`has a seat height of ${attr(p, 'seat_height_cm')} cm`);
  if (attr(p, 'blade_length_cm')) parts.push(`has a ${attr(p, 'blade_length_cm')} cm blade`);
  if (parts.length === 0) return `The size is in the name: ${p.title}. I don't have more exact measurements in our catalog.`;
  return `${p.title} ${parts.join(' and ')}.`;
}

function colourSentence(p: Product, question: string, ctx: FactContext): string {
  const family = [p, ...ctx.siblings].sort((a, b) => (a.id < b.id ? -1 : 1));
  const colours = family.map((x) => attr(x, 'colour')).filter((c): c is string => Boolean(c));
  // "do you do it in green?": yes or no for that colour first, then what there is.
  const wanted = COLOUR_ASKED.exec(question)?.[1].toLowerCase().replace('gray', 'grey');
  if (wanted && colours.length > 0) {
    const inColour = family.filter((x) => String(attr(x, 'colour') ?? '').toLowerCase().includes(wanted));
    const range = family.length > 1 ? `comes in ${joinOr([...new Set(colours)], 'and')}` : `comes only in ${colours[0]}`;
    if (inColour.length === 0) return `No, not in ${wanted}: ${p.title.split(',')[0]} ${range}.`;
    if (!inColour.includes(p)) return `Yes: the ${wanted} one is ${inColour[0].title} (${inColour[0].id}).`;
    return `Yes, ${p.title} is ${attr(p, 'colour')}.`;
  }
  if (family.length > 1) return `${p.title.split(',')[0]} comes in ${joinOr([...new Set(colours)], 'and')}.`;
  return colours[0] ? `${p.title} comes in ${colours[0]}; it is the only colour we have.` : `I don't have a colour for ${p.title} in our catalog.`;
}

function yesNoFromText(source: string | undefined, yes: RegExp, no: RegExp): boolean | undefined {
  if (!source) return undefined;
  if (no.test(source)) return false;
  if (yes.test(source)) return true;
  return undefined;
}

function careSentence(p: Product, fact: 'care' | 'dishwasher' | 'oven' | 'induction' | 'microwave', question = ''): string {
  const care = attr(p, 'care');
  const hob = attr(p, 'hob');
  const source = `${care ?? ''}; ${hob ?? ''}; ${p.tags.join(', ')}; ${p.description}`;
  if (fact === 'care') return (care && machineSentence(p, care, question)) ?? (care ? `To look after ${p.title}: ${lower(care)}.` : (detailAnswer(p, 'wash clean care washable') ?? `I don't have care instructions for ${p.title} in our catalog.`));
  if (fact === 'dishwasher') {
    const ok = yesNoFromText(`${care ?? ''}`, /dishwasher safe|dishwasher-safe/i, /not dishwasher|hand wash only|hand wash\b/i);
    if (ok === undefined) return `Our catalog doesn't say whether ${p.title} is dishwasher safe${care ? `; its care note says: ${lower(care)}` : ''}.`;
    return ok ? `Yes, ${p.title} is dishwasher safe${care ? ` (${lower(care)})` : ''}.` : `No, ${p.title} is not dishwasher safe: ${lower(care!)}.`;
  }
  if (fact === 'microwave') {
    const ok = yesNoFromText(source, /microwave[- ]safe|in the microwave|microwaveable/i, /not (for |microwave|in the )?microwave|no microwave|not microwave[- ]safe/i);
    if (ok === undefined) return `Our catalog doesn't say whether ${p.title} can go in the microwave, so I can't promise it can.`;
    return ok ? `Yes, ${p.title} can go in the microwave.` : `No, ${p.title} should not go in the microwave${care ? ` (care: ${lower(care)})` : ''}.`;
  }
  if (fact === 'oven') {
    const max = attr(p, 'oven_max_c') ?? /oven safe (?:up )?to (\d+) ?°C/i.exec(source)?.[1];
    const ok = yesNoFromText(source, /oven safe|oven-safe|in the oven/i, /not oven safe|not oven-safe/i);
    if (ok === undefined) return `Our catalog doesn't say whether ${p.title} is oven safe, so I can't promise it is.`;
    return ok ? `Yes, ${p.title} is oven safe${max ? ` up to ${max} °C` : ''}.` : `No, ${p.title} is not oven safe.`;
  }
  const ok = yesNoFromText(source, /induction/i, /not (suitable )?for induction|no induction/i);
  if (ok === undefined) return `Our catalog doesn't say which hobs ${p.title} works on.`;
  return ok ? `Yes, ${p.title} works on ${hob ? lower(hob) : 'induction hobs'}.` : `No, ${p.title} does not work on induction hobs.`;
}

function seatsSentence(p: Product, question: string): string {
  const seats = Number(attr(p, 'seats') ?? /(\d+)[- ]seat/i.exec(p.title)?.[1] ?? NaN);
  if (Number.isNaN(seats)) return `I don't have a seat count for ${p.title} in our catalog.`;
  const asked = Number(/\b(\d+|six|four|eight|two|three|five|seven|ten)\b\s*(people|persons|guests|of us)?/i.exec(question.replace(/\b\d+[- ]seat(er)?\b/gi, ''))?.[1]?.replace(/^(two|three|four|five|six|seven|eight|ten)$/i, (w) => String(['two', 'three', 'four', 'five', 'six', 'seven', 'eight', '', 'ten'].indexOf(w.toLowerCase()) + 2)) ?? NaN);
  if (!Number.isNaN(asked)) return asked <= seats ? `Yes, ${p.title} seats ${seats} people.` : `No, ${p.title} seats ${seats} people, not ${asked}.`;
  return `${p.title} seats ${seats} people.`;
}

/** One natural sentence answering `fact` about `p` from the catalog; never a guess (an unknown is said as such). */
export function factSentence(p: Product, fact: FactKind, question: string, ctx: FactContext): string {
  switch (fact) {
    case 'price':
      return priceSentence(p, question, ctx);
    case 'stock':
      return stockSentence(p);
    case 'material':
      return materialSentence(p, question);
    case 'dimensions':
      return dimensionSentence(p, question);
    case 'weight':
      return attr(p, 'weight_kg') ? `${p.title} weighs ${attr(p, 'weight_kg')} kg.` : `I don't have the weight of ${p.title} in our catalog.`;
    case 'colour':
      return colourSentence(p, question, ctx);
    case 'care':
    case 'dishwasher':
    case 'oven':
    case 'induction':
    case 'microwave':
      return careSentence(p, fact, question);
    case 'seats':
      return seatsSentence(p, question);
    case 'delivery':
      return p.stock <= 0 ? `${p.title} is out of stock at the moment, so it cannot ship yet.` : `${p.title} ${ctx.deliveryTime(p)}`;
    case 'warranty':
      // Without a product-specific term the warranty policy answers (callers look it up); never a guessed number.
      return attr(p, 'warranty_years') ? `${p.title} comes with a ${attr(p, 'warranty_years')}-year warranty.` : `The ${p.title} is covered by the guarantee in our warranty policy.`;
    case 'assembly':
      return attr(p, 'assembly') ? `Assembly of ${p.title}: ${attr(p, 'assembly')}.` : `${p.title} needs no assembly.`;
    case 'capacity': {
      const cap = attr(p, 'capacity_l') ? `${attr(p, 'capacity_l')} litres` : attr(p, 'capacity_ml') ? `${attr(p, 'capacity_ml')} ml` : attr(p, 'bowl_l') ? `${attr(p, 'bowl_l')} litres` : undefined;
      return cap ? `${p.title} holds ${cap}.` : `I don't have a capacity for ${p.title} in our catalog.`;
    }
    case 'power':
      return attr(p, 'power_w') ? `${p.title} has ${attr(p, 'power_w')} W.` : `I don't have a power rating for ${p.title} in our catalog.`;
    case 'contents': {
      // "pieces: 3" is a count ("3 pieces"), where contents and accessories are lists.
      const pieces = attr(p, 'pieces');
      const parts = [attr(p, 'contents'), attr(p, 'accessories'), pieces && /^\d+$/.test(pieces) ? `${pieces} pieces` : pieces].filter(Boolean);
      if (parts.length > 0) return `${p.title} comes with: ${parts.join('; ')}.`;
      const part = /\b(lid|filling|inner|insert|cable|bulbs?|cord|legs|batteries|cover|pillowcases?|saucers?|stand|case)\b/i.exec(question)?.[1];
      if (part && new RegExp(`\\bwith (a |an )?(\\w+ )?${part}`, 'i').test(p.title)) return `Yes, ${p.title} comes with ${/s$/i.test(part) ? 'its' : 'a'} ${part.toLowerCase()}.`;
      // "cushion inner sold separately": the sentence of the description that says what is (not) included.
      const included = p.description.split(/(?<=[.!?;])\s+/).filter((s) => INCLUDED.test(s)).map((s) => s[0].toUpperCase() + s.slice(1).replace(/;$/, '.'));
      return included.length > 0 ? `${p.title}: ${included.join(' ')}` : (detailAnswer(p, question) ?? `${p.title}: ${p.description}`);
    }
    case 'quantity':
      return quantitySentence(p, question);
    case 'restock':
      return p.stock > 0 ? `${p.title} is in stock right now.` : `${p.title} is out of stock at the moment, and I don't have a restock date for it.`;
    case 'detail': {
      const asked = questionWords(question, p).slice(0, 3);
      // "is the fig candle scented?": a word of its tags ("scented candle") answers yes.
      const tags = new Set(normWords(p.tags.join(' ')));
      if (asked.length > 0 && asked.every((w) => tags.has(w)) && !detailAnswer(p, question)) return `Yes, ${p.title} is ${asked.join(' ')}.`;
      return detailAnswer(p, question) ?? `Our catalog doesn't say anything${asked.length ? ` about "${asked.join(' ')}"` : ''} for the ${p.title}, so I can't confirm it; a member of our team can check for you.`;
    }
    case 'overview':
      return `${p.title}: ${p.description} It costs ${ctx.money(p.price, p.currency)} and ${p.stock > 0 ? 'is in stock' : 'is currently out of stock'}.`;
  }
}

const INCLUDED = /\b(included|includes|including|sold separately|comes? with|supplied|delivered with|not included)\b/i;

/** The comparable value behind a fact, so several candidate products can be answered at once when they agree. */
export function factValue(p: Product, fact: FactKind): string {
  switch (fact) {
    case 'price':
      return `${p.price} ${p.currency}`;
    case 'stock':
      return p.stock > 0 ? 'in' : 'out';
    case 'quantity':
      return String(p.stock);
    default:
      return JSON.stringify([fact, p.attributes.material, p.attributes.dimensions_cm, p.attributes.care, p.attributes.hob, p.attributes.seats, p.attributes.weight_kg]);
  }
}

export function joinOr(items: string[], word: 'or' | 'and' = 'or'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${word} ${items.at(-1)}`;
}

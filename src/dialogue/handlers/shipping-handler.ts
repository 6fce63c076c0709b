import type { Reply } from '../../core/message.ts';
import type { ShippingMethodRule, ShippingRules, ShippingZone } from '../../knowledge/types.ts';
import { firstEntity, money, text, type DialogueInput } from '../dialogue-input.ts';

const countryName = (code: string) => new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? code;
/** "the Netherlands", "the United Kingdom", but "Belgium". */
export function countryLabel(code: string): string {
  const name = countryName(code);
  return ['NL', 'GB', 'US', 'CZ', 'AE', 'PH'].includes(code) ? `the ${name}` : name;
}

export function zoneFor(rules: ShippingRules, country: string): ShippingZone | undefined {
  return rules.zones.find((z) => z.countries.includes(country));
}

const CUSTOMS = /\b(customs|duties|duty|import (vat|tax(es)?|fees?)|clearance)\b/i;

const days = ([a, b]: [number, number]) => (a === b ? `${a} working day${a === 1 ? '' : 's'}` : `${a} to ${b} working days`);

function methodLine(m: ShippingMethodRule, currency: string): string {
  const price = m.freeFrom !== undefined ? `${money(m.price, currency)} (free from ${money(m.freeFrom, currency)})` : `${money(m.price, currency)}${m.method === 'standard' ? ', with no free-shipping threshold' : ''}`;
  return `${m.method} delivery costs ${price} and takes ${days(m.days)}`;
}

/** Delivery to one country: cost, free-shipping threshold, times, express or not, and the zone's caveat. */
export function shippingAnswer(rules: ShippingRules, country: string, currency: string, focus?: 'express' | 'standard'): string {
  const zone = zoneFor(rules, country);
  const where = countryLabel(country);
  if (!zone) return `Sorry, we don't deliver to ${where}. ${rules.notServedNote}`;
  const offered = zone.methods.filter((m) => !m.countries || m.countries.includes(country));
  const missing = zone.methods.some((m) => m.method === 'express') ? !offered.some((m) => m.method === 'express') : true;
  const lines = offered.map((m) => methodLine(m, currency));
  const express = rules.zones.flatMap((z) => z.methods.filter((m) => m.method === 'express').flatMap((m) => m.countries ?? z.countries));
  const expressNote = missing ? `Express delivery isn't available to ${where}${express.length > 0 ? `; it is offered only to ${express.map(countryLabel).join(', ')}` : ''}.` : '';
  const sentences = focus === 'express' && missing ? [`Sorry, ${expressNote.charAt(0).toLowerCase()}${expressNote.slice(1)}`, `To ${where}, ${lines.join('; ')}.`] : [`To ${where}, ${lines.join('; ')}.`, expressNote];
  if (zone.note) sentences.push(zone.note);
  return sentences.filter(Boolean).join(' ');
}

/**
 * Country-specific delivery facts from shop.yaml (`shipping:`); declines (undefined) without a country, so the
 * intent's next response (the FAQ) answers the general question.
 */
export async function answerShipping(input: DialogueInput): Promise<Reply[] | undefined> {
  const { nlu, deps, state } = input;
  const named = firstEntity(nlu, 'country');
  // "how long does it take to get there?" after a question about Norway: the country just discussed.
  const refersBack = input.followUp || /\b(there|that country|to them)\b/i.test(nlu.text) || (state.focus.country !== undefined && nlu.text.split(/\s+/).length <= 10 && /^\s*(ok|okay|and|so|what about|how about)\b/i.test(nlu.text));
  const country = named ?? (refersBack ? state.focus.country : undefined);
  if (!country) return undefined;
  state.focus.country = country;
  if (CUSTOMS.test(nlu.text)) {
    // "do I pay customs on top?": the zone's customs note, or that there is none.
    const zone = zoneFor(deps.profile.shipping, country);
    if (zone) return [text(zone.note && CUSTOMS.test(zone.note) ? `For ${countryLabel(country)}, yes: ${zone.note.charAt(0).toLowerCase()}${zone.note.slice(1)}` : `No, there are no customs charges for ${countryLabel(country)}: it is inside the EU customs territory and our prices include VAT.`)];
  }
  const focus = /\bexpress|fast(er|est)?|next day|quick(er|est)?\b/i.test(nlu.text) ? 'express' : undefined;
  return [text(shippingAnswer(deps.profile.shipping, country, deps.profile.currency, focus))];
}

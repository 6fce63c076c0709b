import type { FactContext } from '../../catalog/product-facts.ts';
import type { Product } from '../../knowledge/types.ts';
import { firstEntity, money, type DialogueInput } from '../dialogue-input.ts';
import { countryLabel, zoneFor } from './shipping-handler.ts';

/**
 * Context for fact sentences: sibling variants (same title before the comma), money format, and delivery times for
 * the country asked about (this message, or earlier in the conversation), from shop.yaml's shipping rules.
 */
export function factContext(input: DialogueInput, p?: Product): FactContext {
  const { deps, nlu, state } = input;
  const rules = deps.profile.shipping;
  const currency = deps.profile.currency;
  const base = (x: Product) => x.title.split(',')[0].trim();
  const country = (firstEntity(nlu, 'country') as string | undefined) ?? state.focus.country;
  return {
    siblings: p && p.title.includes(',') ? deps.catalog.list().filter((q) => q.id !== p.id && base(q) === base(p)) : [],
    money,
    deliveryTime: (x) => {
      const zone = country ? zoneFor(rules, country) : rules.zones[0];
      const where = country ? ` to ${countryLabel(country)}` : '';
      if (!zone) return `cannot be delivered${where}: ${rules.notServedNote}`;
      const weight = Number(x.attributes.weight_kg ?? 0);
      const freight = rules.freight && weight >= rules.freight.minWeightKg;
      if (freight && zone !== rules.zones[0]) return `cannot be shipped${where}: ${zone.note ?? 'large furniture is only delivered within our home zone.'}`;
      if (freight) return `is delivered${where} in ${rules.freight!.days[0]} to ${rules.freight!.days[1]} working days. ${rules.freight!.note}`;
      const offered = zone.methods.filter((m) => !m.countries || !country || m.countries.includes(country));
      const standard = offered.find((m) => m.method === 'standard');
      const express = offered.find((m) => m.method === 'express');
      const cost = standard ? ` (${money(standard.price, currency)}${standard.freeFrom !== undefined ? `, free from ${money(standard.freeFrom, currency)}` : ''})` : '';
      const note = zone !== rules.zones[0] && zone.note ? ` ${zone.note}` : '';
      return `ships from stock${where}: standard delivery takes ${standard?.days[0]} to ${standard?.days[1]} working days${cost}${express ? `, express ${express.days[0]} to ${express.days[1]} working days (${money(express.price, currency)})` : ''}.${note}`;
    },
  };
}

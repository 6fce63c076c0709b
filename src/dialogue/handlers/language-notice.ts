import type { Reply } from '../../core/message.ts';
import { quick, type DialogueInput } from '../dialogue-input.ts';

/**
 * "I answer in English; write in English or talk to a person", in the customer's language where we have the sentence
 * (written by us, checked with native speakers' usual phrasing), always followed by the English one.
 */
const NOTICE: Readonly<Record<string, string>> = {
  de: 'Entschuldigung, ich kann leider nur auf Englisch antworten. Schreiben Sie mir gern auf Englisch, oder ich verbinde Sie mit einer Person aus unserem Team.',
  nl: 'Sorry, ik kan alleen in het Engels antwoorden. Schrijf me gerust in het Engels, of ik verbind je door met een medewerker van ons team.',
  fr: "Désolé, je ne peux répondre qu'en anglais. Écrivez-moi en anglais, ou je peux vous mettre en relation avec une personne de notre équipe.",
  es: 'Lo siento, solo puedo responder en inglés. Escríbeme en inglés o puedo pasarte con una persona de nuestro equipo.',
  it: 'Mi dispiace, posso rispondere solo in inglese. Scrivimi in inglese oppure posso metterti in contatto con una persona del nostro team.',
  pt: 'Desculpe, só consigo responder em inglês. Escreva-me em inglês ou posso passá-lo a uma pessoa da nossa equipa.',
  pl: 'Przepraszam, mogę odpowiadać tylko po angielsku. Napisz do mnie po angielsku albo połączę Cię z osobą z naszego zespołu.',
  sv: 'Tyvärr kan jag bara svara på engelska. Skriv gärna till mig på engelska, eller så kopplar jag dig till någon i vårt team.',
  da: 'Beklager, jeg kan kun svare på engelsk. Skriv gerne til mig på engelsk, eller jeg kan sætte dig i kontakt med en person fra vores team.',
};

const PERSON: Readonly<Record<string, string>> = {
  de: 'Mit einer Person sprechen', nl: 'Met een medewerker praten', fr: 'Parler à une personne', es: 'Hablar con una persona',
  it: 'Parlare con una persona', pt: 'Falar com uma pessoa', pl: 'Rozmowa z osobą', sv: 'Prata med en person', da: 'Tal med en person',
};

const ENGLISH = "I'm sorry, I can only answer in English. Please write to me in English, or I can pass you to a member of our team.";

export function hasNoticeFor(language: string): boolean {
  return language in NOTICE;
}

/** The reply to a message in another language than the shop's: never the out-of-scope refusal. */
export async function languageNotice(input: DialogueInput, language: string): Promise<Reply[]> {
  const local = NOTICE[language];
  const label = PERSON[language];
  return [quick(local ? `${local}\n\n${ENGLISH}` : ENGLISH, [label ? `${label} / Talk to a person` : 'Talk to a person'])];
}

/** The localised quick reply maps back to a handoff request, whatever the classifier makes of it. */
export function isPersonLabel(text: string): boolean {
  const t = text.trim().toLowerCase();
  return Object.values(PERSON).some((label) => t === `${label} / talk to a person`.toLowerCase() || t === label.toLowerCase());
}

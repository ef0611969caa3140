/**
 * How many people an inquiry's message speaks of, as clients write it in Bulgarian, Russian
 * and English: "Охрид за двама", "нас трое", "2 души", "3 человека", "for two". A guess that
 * fills the booking form's seats; staff correct it. Null when the message does not say.
 */
const WORDS: [RegExp, number][] = [
  [/(^|[^\p{L}])(двама|две|двете|двамата|двоє|двое|вдвоём|вдвоем|двоих|two|couple)(?=[^\p{L}]|$)/iu, 2],
  [/(^|[^\p{L}])(трима|трое|троих|втроём|втроем|three)(?=[^\p{L}]|$)/iu, 3],
  [/(^|[^\p{L}])(четирима|четверо|четверых|вчетвером|four)(?=[^\p{L}]|$)/iu, 4],
  [/(^|[^\p{L}])(петима|пятеро|пятерых|five)(?=[^\p{L}]|$)/iu, 5],
  [/(^|[^\p{L}])(шестима|шестеро|six)(?=[^\p{L}]|$)/iu, 6],
];

/** A number followed by a word for people (or "x2"). */
const COUNTED = /(\d{1,2})\s*(души|човека|човек|възрастни|пътници|места|место|места|человека|человек|людей|взрослых|мест|persons?|people|adults|seats|pax|чел\.?)(?=[^\p{L}]|$)/iu;

export function peopleInMessage(message: string | null | undefined): number | null {
  if (!message) return null;
  const counted = COUNTED.exec(message);
  if (counted) {
    const n = Number(counted[1]);
    return n >= 1 && n <= 60 ? n : null;
  }
  for (const [pattern, n] of WORDS) if (pattern.test(message)) return n;
  return null;
}

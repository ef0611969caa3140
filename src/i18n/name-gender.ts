/**
 * The grammatical gender a traveller's name suggests, for the words that agree with it
 * (Russian "не явился / не явилась", Bulgarian "качен / качена"). The agencies' travellers
 * carry Slavic surnames and patronymics, whose endings say it reliably (Иванова, Петрова,
 * Ивановна; Ivanova in Latin letters); given names alone do not (Никита, Никола are men),
 * so they are not read. A name that says nothing gets the language's neutral wording.
 */
export type NameGender = 'female' | 'male' | 'other';

const FEMALE = [/(ова|ева|ёва|ина|ына|ая|вна|чна)$/u, /(ova|eva|ina|yna|aya|skaya|vna|chna)$/];
const MALE = [/(ов|ев|ёв|ин|ын|ий|ой|вич|ич)$/u, /(ov|ev|in|yn|sky|ski|skiy|skii|vich|ich)$/];

export function genderOfName(name: string): NameGender {
  const words = name
    .toLowerCase()
    .split(/[\s,.]+/u)
    .filter((word) => word.length >= 4);
  // A female ending is checked first: every one of them extends a male one (-ов / -ова).
  if (words.some((word) => FEMALE.some((ending) => ending.test(word)))) return 'female';
  if (words.some((word) => MALE.some((ending) => ending.test(word)))) return 'male';
  return 'other';
}

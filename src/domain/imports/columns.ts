/**
 * Which column holds what, from the header as agencies write it in English, Russian and
 * Bulgarian (and as Excel, U-ON.Travel and Bitrix24 export it).
 */
import { foldText } from '../contacts/phone.js';

export const IMPORT_FIELDS = ['name', 'firstName', 'middleName', 'lastName', 'phone', 'email', 'tags', 'birthDate', 'notes', 'marketingOptIn', 'locale'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Header words per field, folded (lower case, ё as е, no spaces or punctuation). */
const HEADERS: Record<ImportField, string[]> = {
  name: ['name', 'fullname', 'client', 'clientname', 'contact', 'contactname', 'имя', 'фио', 'клиент', 'имяклиента', 'полноеимя', 'име', 'именаклиент', 'имена', 'трииимена', 'пълноиме'],
  firstName: ['firstname', 'givenname', 'собственоиме'],
  middleName: ['middlename', 'patronymic', 'отчество', 'презиме'],
  lastName: ['lastname', 'surname', 'familyname', 'фамилия'],
  phone: ['phone', 'phonenumber', 'mobile', 'mobilephone', 'cell', 'tel', 'telephone', 'телефон', 'тел', 'мобильный', 'мобильныйтелефон', 'сотовый', 'номертелефона', 'мобилен', 'мобилентелефон', 'gsm'],
  email: ['email', 'emailaddress', 'mail', 'почта', 'электроннаяпочта', 'элпочта', 'емейл', 'имейл', 'имэйл', 'имеил', 'електроннапоща', 'поща', 'емайл'],
  tags: ['tags', 'tag', 'labels', 'метки', 'теги', 'метка', 'етикети', 'етикет', 'тагове'],
  birthDate: ['birthdate', 'dateofbirth', 'birthday', 'dob', 'датарождения', 'деньрождения', 'др', 'датанараждане', 'рожденден'],
  notes: ['notes', 'note', 'comment', 'comments', 'remarks', 'заметки', 'примечание', 'примечания', 'комментарий', 'комментарии', 'бележки', 'бележка', 'коментар', 'коментари'],
  marketingOptIn: ['marketingoptin', 'optin', 'consent', 'marketingconsent', 'newsletter', 'subscribed', 'согласие', 'согласиенарассылку', 'рассылка', 'подписка', 'съгласие', 'съгласиезабюлетин', 'бюлетин', 'абонамент'],
  locale: ['language', 'locale', 'lang', 'язык', 'език'],
};

const foldHeader = (header: string) => foldText(header).replace(/[^\p{L}\p{N}]/gu, '');

const FIELD_OF = new Map<string, ImportField>(Object.entries(HEADERS).flatMap(([field, words]) => words.map((word) => [word, field as ImportField])));

export interface Columns {
  /** The columns of each field, in file order (a second phone column is read after the first). */
  of: Map<ImportField, number[]>;
  /** Every header with the field it was read as, or null when it is not read. */
  read: { header: string; field: ImportField | null }[];
}

/**
 * Headers to fields. "Имя" names the person unless the file also has a surname column; then
 * it is the first name, and the name is put together from the parts in the file's order.
 */
export function recogniseColumns(header: string[]): Columns {
  const fields = header.map((text) => FIELD_OF.get(foldHeader(text)) ?? null);
  const hasParts = fields.includes('lastName') || fields.includes('middleName') || fields.includes('firstName');
  const read = header.map((text, i) => {
    const field = fields[i] ?? null;
    return { header: text, field: field === 'name' && hasParts && !fields.some((other, j) => j !== i && other === 'name') ? ('firstName' as const) : field };
  });
  const of = new Map<ImportField, number[]>();
  read.forEach(({ field }, i) => {
    if (field) of.set(field, [...(of.get(field) ?? []), i]);
  });
  return { of, read };
}

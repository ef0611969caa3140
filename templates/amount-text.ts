/** Minor units as an amount field shows them, with the reader's decimal sign: "150,00" in bg/ru, "150.00" in en. */
export function amountText(minor: number, digits: number, locale: string): string {
  const text = (minor / 10 ** digits).toFixed(digits);
  return locale === 'en' ? text : text.replace('.', ',');
}

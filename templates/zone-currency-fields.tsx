/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Tr } from './tr.js';

/** The zones the agencies' trips start in, offered first; every other zone follows. */
const USUAL_ZONES = [
  'Europe/Sofia',
  'Europe/Moscow',
  'Europe/Istanbul',
  'Europe/Athens',
  'Europe/Bucharest',
  'Europe/Belgrade',
  'Europe/Skopje',
  'Europe/Chisinau',
  'Europe/Minsk',
  'Europe/Kaliningrad',
  'Europe/Vienna',
  'Europe/Berlin',
];

/** The currencies the agencies sell in, offered first. */
const USUAL_CURRENCIES = ['EUR', 'BGN', 'RUB', 'USD', 'TRY', 'RON', 'RSD', 'MKD', 'GBP', 'CHF'];

const supported = (kind: 'timeZone' | 'currency'): string[] => {
  try {
    return Intl.supportedValuesOf(kind);
  } catch {
    return [];
  }
};
const ALL_ZONES = supported('timeZone');
const ALL_CURRENCIES = supported('currency');

/** The usual values with the current one (and the agency's) in front when they are not among them: an unusual value is kept, never lost. */
const usualWith = (usual: string[], ...current: string[]) => [...new Set([...current.filter((v) => v && !usual.includes(v)), ...usual])];

const currencyNames = new Map<string, Intl.DisplayNames | null>();
function currencyName(locale: string, code: string): string {
  if (!currencyNames.has(locale)) {
    try {
      currencyNames.set(locale, new Intl.DisplayNames(locale, { type: 'currency' }));
    } catch {
      currencyNames.set(locale, null);
    }
  }
  try {
    const name = currencyNames.get(locale)?.of(code);
    return name && name !== code ? `${code} · ${name}` : code;
  } catch {
    return code;
  }
}

function FieldShell(props: { id: string; label: string; error: string | undefined; children: unknown }) {
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.children}
      {props.error && (
        <span class="error" id={`${props.id}-error`}>
          {props.error}
        </span>
      )}
    </div>
  );
}

/** The trip's zone as a choice: the agencies' zones named in words first, then every zone the platform knows. */
export function ZoneSelect(props: { tr: Tr; name: string; value: string; agencyZone: string; error?: string | undefined; at?: number | undefined }) {
  const { tr } = props;
  const id = `f-${props.name}`;
  const usual = usualWith(USUAL_ZONES, props.value, props.agencyZone);
  return (
    <FieldShell id={id} label={tr.t('deskDetails.timeZone')} error={props.error}>
      <select id={id} name={props.name} required aria-invalid={props.error ? 'true' : undefined} aria-describedby={props.error ? `${id}-error` : undefined}>
        <optgroup label={tr.t('deskDetails.zonesUsual')}>
          {usual.map((zone) => (
            <option value={zone} selected={zone === props.value}>
              {zone.replace(/_/g, ' ')} · {tr.zoneName(zone, props.at)}
            </option>
          ))}
        </optgroup>
        <optgroup label={tr.t('deskDetails.zonesAll')}>
          {ALL_ZONES.filter((zone) => !usual.includes(zone)).map((zone) => (
            <option value={zone}>{zone.replace(/_/g, ' ')}</option>
          ))}
        </optgroup>
      </select>
    </FieldShell>
  );
}

/** The trip's currency as a choice: the usual ones first with their names, then every currency code. */
export function CurrencySelect(props: { tr: Tr; name: string; value: string; agencyCurrency: string; error?: string | undefined }) {
  const { tr } = props;
  const id = `f-${props.name}`;
  const value = props.value.trim().toUpperCase();
  const usual = usualWith(USUAL_CURRENCIES, value, props.agencyCurrency.toUpperCase());
  return (
    <FieldShell id={id} label={tr.t('report.currency')} error={props.error}>
      <select id={id} name={props.name} required aria-invalid={props.error ? 'true' : undefined} aria-describedby={props.error ? `${id}-error` : undefined}>
        <optgroup label={tr.t('deskDetails.currenciesUsual')}>
          {usual.map((code) => (
            <option value={code} selected={code === value}>
              {currencyName(tr.locale, code)}
            </option>
          ))}
        </optgroup>
        <optgroup label={tr.t('deskDetails.currenciesOther')}>
          {ALL_CURRENCIES.filter((code) => !usual.includes(code)).map((code) => (
            <option value={code}>{code}</option>
          ))}
        </optgroup>
      </select>
    </FieldShell>
  );
}

/** The seat id's shape (XXXX-XXXX-XXXX, Crockford base 32), checked early as a hint; the core decides. */
import type { TFunction } from 'i18next';
import type { Rule } from 'antd/es/form';

export const SEAT_ID = /^\s*[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}\s*$/i;

export function seatRules(t: TFunction, required = false): Rule[] {
  return [
    ...(required ? [{ required: true, whitespace: true, message: t('seats.seatRequired') }] : []),
    { pattern: SEAT_ID, message: t('errors.seat.invalid') },
  ];
}

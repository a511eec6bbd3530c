/** The seat id's shape, checked early as a hint with the one shared parser; the router decides. */
import type { TFunction } from 'i18next';
import type { Rule } from 'antd/es/form';
import { normaliseSeatId } from '../../../shared/seat-id';

export function seatRules(t: TFunction, required = false): Rule[] {
  return [
    ...(required ? [{ required: true, whitespace: true, message: t('seats.seatRequired') }] : []),
    {
      validator: (_rule, value: unknown) =>
        typeof value !== 'string' || value.trim() === '' || normaliseSeatId(value) !== null
          ? Promise.resolve()
          : Promise.reject(new Error(t('errors.seat.invalid'))),
    },
  ];
}

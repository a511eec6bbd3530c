/**
 * Schema 14 (cases): a value's blind-index token beside it, as a column (`<column>_token`), not a
 * row of `case_lookup`. A token is a property of one value, and half a million rows an import
 * (each with its case-id lookup, foreign-key check and two index entries) were most of the
 * commit's time on a floor (docs/import-ceremony.md, "Limits"). Name, ID and card tokens are
 * carried over. Phone tokens are not: `case_lookup` did not say which phone a token was (mobile,
 * home or a contact). Only builds before the first release wrote it; a case imported by one is
 * not found by its phones.
 */

/** The PII columns with a blind index, and the search field each answers. */
export const TOKEN_COLUMNS = {
  name: 'name',
  id_number: 'id',
  card_number: 'card',
  mobile: 'phone',
  home_phone: 'phone',
} as const;

/** The tokens case_lookup held one of a case (its `field` says which column it was). */
const carried = ['name', 'id_number', 'card_number'] as const;

const tokenDdl = (type: string, using: string): string => `
  ${Object.keys(TOKEN_COLUMNS)
    .map((c) => `ALTER TABLE cases ADD COLUMN ${c}_token ${type};`)
    .join('\n  ')}
  ALTER TABLE case_contacts ADD COLUMN phone_token ${type};
  UPDATE cases SET
    ${carried.map((c) => `${c}_token = (SELECT l.token FROM case_lookup l WHERE l.case_id = cases.id AND l.field = '${TOKEN_COLUMNS[c]}' LIMIT 1)`).join(',\n    ')};
  DROP TABLE case_lookup;
  ${Object.keys(TOKEN_COLUMNS)
    .map((c) => `CREATE INDEX cases_${c}_token ON cases ${using}(${c}_token) WHERE ${c}_token IS NOT NULL;`)
    .join('\n  ')}
  CREATE INDEX case_contacts_phone_token ON case_contacts ${using}(phone_token) WHERE phone_token IS NOT NULL;
`;

export const cases0014 = {
  version: 14,
  name: 'token-columns',
  up: tokenDdl('BLOB', ''),
} as const;

/** Hash indexes: a token is only ever matched whole, and they are cheaper to fill than B-trees. */
export const cases0014Pg = tokenDdl('bytea', 'USING hash ');

/** Outcome codes as this floor names them: IT's labels where it set some, else the catalog's; retired codes left out of new records. */
import { useQuery } from '@tanstack/react-query';
import { OUTCOME_CODES, type OutcomeCode } from '../../../shared/conduct';
import { useClient } from '../app/client';
import { currentLanguage } from '../i18n';
import { useLabels } from '../app/labels';

export const OUTCOMES_KEY = ['contact', 'outcomes'] as const;

export function useOutcomes(): { label: (code: OutcomeCode) => string; usable: OutcomeCode[] } {
  const { t } = useLabels();
  const client = useClient();
  const own = useQuery({ queryKey: OUTCOMES_KEY, queryFn: () => client.call('contact.outcomes', {}) });
  const byCode = new Map((own.data ?? []).map((o) => [o.code, o]));
  const zh = currentLanguage() === 'zh-CN';
  return {
    label: (code) => {
      const o = byCode.get(code);
      return `${code} ${o ? (zh ? o.zh : o.en) : t(`conduct.outcomes.${code}`)}`;
    },
    usable: OUTCOME_CODES.filter((c) => byCode.get(c)?.active !== false),
  };
}

/**
 * The holiday calendar's warnings, on every page (as status, not alerts: they stay up): from
 * 1 November, next year is missing (to IT and the approvers); this year is missing (to everyone:
 * the policy's missing-year rule applies, weekends only or no outbound calls).
 */
import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import type { SessionInfo } from '../../../shared/contract';
import { useClient } from '../app/client';
import { useLabels } from '../app/labels';
import { CALENDAR_KEY } from './holidays-page';

export function CalendarBanner({ session }: { session: SessionInfo }) {
  const { t } = useLabels();
  const client = useClient();
  const calendar = useQuery({ queryKey: CALENDAR_KEY, queryFn: () => client.call('holiday.calendar', {}) });
  const c = calendar.data;
  // Next year's gap is for those who can close it; a missing current year concerns everyone.
  const canAct = session.permissions.some((p) => p === 'holiday.manage' || p === 'holiday.approve');
  if (!c) return null;
  return (
    <>
      {c.currentYearMissing !== null && (
        <Alert role="status" type="error" banner title={t('holidays.currentMissing', { year: c.currentYearMissing })} />
      )}
      {c.nextYearMissing !== null && canAct && (
        <Alert role="status" type="warning" banner title={t('holidays.nextMissing', { year: c.nextYearMissing })} />
      )}
    </>
  );
}

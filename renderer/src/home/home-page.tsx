/** Home: who is signed in, in which role, on which seat. */
import { Card, Descriptions } from 'antd';
import type { Ref } from 'react';
import type { SessionInfo } from '../../../shared/contract';
import { formatSeatTime } from '../app/format';
import { useLabels } from '../app/labels';
import { PageTitle } from '../app/page-title';

export function HomePage({ session, headingRef }: { session: SessionInfo; headingRef: Ref<HTMLHeadingElement> }) {
  const labels = useLabels();
  const { t } = labels;
  return (
    <>
      <PageTitle text={t('home.title', { name: session.displayName })} headingRef={headingRef} />
      <Card>
        <Descriptions
          column={1}
          bordered
          items={[
            { key: 'displayName', label: t('home.displayName'), children: session.displayName },
            { key: 'username', label: t('home.username'), children: session.username },
            { key: 'role', label: t('home.role'), children: labels.role(session.role) },
            { key: 'seat', label: t('home.seat'), children: <span className="sr-mono">{session.seatId}</span> },
            { key: 'since', label: t('home.since'), children: formatSeatTime(session.startedAt) },
          ]}
        />
      </Card>
    </>
  );
}

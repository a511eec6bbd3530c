/** A voluntary password change, from the header or the expiry banner. */
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card } from 'antd';
import type { Ref } from 'react';
import type { SessionInfo } from '../../../shared/contract';
import { SESSION_KEY } from '../app/keys';
import { useLabels } from '../app/labels';
import { PageTitle } from '../app/page-title';
import { ChangePasswordForm } from './change-password-form';

interface PasswordPageProps {
  session: SessionInfo;
  headingRef: Ref<HTMLHeadingElement>;
  onDone: () => void;
}

export function PasswordPage({ session, headingRef, onDone }: PasswordPageProps) {
  const { t } = useLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return (
    <>
      <PageTitle text={t('password.title')} headingRef={headingRef} />
      <Card style={{ maxWidth: 560 }}>
        <ChangePasswordForm
          session={session}
          onChanged={(info) => {
            queryClient.setQueryData(SESSION_KEY, info);
            void message.success(t('password.changed'));
            onDone();
          }}
          secondary={<Button onClick={onDone}>{t('password.cancel')}</Button>}
        />
      </Card>
    </>
  );
}

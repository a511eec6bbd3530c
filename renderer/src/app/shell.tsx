/** The signed-in frame: header (user, language, change password, logout), a menu of what the role may do, one page at a time. */
import { useMutation } from '@tanstack/react-query';
import { Button, Layout, Menu } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { SessionInfo } from '../../../shared/contract';
import type { Permission } from '../../../shared/permissions';
import { AccountsPage } from '../admin/accounts-page';
import { PolicyPage } from '../admin/policy-page';
import { RolesPage } from '../admin/roles-page';
import { TeamsPage } from '../admin/teams-page';
import { SeatsPage } from '../admin/seats-page';
import { AuditPage } from '../audit/audit-page';
import { CasesPage } from '../cases/cases-page';
import { HomePage } from '../home/home-page';
import { ImportPage } from '../import/import-page';
import { LedgerPage } from '../ledger/ledger-page';
import { PasswordPage } from '../password/password-page';
import { useClient } from './client';
import { ExpiryBanner } from './expiry-banner';
import { BoardPage } from '../board/board-page';
import { CalendarBanner } from '../holidays/calendar-banner';
import { HolidaysPage } from '../holidays/holidays-page';
import { useLabels } from './labels';
import { LanguageSwitch } from './language-switch';
import { NoticesDialog } from './notices-dialog';
import { useEndSession } from './session-end';

type Page =
  | 'home'
  | 'cases'
  | 'board'
  | 'teams'
  | 'import'
  | 'audit'
  | 'accounts'
  | 'seats'
  | 'roles'
  | 'policy'
  | 'holidays'
  | 'ledger'
  | 'password';

/** Each menu page and the permission needed to see it (the main process checks again on every call). */
const PAGES: { key: Exclude<Page, 'password'>; needs: Permission | readonly Permission[] | null }[] = [
  { key: 'home', needs: null },
  { key: 'cases', needs: ['case.reveal', 'case.assign', 'case.readAll'] },
  { key: 'board', needs: 'conduct.board' },
  { key: 'import', needs: 'import.run' },
  { key: 'audit', needs: 'audit.read' },
  { key: 'accounts', needs: 'account.read' },
  { key: 'seats', needs: 'seat.read' },
  { key: 'teams', needs: 'team.manage' },
  { key: 'roles', needs: 'role.read' },
  { key: 'policy', needs: 'policy.read' },
  { key: 'holidays', needs: ['holiday.manage', 'holiday.approve'] },
  { key: 'ledger', needs: 'ledger.read' },
];

export function Shell({ session }: { session: SessionInfo }) {
  const { t } = useLabels();
  const client = useClient();
  const endSession = useEndSession();
  const [page, setPage] = useState<Page>('home');
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  const logout = useMutation({
    mutationFn: () => client.call('session.logout', {}),
    onSettled: () => endSession('logout'),
  });
  const visible = PAGES.filter(
    (p) =>
      p.needs === null ||
      (typeof p.needs === 'string' ? [p.needs] : p.needs).some((n) => session.permissions.includes(n)),
  );
  const props = { session, headingRef: heading };

  // Keyboard and screen-reader users land on the new page's heading after navigating.
  useEffect(() => {
    if (first.current) first.current = false;
    else heading.current?.focus();
  }, [page]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="sr-header">
        <p className="sr-header-title">{t('app.title')}</p>
        <LanguageSwitch />
        <span className="sr-header-user">{session.displayName}</span>
        <Button onClick={() => setPage('password')}>{t('shell.changePassword')}</Button>
        <Button onClick={() => logout.mutate()} loading={logout.isPending}>
          {t('shell.logout')}
        </Button>
      </Layout.Header>
      <ExpiryBanner session={session} onChange={() => setPage('password')} />
      <CalendarBanner session={session} />
      <NoticesDialog session={session} />
      <Layout>
        <Layout.Sider theme="light" width={200}>
          <nav aria-label={t('nav.label')}>
            <Menu
              mode="inline"
              selectedKeys={[page]}
              onClick={({ key }) => setPage(key as Page)}
              items={visible.map((p) => ({ key: p.key, label: t(`nav.${p.key}`) }))}
              style={{ height: '100%', borderInlineEnd: 0 }}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content className="sr-content">
          {page === 'home' && <HomePage {...props} />}
          {page === 'cases' && <CasesPage {...props} />}
          {page === 'board' && <BoardPage {...props} />}
          {page === 'holidays' && <HolidaysPage {...props} />}
          {page === 'import' && <ImportPage {...props} />}
          {page === 'teams' && <TeamsPage {...props} />}
          {page === 'audit' && <AuditPage {...props} />}
          {page === 'accounts' && <AccountsPage {...props} />}
          {page === 'seats' && <SeatsPage {...props} />}
          {page === 'roles' && <RolesPage {...props} />}
          {page === 'policy' && <PolicyPage {...props} />}
          {page === 'ledger' && <LedgerPage {...props} />}
          {page === 'password' && <PasswordPage {...props} onDone={() => setPage('home')} />}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

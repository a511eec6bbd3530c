/**
 * The agent's workspace: the case list and, over it, one case. The list stays mounted while a
 * case is open, so going back finds its filters, its loaded pages and its scroll as they were.
 * Keyboard: / search, ↑↓ move, Enter open, Esc back, ? the shortcuts.
 */
import { Alert, Button, Modal, Space, Typography } from 'antd';
import { useEffect, useRef, useState, type Ref } from 'react';
import type { CaseView as View } from '../../../shared/cases';
import type { SessionInfo } from '../../../shared/contract';
import { useLabels } from '../app/labels';
import { PageTitle } from '../app/page-title';
import { AssignModal, type AssignWhat } from './assign-modal';
import { CaseFilters, type FilterInput } from './case-filters';
import { CaseList, type ListOrder } from './case-list';
import { CaseView } from './case-view';

const SHORTCUTS = ['search', 'move', 'open', 'back', 'help'] as const;

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable);
}

export function CasesPage({ session, headingRef }: { session: SessionInfo; headingRef: Ref<HTMLHeadingElement> }) {
  const { t } = useLabels();
  const canAssign = session.permissions.includes('case.assign');
  const seesAll = session.permissions.includes('case.readAll');
  const views: View[] = canAssign || seesAll ? ['all', 'mine', 'unassigned'] : ['mine'];
  const [filter, setFilter] = useState<FilterInput>({ view: canAssign || seesAll ? 'all' : 'mine' });
  const [order, setOrder] = useState<ListOrder>({ sort: 'daysOverdue', descending: true });
  const [selected, setSelected] = useState<string[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const [assigning, setAssigning] = useState<AssignWhat | null>(null);
  const [assigned, setAssigned] = useState<number | null>(null);
  const [help, setHelp] = useState(false);
  const search = useRef<HTMLInputElement>(null);
  const total = useRef(0);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && open && !document.querySelector('.ant-modal-wrap')) setOpen(null);
      if (typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '/' && !open) {
        e.preventDefault();
        search.current?.focus();
      }
      if (e.key === '?') setHelp((h) => !h);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <>
      <div hidden={open !== null}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Space style={{ justifyContent: 'space-between', width: '100%' }}>
            <PageTitle text={t('cases.title')} headingRef={open === null ? headingRef : null} />
            <Button onClick={() => setHelp(true)} aria-keyshortcuts="?">
              {t('cases.shortcuts.button')}
            </Button>
          </Space>
          <CaseFilters
            value={filter}
            onChange={(next) => {
              setFilter(next);
              setSelected([]);
            }}
            views={views}
            searchRef={search}
          />
          {canAssign && (
            <Space wrap>
              <Button disabled={selected.length === 0} onClick={() => setAssigning({ caseNos: selected })}>
                {t('cases.assign.selected', { count: selected.length })}
              </Button>
              <Button onClick={() => setAssigning({ filter, total: total.current })}>
                {t('cases.assign.matching')}
              </Button>
              {assigned !== null && (
                <Alert
                  type="success"
                  showIcon
                  title={t('cases.assign.done', { count: assigned })}
                  closable
                  onClose={() => setAssigned(null)}
                />
              )}
            </Space>
          )}
          <CaseList
            filter={filter}
            order={order}
            onOrder={setOrder}
            onOpen={setOpen}
            selectable={canAssign}
            selected={selected}
            onSelect={setSelected}
            onTotal={(n) => {
              total.current = n;
            }}
          />
        </Space>
      </div>
      {open !== null && (
        <CaseView caseNo={open} session={session} onBack={() => setOpen(null)} headingRef={headingRef} />
      )}
      {assigning && (
        <AssignModal
          what={assigning}
          onClose={(n) => {
            setAssigning(null);
            if (n !== null) {
              setAssigned(n);
              setSelected([]);
            }
          }}
        />
      )}
      <Modal open={help} title={t('cases.shortcuts.title')} footer={null} onCancel={() => setHelp(false)}>
        <dl className="sr-shortcuts">
          {SHORTCUTS.map((s) => (
            <div key={s}>
              <dt>
                <Typography.Text keyboard>{t(`cases.shortcuts.keys.${s}`)}</Typography.Text>
              </dt>
              <dd>{t(`cases.shortcuts.does.${s}`)}</dd>
            </div>
          ))}
        </dl>
      </Modal>
    </>
  );
}

/**
 * The case list: a virtualised table of the cases the caller may see, a page at a time as it
 * scrolls, sorted by the server. Enter or a click opens a case; leads select cases to assign.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Table, Tag, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useEffect, useState } from 'react';
import type { CaseSort } from '../../../shared/cases';
import type { CaseRow } from '../../../shared/contract';
import { formatFen } from '../../../shared/money';
import { useClient } from '../app/client';
import { formatSeatTime } from '../app/format';
import { useLabels } from '../app/labels';
import type { FilterInput } from './case-filters';

const PAGE = 200;

export interface ListOrder {
  sort: CaseSort;
  descending: boolean;
}

const time = (ms: number | null) => (ms === null ? '—' : formatSeatTime(ms).slice(0, 16));

export function CaseList({
  filter,
  order,
  onOrder,
  onOpen,
  selectable,
  selected,
  onSelect,
  onTotal,
}: {
  filter: FilterInput;
  order: ListOrder;
  onOrder: (order: ListOrder) => void;
  onOpen: (caseNo: string) => void;
  selectable: boolean;
  selected: string[];
  onSelect: (caseNos: string[]) => void;
  onTotal: (total: number) => void;
}) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const [now] = useState(() => Date.now());
  const list = useInfiniteQuery({
    queryKey: ['case', 'list', filter, order],
    queryFn: ({ pageParam }) => client.call('case.list', { filter, ...order, offset: pageParam, limit: PAGE }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, p) => n + p.rows.length, 0);
      return loaded < last.total ? loaded : undefined;
    },
  });
  const rows = list.data?.pages.flatMap((p) => p.rows) ?? [];
  const total = list.data?.pages[0]?.total ?? 0;
  useEffect(() => {
    onTotal(total);
  }, [total, onTotal]);
  const sortOrder = (key: CaseSort) => (order.sort === key ? (order.descending ? 'descend' : 'ascend') : null);

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {list.error && <Alert type="error" showIcon title={labels.error(list.error)} />}
      <Typography.Text role="status">{t('cases.list.count', { shown: rows.length, total })}</Typography.Text>
      <Table<CaseRow>
        virtual
        size="small"
        rowKey="caseNo"
        loading={list.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1240, y: 560 }}
        aria-label={t('cases.list.label')}
        rowSelection={
          selectable
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => onSelect(keys as string[]),
                getCheckboxProps: (r) => ({ 'aria-label': t('cases.list.select', { caseNo: r.caseNo }) }),
              }
            : undefined
        }
        onChange={(_p, _f, sorter) => {
          const s = sorter as SorterResult<CaseRow>;
          const key = s.columnKey as CaseSort | undefined;
          if (key && s.order) onOrder({ sort: key, descending: s.order === 'descend' });
        }}
        onScroll={(e) => {
          const el = e.currentTarget;
          if (el.scrollTop + el.clientHeight > el.scrollHeight - 400 && list.hasNextPage && !list.isFetchingNextPage)
            void list.fetchNextPage();
        }}
        onRow={(r) => ({
          tabIndex: 0,
          'data-case-no': r.caseNo,
          'aria-label': t('cases.list.open', { caseNo: r.caseNo }),
          onClick: (e) => {
            if (!(e.target as HTMLElement).closest('.ant-table-selection-column')) onOpen(r.caseNo);
          },
          onKeyDown: (e) => {
            if (e.key === 'Enter') onOpen(r.caseNo);
            if (e.key === 'ArrowDown')
              ((e.currentTarget as HTMLElement).nextElementSibling as HTMLElement | null)?.focus();
            if (e.key === 'ArrowUp')
              ((e.currentTarget as HTMLElement).previousElementSibling as HTMLElement | null)?.focus();
          },
        })}
        columns={[
          {
            key: 'caseNo',
            dataIndex: 'caseNo',
            title: t('cases.columns.caseNo'),
            width: 150,
            sorter: true,
            sortOrder: sortOrder('caseNo'),
          },
          {
            key: 'name',
            dataIndex: 'name',
            title: t('cases.columns.name'),
            width: 90,
            render: (v: string | null) => v ?? '—',
          },
          {
            key: 'mobile',
            dataIndex: 'mobile',
            title: t('cases.columns.mobile'),
            width: 130,
            render: (v: string | null) => v ?? '—',
          },
          {
            key: 'amount',
            dataIndex: 'amountFen',
            title: t('cases.columns.amount'),
            width: 130,
            align: 'right',
            sorter: true,
            sortOrder: sortOrder('amount'),
            render: (v: number) => formatFen(v),
          },
          {
            key: 'daysOverdue',
            dataIndex: 'daysOverdue',
            title: t('cases.columns.daysOverdue'),
            width: 100,
            align: 'right',
            sorter: true,
            sortOrder: sortOrder('daysOverdue'),
            render: (v: number | null) => v ?? '—',
          },
          {
            key: 'state',
            dataIndex: 'state',
            title: t('cases.columns.state'),
            width: 90,
            render: (v: string) => t(`cases.states.${v}`),
          },
          {
            key: 'assignee',
            dataIndex: 'assignee',
            title: t('cases.columns.assignee'),
            width: 120,
            render: (v: string | null) => v ?? '—',
          },
          {
            key: 'assignedAt',
            dataIndex: 'firstContactDue',
            title: t('cases.columns.firstContactDue'),
            width: 150,
            sorter: true,
            sortOrder: sortOrder('assignedAt'),
            render: (v: number | null) =>
              v !== null && v < now ? <Tag color="red">{t('cases.list.overdue', { at: time(v) })}</Tag> : time(v),
          },
          {
            key: 'lastContact',
            dataIndex: 'lastContactAt',
            title: t('cases.columns.lastContact'),
            width: 140,
            sorter: true,
            sortOrder: sortOrder('lastContact'),
            render: time,
          },
          {
            key: 'nextAction',
            dataIndex: 'nextActionAt',
            title: t('cases.columns.nextAction'),
            width: 140,
            render: time,
          },
        ]}
      />
      {list.hasNextPage && (
        <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('cases.list.more')}
        </Button>
      )}
    </Space>
  );
}

/** The case list's filters: view, batch, state, amount and days overdue, and one exact search. */
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { useState, type Ref } from 'react';
import { CASE_STATES, CASE_VIEWS, SEARCH_KINDS, type CaseView, type SearchKind } from '../../../shared/cases';
import type { CaseFilter } from '../../../shared/contract';
import { useClient } from '../app/client';
import { useLabels } from '../app/labels';

export type FilterInput = Omit<CaseFilter, 'view'> & { view: CaseView };

export function CaseFilters({
  value,
  onChange,
  views,
  searchRef,
}: {
  value: FilterInput;
  onChange: (next: FilterInput) => void;
  views: readonly CaseView[];
  searchRef: Ref<HTMLInputElement>;
}) {
  const { t } = useLabels();
  const client = useClient();
  const batches = useQuery({ queryKey: ['case', 'batches'], queryFn: () => client.call('case.batches', {}) });
  const [kind, setKind] = useState<SearchKind>(value.search?.kind ?? 'caseNo');
  const [text, setText] = useState(value.search?.text ?? '');
  const set = (patch: Partial<FilterInput>) => onChange({ ...value, ...patch });
  const yuan = (fen: number | undefined) => (fen === undefined ? null : fen / 100);
  const fen = (v: number | null) => (v === null ? undefined : Math.round(v * 100));

  return (
    <Form layout="vertical" component="div" name="case-filters">
      <Space wrap align="end">
        {views.length > 1 && (
          <Form.Item label={t('cases.filters.view')} htmlFor="case-view" style={{ marginBottom: 0 }}>
            <Select
              id="case-view"
              value={value.view}
              onChange={(view) => set({ view })}
              options={CASE_VIEWS.filter((v) => views.includes(v)).map((v) => ({
                value: v,
                label: t(`cases.views.${v}`),
              }))}
              style={{ width: 150 }}
            />
          </Form.Item>
        )}
        <Form.Item label={t('cases.filters.batch')} htmlFor="case-batch" style={{ marginBottom: 0 }}>
          <Select
            id="case-batch"
            allowClear
            placeholder={t('cases.filters.anyBatch')}
            value={value.batchId}
            onChange={(batchId?: number) => set({ batchId })}
            options={(batches.data ?? []).map((b) => ({ value: b.id, label: b.batchNo }))}
            style={{ width: 180 }}
          />
        </Form.Item>
        <Form.Item label={t('cases.filters.state')} htmlFor="case-state" style={{ marginBottom: 0 }}>
          <Select
            id="case-state"
            allowClear
            placeholder={t('cases.filters.anyState')}
            value={value.state}
            onChange={(state?: FilterInput['state']) => set({ state })}
            options={CASE_STATES.map((s) => ({ value: s, label: t(`cases.states.${s}`) }))}
            style={{ width: 130 }}
          />
        </Form.Item>
        <Form.Item label={t('cases.filters.minAmount')} htmlFor="case-min-amount" style={{ marginBottom: 0 }}>
          <InputNumber
            id="case-min-amount"
            min={0}
            precision={2}
            value={yuan(value.minFen)}
            onChange={(v) => set({ minFen: fen(v) })}
            style={{ width: 130 }}
          />
        </Form.Item>
        <Form.Item label={t('cases.filters.minDays')} htmlFor="case-min-days" style={{ marginBottom: 0 }}>
          <InputNumber
            id="case-min-days"
            min={0}
            precision={0}
            value={value.minDaysOverdue ?? null}
            onChange={(v) => set({ minDaysOverdue: v ?? undefined })}
            style={{ width: 110 }}
          />
        </Form.Item>
        <Form.Item label={t('cases.filters.search')} htmlFor="case-search" style={{ marginBottom: 0 }}>
          <Space.Compact>
            <Select
              aria-label={t('cases.filters.searchKind')}
              value={kind}
              onChange={setKind}
              options={SEARCH_KINDS.map((k) => ({ value: k, label: t(`cases.search.${k}`) }))}
              style={{ width: 120 }}
            />
            <Input
              id="case-search"
              ref={searchRef as Ref<never>}
              value={text}
              onChange={(e) => setText(e.target.value)}
              onPressEnter={() => set({ search: text.trim() ? { kind, text: text.trim() } : undefined })}
              placeholder={t('cases.filters.searchHint')}
              style={{ width: 220 }}
              autoComplete="off"
            />
            <Button onClick={() => set({ search: text.trim() ? { kind, text: text.trim() } : undefined })}>
              {t('cases.filters.find')}
            </Button>
          </Space.Compact>
        </Form.Item>
        <Button
          onClick={() => {
            setText('');
            onChange({ view: value.view });
          }}
        >
          {t('cases.filters.clear')}
        </Button>
      </Space>
    </Form>
  );
}

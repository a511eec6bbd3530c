/**
 * 映射模板 — the mapping templates the import tries: shipped ones and those IT added. IT pastes a
 * new template's JSON (docs/import-ceremony.md, "Mapping templates"); the core checks it.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../app/client';
import { useLabels } from '../app/labels';

export function TemplatesCard({ canManage }: { canManage: boolean }) {
  const labels = useLabels();
  const { t } = labels;
  const { i18n } = useTranslation();
  const client = useClient();
  const queries = useQueryClient();
  const { message } = App.useApp();
  const [body, setBody] = useState('');
  const templates = useQuery({ queryKey: ['import', 'templates'], queryFn: () => client.call('import.templates', {}) });
  const add = useMutation({
    mutationFn: () => client.call('import.addTemplate', { body }),
    onSuccess: () => {
      setBody('');
      void message.success(t('templates.added'));
      void queries.invalidateQueries({ queryKey: ['import', 'templates'] });
    },
  });
  return (
    <section aria-label={t('templates.title')}>
      <Card title={t('templates.title')}>
        <Table
          size="small"
          rowKey="name"
          pagination={false}
          loading={templates.isFetching}
          dataSource={templates.data ?? []}
          columns={[
            { key: 'name', title: t('templates.name'), render: (_, tp) => <span className="sr-mono">{tp.name}</span> },
            {
              key: 'label',
              title: t('templates.label'),
              render: (_, tp) => (i18n.language === 'en' ? tp.label.en : tp.label['zh-CN']),
            },
            {
              key: 'origin',
              title: t('templates.origin'),
              render: (_, tp) => <Tag>{t(tp.shipped ? 'templates.shipped' : 'templates.vault')}</Tag>,
            },
          ]}
        />
        {canManage && (
          <Form layout="vertical" name="add-template" onFinish={() => add.mutate()} style={{ marginTop: 16 }}>
            <Form.Item label={t('templates.json')} htmlFor="template-json" extra={t('templates.jsonHelp')}>
              <Input.TextArea
                id="template-json"
                value={body}
                onChange={(e) => setBody(e.target.value)}
                rows={8}
                spellCheck={false}
                className="sr-mono"
              />
            </Form.Item>
            {add.isError && (
              <Alert type="error" showIcon title={labels.error(add.error)} style={{ marginBottom: 16 }} />
            )}
            <Button htmlType="submit" disabled={body.trim() === ''} loading={add.isPending}>
              {t('templates.add')}
            </Button>
          </Form>
        )}
      </Card>
    </section>
  );
}

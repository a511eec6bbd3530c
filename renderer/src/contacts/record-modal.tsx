/**
 * 催记 — the contact record of a call just made (or a correction of one): outcome from the
 * two-level list, who was reached, promise (for a promise outcome), next follow-up, the
 * recorder's call and recording ids, and a note. Without a recording id a connected call is
 * "recording missing", which the form says before it is saved.
 */
import { useMutation } from '@tanstack/react-query';
import { Alert, Checkbox, Form, Input, Modal, Select, Typography } from 'antd';
import {
  COMPLAINT_GRADES,
  OUTCOME_GROUPS,
  OUTCOMES,
  RELATIONS,
  type ComplaintGrade,
  type OutcomeCode,
  type Relation,
} from '../../../shared/conduct';
import type { InputOf } from '../../../shared/contract';
import { seatLocalInstant } from '../../../shared/seat-day';
import { useClient } from '../app/client';
import { useLabels } from '../app/labels';
import { yuanToFen } from './money-input';
import { useOutcomes } from './outcome-labels';

export interface RecordTarget {
  caseNo: string;
  /** The call just opened; absent for a correction. */
  callNo?: string;
  /** The record corrected. */
  corrects?: number;
  /** What the call reached, as the panel showed it. */
  number: string;
  thirdParty: boolean;
}

interface Values {
  outcome: OutcomeCode;
  relation?: Relation;
  promiseYuan?: string;
  promiseOn?: string;
  next?: string;
  recorderCall?: string;
  recordingId?: string;
  refused?: boolean;
  grade?: ComplaintGrade;
  note: string;
}

export function RecordModal({ target, onDone }: { target: RecordTarget; onDone: () => void }) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const outcomes = useOutcomes();
  const [form] = Form.useForm<Values>();
  const outcome = Form.useWatch('outcome', form);
  const recordingId = Form.useWatch('recordingId', form);
  const flags = outcome ? OUTCOMES[outcome] : undefined;
  const save = useMutation({
    mutationFn: (v: Values) => {
      const fen = v.promiseYuan ? yuanToFen(v.promiseYuan) : null;
      const next = v.next ? seatLocalInstant(v.next) : undefined;
      const input: InputOf<'contact.record'> = {
        caseNo: target.caseNo,
        outcome: v.outcome,
        note: v.note.trim(),
        ...(target.callNo ? { callNo: target.callNo } : {}),
        ...(target.corrects ? { corrects: target.corrects } : {}),
        ...(v.relation ? { relation: v.relation } : {}),
        ...(fen !== null && v.promiseOn ? { promise: { amountFen: fen, on: v.promiseOn } } : {}),
        ...(next ? { nextActionAt: next } : {}),
        ...(v.recorderCall?.trim() ? { recorderCall: v.recorderCall.trim() } : {}),
        ...(v.recordingId?.trim() ? { recordingId: v.recordingId.trim() } : {}),
        ...(v.refused ? { refused: true } : {}),
        ...(v.grade ? { grade: v.grade } : {}),
      };
      return client.call('contact.record', input);
    },
    onSuccess: onDone,
  });

  return (
    <Modal
      open
      title={target.corrects ? t('contacts.record.correctTitle', { id: target.corrects }) : t('contacts.record.title')}
      okText={t('contacts.record.save')}
      cancelText={t('admin.cancel')}
      okButtonProps={{ loading: save.isPending }}
      onOk={() => form.submit()}
      onCancel={onDone}
      mask={{ closable: false }}
      destroyOnHidden
      width={640}
    >
      <Typography.Paragraph type="secondary">
        {t('contacts.record.intro', { number: target.number })}
      </Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" name="contact-record" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="outcome"
          label={t('contacts.record.outcome')}
          rules={[{ required: true, message: t('contacts.record.outcomeRequired') }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            aria-label={t('contacts.record.outcome')}
            options={OUTCOME_GROUPS.map((g) => ({
              label: t(`conduct.groups.${g}`),
              title: t(`conduct.groups.${g}`),
              options: outcomes.usable
                .filter((c) => OUTCOMES[c].group === g)
                .map((c) => ({ value: c, label: outcomes.label(c) })),
            }))}
          />
        </Form.Item>
        <Form.Item name="relation" label={t('contacts.record.relation')}>
          <Select
            allowClear
            aria-label={t('contacts.record.relation')}
            options={RELATIONS.map((r) => ({ value: r, label: t(`conduct.relations.${r}`) }))}
          />
        </Form.Item>
        {flags?.promise && (
          <>
            <Form.Item
              name="promiseYuan"
              label={t('contacts.record.promiseAmount')}
              rules={[
                { required: true, message: t('contacts.record.promiseAmountRule') },
                {
                  validator: (_r, v: string) =>
                    yuanToFen(v ?? '') === null
                      ? Promise.reject(new Error(t('contacts.record.promiseAmountRule')))
                      : Promise.resolve(),
                },
              ]}
            >
              <Input inputMode="decimal" prefix="¥" style={{ maxWidth: 200 }} />
            </Form.Item>
            <Form.Item
              name="promiseOn"
              label={t('contacts.record.promiseOn')}
              rules={[{ required: true, message: t('contacts.record.promiseOnRequired') }]}
            >
              <Input type="date" style={{ maxWidth: 200 }} />
            </Form.Item>
          </>
        )}
        {flags?.hold && (
          <Form.Item
            name="grade"
            label={t('contacts.record.grade')}
            extra={t('contacts.record.holdHint')}
            initialValue="medium"
          >
            <Select
              aria-label={t('contacts.record.grade')}
              options={COMPLAINT_GRADES.map((g) => ({ value: g, label: t(`conduct.grades.${g}`) }))}
            />
          </Form.Item>
        )}
        <Form.Item name="next" label={t('contacts.record.next')}>
          <Input type="datetime-local" style={{ maxWidth: 260 }} />
        </Form.Item>
        <Form.Item name="recorderCall" label={t('contacts.record.recorderCall')}>
          <Input maxLength={64} style={{ maxWidth: 320 }} />
        </Form.Item>
        <Form.Item name="recordingId" label={t('contacts.record.recordingId')}>
          <Input maxLength={64} style={{ maxWidth: 320 }} />
        </Form.Item>
        {flags?.connected && !recordingId?.trim() && (
          <Alert type="warning" showIcon title={t('contacts.record.recordingMissing')} style={{ marginBottom: 16 }} />
        )}
        {target.thirdParty && (
          <Form.Item name="refused" valuePropName="checked">
            <Checkbox>{t('contacts.record.refused')}</Checkbox>
          </Form.Item>
        )}
        <Form.Item
          name="note"
          label={t('contacts.record.note')}
          extra={t('contacts.record.noteHint')}
          rules={[
            { required: true, whitespace: true, message: t('contacts.record.noteRequired') },
            { max: 500, message: t('errors.contact.noteTooLong') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
        {save.isError && <Alert type="error" showIcon title={labels.error(save.error)} />}
      </Form>
    </Modal>
  );
}

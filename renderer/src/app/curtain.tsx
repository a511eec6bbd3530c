/**
 * 屏保 — the privacy curtain: covers the whole window and hides everything else on the page
 * (including open dialogs) until any input lifts it. Focus returns where it was.
 */
import { Typography } from 'antd';
import { useEffect, useId, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useLabels } from './labels';

const HIDDEN_CLASS = 'sr-curtained';

export function Curtain() {
  const { t } = useLabels();
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    document.body.classList.add(HIDDEN_CLASS);
    ref.current?.focus();
    return () => {
      document.body.classList.remove(HIDDEN_CLASS);
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  return createPortal(
    <div ref={ref} className="sr-curtain" role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1}>
      <div className="sr-curtain-box">
        <p className="sr-curtain-app">{t('app.title')}</p>
        <Typography.Title level={2} id={titleId} style={{ color: '#fff', marginTop: 0 }}>
          {t('curtain.title')}
        </Typography.Title>
        <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.85)', fontSize: 16 }}>
          {t('curtain.hint')}
        </Typography.Paragraph>
      </div>
    </div>,
    document.body,
  );
}

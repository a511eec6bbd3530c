/** Shown when the page runs outside Strongroom (no `window.strongroom`): nothing can work. */
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

export function NoBridge() {
  const { t } = useTranslation();
  return <Result status="error" title={t('app.noBridgeTitle')} subTitle={t('app.noBridge')} />;
}

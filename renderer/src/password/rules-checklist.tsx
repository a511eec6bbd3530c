/** Each composition rule in force, shown live as met or not (the state is in each item's text too). */
import type { SessionInfo } from '../../../shared/contract';
import { compositionChecks } from '../../../shared/password-rules';
import { useLabels } from '../app/labels';

export function RulesChecklist({ password, policy }: { password: string; policy: SessionInfo['policy'] }) {
  const { t } = useLabels();
  const checks = compositionChecks(password, policy);
  return (
    <ul className="sr-rules" aria-label={t('password.rulesLabel')}>
      {checks.map(({ rule, met }) => (
        <li key={rule} className={met ? 'sr-rule-met' : 'sr-rule-unmet'}>
          <span aria-hidden="true" className="sr-rule-mark">
            {met ? '✓' : '○'}
          </span>
          {t(`password.rules.${rule}`, { min: policy.passwordMinLength })}{' '}
          <span className="sr-rule-state">{met ? t('password.met') : t('password.unmet')}</span>
        </li>
      ))}
    </ul>
  );
}

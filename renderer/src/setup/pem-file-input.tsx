/**
 * A PEM file picker for a form: a plain, labelled `<input type="file">` (keyboard and screen
 * reader work as the browser made them) whose value is the chosen File. The file is read only
 * when the form is sent, so its text never sits in the form's state.
 */
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import { useEffect, useRef, type InputHTMLAttributes } from 'react';

/** The contract's bound on a PEM text (shared/contract/vault.ts). */
export const PEM_MAX_BYTES = 64 * 1024;

type PemFileInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> & {
  value?: File | undefined;
  onChange?: (file: File | undefined) => void;
};

export function PemFileInput({ value, onChange, ...rest }: PemFileInputProps) {
  const ref = useRef<HTMLInputElement>(null);
  // The form cleared the field: clear the browser's selection too.
  useEffect(() => {
    if (!value && ref.current) ref.current.value = '';
  }, [value]);
  return (
    <input
      {...rest}
      ref={ref}
      type="file"
      className="sr-file"
      accept=".pem,.crt,.cer,.key,application/x-pem-file"
      onChange={(e) => onChange?.(e.target.files?.[0])}
    />
  );
}

/** A file must be chosen and fit the contract's bound; `kind` names it in the refusal. */
export function pemFileRules(t: TFunction, required: string, kind: 'ca' | 'cert' | 'key'): Rule[] {
  return [
    { required: true, message: required },
    {
      validator: (_rule, value: unknown) =>
        !(value instanceof File) || (value.size > 0 && value.size <= PEM_MAX_BYTES)
          ? Promise.resolve()
          : Promise.reject(new Error(t('errors.floor.pemUnusable', { kind: t(`setup.floor.kinds.${kind}`) }))),
    },
  ];
}

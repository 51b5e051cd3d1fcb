/**
 * Hand mock of @tarojs/components: each Taro component becomes the nearest DOM element, with
 * Taro's event names (onClick, onInput with detail.value) kept so pages behave as on a device.
 */
import { createElement, forwardRef, type ReactNode } from 'react';

type AnyProps = Record<string, unknown> & { children?: ReactNode; className?: string };

function strip(props: AnyProps): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (key === 'hoverClass' || key === 'scrollY' || key === 'scrollX' || key === 'mode' || key === 'catchMove')
      continue;
    if (typeof value === 'boolean' && !key.startsWith('on') && !['disabled', 'hidden'].includes(key)) continue;
    out[key] = value;
  }
  return out;
}

const make = (tag: string, displayName: string) => {
  const Component = (props: AnyProps) => createElement(tag, strip(props), props.children);
  Component.displayName = displayName;
  return Component;
};

export const View = make('div', 'View');
export const Text = make('span', 'Text');
export const ScrollView = make('div', 'ScrollView');
export const Label = make('label', 'Label');
export const Form = make('form', 'Form');
export const Block = ({ children }: AnyProps) => <>{children}</>;
export const Image = ({ src, className, onClick, ...rest }: AnyProps) => (
  <img
    src={typeof src === 'string' ? src : ''}
    className={className}
    alt=""
    data-testid={rest['data-testid'] as string | undefined}
    onClick={onClick as (() => void) | undefined}
  />
);
export const Canvas = make('canvas', 'Canvas');

export const Button = ({ children, onClick, disabled, className }: AnyProps) => (
  <button type="button" className={className} disabled={Boolean(disabled)} onClick={onClick as () => void}>
    {children}
  </button>
);

/** Taro inputs report `{ detail: { value } }`, not a DOM event: keep that shape. */
export const Input = forwardRef<HTMLInputElement, AnyProps>(function Input(
  { value, placeholder, onInput, onConfirm, onBlur, onFocus, className, disabled, maxlength, type },
  ref,
) {
  return (
    <input
      ref={ref}
      className={typeof className === 'string' ? className : undefined}
      value={typeof value === 'string' ? value : ''}
      placeholder={typeof placeholder === 'string' ? placeholder : undefined}
      disabled={Boolean(disabled)}
      maxLength={typeof maxlength === 'number' ? maxlength : undefined}
      type={type === 'number' ? 'number' : 'text'}
      onChange={(e) => (onInput as ((ev: unknown) => void) | undefined)?.({ detail: { value: e.target.value } })}
      onKeyDown={(e) => {
        if (e.key === 'Enter')
          (onConfirm as ((ev: unknown) => void) | undefined)?.({ detail: { value: e.currentTarget.value } });
      }}
      onBlur={(e) => (onBlur as ((ev: unknown) => void) | undefined)?.({ detail: { value: e.target.value } })}
      onFocus={(e) => (onFocus as ((ev: unknown) => void) | undefined)?.({ detail: { value: e.target.value } })}
    />
  );
});

/** A multi-line field with the same `{ detail: { value } }` events as Input. */
export const Textarea = ({ value, placeholder, onInput, className, maxlength }: AnyProps) => (
  <textarea
    className={typeof className === 'string' ? className : undefined}
    value={typeof value === 'string' ? value : ''}
    placeholder={typeof placeholder === 'string' ? placeholder : undefined}
    maxLength={typeof maxlength === 'number' ? maxlength : undefined}
    onChange={(e) => (onInput as ((ev: unknown) => void) | undefined)?.({ detail: { value: e.target.value } })}
  />
);

/** The native picker is the platform's sheet: here only the field that opens it is drawn. */
export const Picker = ({ children }: AnyProps) => <div>{children}</div>;

import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { ChipInput, type ChipInputProps } from './index';

/** The chip input as a form holds it: the values live in the parent. */
function Form(props: Partial<ChipInputProps> & { initial?: string[] }) {
  const [values, setValues] = useState<string[]>(props.initial ?? []);
  return (
    <>
      <ChipInput
        values={values}
        onChange={setValues}
        max={props.max ?? 3}
        maxLength={props.maxLength ?? 6}
        placeholder="输入后点添加"
        suggestions={props.suggestions}
        testIds={{ input: 'field', add: 'add', chip: 'chip' }}
      />
      <output data-testid="values">{values.join('|')}</output>
    </>
  );
}

const field = () => screen.getByPlaceholderText<HTMLInputElement>('输入后点添加');
const values = () => screen.getByTestId('values').textContent;
function typeAndAdd(text: string) {
  fireEvent.change(field(), { target: { value: text } });
  fireEvent.click(screen.getByText('添加'));
}

describe('ChipInput', () => {
  it('adds what was typed, trimmed, and clears the field', () => {
    render(<Form />);
    typeAndAdd('  护肤 ');
    expect(values()).toBe('护肤');
    expect(field().value).toBe('');
    expect(screen.getByText('1/3')).toBeTruthy();
  });

  it('adds on the keyboard confirm as well as the button', () => {
    render(<Form />);
    fireEvent.change(field(), { target: { value: '茶饮' } });
    fireEvent.keyDown(field(), { key: 'Enter' });
    expect(values()).toBe('茶饮');
  });

  it('refuses a value it already holds, and says so', () => {
    render(<Form initial={['护肤']} />);
    typeAndAdd('护肤');
    expect(values()).toBe('护肤');
    expect(screen.getByText('“护肤”已添加')).toBeTruthy();
  });

  it('stops at the limit and says how many it takes', () => {
    render(<Form initial={['a', 'b', 'c']} />);
    typeAndAdd('d');
    expect(values()).toBe('a|b|c');
    expect(screen.getByText('最多 3 个')).toBeTruthy();
  });

  it('refuses a value longer than one chip may be', () => {
    render(<Form maxLength={4} initial={[]} suggestions={['非常长的标签名']} />);
    fireEvent.click(screen.getByText('+ 非常长的标签名'));
    expect(values()).toBe('');
    expect(screen.getByText('每个不超过 4 个字')).toBeTruthy();
  });

  it('ignores an empty field without a message', () => {
    render(<Form />);
    typeAndAdd('   ');
    expect(values()).toBe('');
    expect(screen.queryByText(/已添加|最多|不超过/)).toBeNull();
  });

  it('removes a chip when it is tapped', () => {
    render(<Form initial={['护肤', '茶饮']} />);
    fireEvent.click(screen.getByText('护肤 ×'));
    expect(values()).toBe('茶饮');
  });

  it('offers suggestions not yet added, and adds one with a tap', () => {
    render(<Form initial={['护肤']} suggestions={['护肤', '母婴']} />);
    expect(screen.queryByText('+ 护肤')).toBeNull();
    fireEvent.click(screen.getByText('+ 母婴'));
    expect(values()).toBe('护肤|母婴');
    expect(screen.queryByText('+ 母婴')).toBeNull();
  });

  it('offers no suggestion once the list is full', () => {
    render(<Form max={1} initial={['护肤']} suggestions={['母婴']} />);
    expect(screen.queryByText('+ 母婴')).toBeNull();
  });
});

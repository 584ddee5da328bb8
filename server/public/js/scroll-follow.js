/**
 * Keeps the conversation scrolled to its end while the reader has not scrolled up.
 *
 * "Following" is a state, not a measurement taken at some moment: content that grows (a streamed
 * delta, the Sources block, a reflow when the source panel narrows the column) never scrolls the
 * view by itself, so the position alone cannot tell "the reader scrolled up" from "the content grew
 * under them". Only a move *up* away from the end is the reader leaving; reaching the end again
 * (wheel, keys, or the "jump to latest" button) resumes following. A ResizeObserver re-pins the end
 * after every layout change, before paint, so a following reader never sees the end drift away.
 *
 * @param {{scroller: HTMLElement, content: HTMLElement, jumpButton: HTMLButtonElement}} elements
 */
export function createScrollFollow({ scroller, content, jumpButton }) {
  /** Within this many px of the end counts as at the end (fractional scroll positions on zoomed pages). */
  const AT_END_PX = 4;
  let following = true;
  let lastTop = scroller.scrollTop;

  const distanceToEnd = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
  const showJumpButton = () => {
    jumpButton.hidden = following || distanceToEnd() <= AT_END_PX;
  };
  const pinToEnd = () => {
    scroller.scrollTop = scroller.scrollHeight;
    lastTop = scroller.scrollTop;
  };

  scroller.addEventListener(
    'scroll',
    () => {
      const top = scroller.scrollTop;
      const atEnd = distanceToEnd() <= AT_END_PX;
      if (atEnd) following = true;
      else if (top < lastTop) following = false;
      lastTop = top;
      showJumpButton();
    },
    { passive: true },
  );

  const onResize = () => {
    if (following) pinToEnd();
    showJumpButton();
  };
  const observer = new ResizeObserver(onResize);
  observer.observe(content);
  // The viewport changes too: the composer grows, the phone keyboard opens, the window is resized.
  observer.observe(scroller);

  jumpButton.addEventListener('click', () => follow());

  /** Back to the end and following (a new question, "jump to latest", a new conversation). */
  function follow() {
    following = true;
    pinToEnd();
    showJumpButton();
  }

  return {
    follow,
    get following() {
      return following;
    },
  };
}

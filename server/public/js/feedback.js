/**
 * 👍/👎 under a stored answer, with an optional comment: POST /api/feedback {messageId, rating, comment}.
 * One rating per answer (the last one wins on the server); the pressed state shows the current one.
 */
import { el } from './dom.js';
import { registerStrings, t } from './i18n.js';

/** @typedef {import('../types/api.js').Feedback} Feedback */
/** @typedef {Feedback['rating']} Rating */

registerStrings({
  en: {
    'feedback.group': 'Rate this answer',
    'feedback.up': 'Helpful',
    'feedback.down': 'Not helpful',
    'feedback.comment': 'What was wrong or missing? (optional)',
    'feedback.send': 'Send comment',
    'feedback.saved': 'Thanks, your rating is saved.',
    'feedback.commentSaved': 'Thanks, your comment is saved.',
    'feedback.failed': 'Your rating could not be saved: {message}',
  },
  zh: {
    'feedback.group': '评价这个回答',
    'feedback.up': '有帮助',
    'feedback.down': '没有帮助',
    'feedback.comment': '哪里不对或缺少什么?(可选)',
    'feedback.send': '提交意见',
    'feedback.saved': '谢谢,评价已保存。',
    'feedback.commentSaved': '谢谢,意见已保存。',
    'feedback.failed': '评价未能保存:{message}',
  },
});

export const MAX_COMMENT_CHARS = 2000;

/**
 * @param {HTMLElement} container where the controls go (the answer's notes)
 * @param {{messageId: string, feedback?: Feedback}} answer
 * @param {{json: (path: string, init: import('./api-client.js').JsonInit) => Promise<unknown>}} api
 */
export function attachFeedback(container, answer, api) {
  /** @type {Rating | null} */
  let rating = answer.feedback?.rating ?? null;
  const button = (/** @type {Rating} */ value, /** @type {string} */ emoji) =>
    // Words beside the emoji: clear to screen readers, and legible where no emoji font is installed.
    el('button', { className: 'feedback-button', text: `${emoji} ${t(`feedback.${value}`)}`, attrs: { type: 'button', 'aria-pressed': String(rating === value), 'data-rating': value } });
  const up = button('up', '👍');
  const down = button('down', '👎');
  const status = el('p', { className: 'feedback-status', attrs: { role: 'status' } });
  const commentLabel = el('label', { className: 'feedback-label', text: t('feedback.comment') });
  const comment = el('textarea', { className: 'feedback-comment', attrs: { rows: '2', maxlength: String(MAX_COMMENT_CHARS) } });
  comment.value = answer.feedback?.comment ?? '';
  commentLabel.append(comment);
  const send = el('button', { className: 'button button-secondary feedback-send', text: t('feedback.send'), attrs: { type: 'submit' } });
  const form = el('form', { className: 'feedback-form', hidden: !rating }, [commentLabel, send]);
  const group = el('div', { className: 'feedback', attrs: { role: 'group', 'aria-label': t('feedback.group') } }, [up, down, form, status]);
  container.append(group);

  /** @param {Rating} value @param {boolean} withComment */
  async function save(value, withComment) {
    status.textContent = '';
    try {
      await api.json('/api/feedback', { method: 'POST', body: { messageId: answer.messageId, rating: value, comment: comment.value.trim() || null } });
      rating = value;
      up.setAttribute('aria-pressed', String(value === 'up'));
      down.setAttribute('aria-pressed', String(value === 'down'));
      status.textContent = t(withComment ? 'feedback.commentSaved' : 'feedback.saved');
      form.hidden = false;
    } catch (err) {
      status.textContent = t('feedback.failed', { message: err instanceof Error ? err.message : String(err) });
    }
  }

  up.addEventListener('click', () => void save('up', false));
  down.addEventListener('click', () => {
    void save('down', false).then(() => comment.focus());
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (rating) void save(rating, true);
  });
  return group;
}

import { el } from './dom.js';
import { onLanguageChange, t } from './i18n.js';

/** What this module reads of GET /api/corpus. @typedef {Pick<import('../types/api.js').CorpusOverview, 'documents' | 'title' | 'starters'>} CorpusWording */

/**
 * Names the page after what is indexed (GET /api/corpus): one document → its title, several → "your N
 * documents"; starter questions drawn from the corpus's own sections replace the built-in ones.
 *
 * @param {{
 *   api: { corpus: () => Promise<CorpusWording> },
 *   heading: HTMLElement, subtitle: HTMLElement|null, question: HTMLTextAreaElement, questionLabel: HTMLElement|null,
 *   starters: HTMLElement, onStarter: (question: string) => void,
 * }} deps
 */
export function createCorpusWording({ api, heading, subtitle, question, questionLabel, starters, onStarter }) {
  /** @type {CorpusWording | null} */
  let corpus = null;

  function render() {
    if (!corpus) return;
    const n = corpus.documents;
    const name = n === 0 ? t('corpus.noDocuments') : n === 1 && corpus.title ? t('corpus.oneDocument', { title: corpus.title }) : t('corpus.manyDocuments', { n });
    heading.textContent = name;
    document.title = name;
    if (subtitle) subtitle.textContent = n === 1 ? t('corpus.subtitleOne') : t('corpus.subtitleMany', { n });
    question.placeholder = t('corpus.placeholder');
    if (questionLabel) questionLabel.textContent = t('corpus.label');
    const listNode = starters.querySelector('ul');
    if (listNode && corpus.starters.length > 0) {
      listNode.replaceChildren(
        ...corpus.starters.map((s) => {
          const button = el('button', { className: 'starter', text: s.question, attrs: { type: 'button', 'data-question': s.question } });
          button.addEventListener('click', () => onStarter(s.question));
          return el('li', {}, [button]);
        }),
      );
    }
  }

  async function refresh() {
    try {
      corpus = await api.corpus();
      render();
    } catch {
      // Keep the built-in wording: the page still works without it.
    }
  }

  onLanguageChange(render);
  return { refresh };
}

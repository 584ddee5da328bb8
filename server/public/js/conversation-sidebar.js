/**
 * The stored conversations: a sidebar on wide screens, a drawer on phones. Lists (newest first),
 * switches, renames and deletes conversations through /api/conversations, and remembers the open one
 * in localStorage so a reload shows it again. The chat itself is rendered by app.js (onOpen / onNew).
 */
import { el } from './dom.js';
import { ApiError } from './api-errors.js';
import { onLanguageChange, registerStrings, t } from './i18n.js';

/** @typedef {import('../types/api.js').ConversationDetail} ConversationDetail */
/** @typedef {import('../types/api.js').ConversationList} ConversationList */
/** @typedef {import('../types/api.js').ConversationSummary} ConversationSummary */
/** @typedef {import('../types/api.js').Health} Health */

/** What a failed request says to the reader (requests fail with Errors: ApiError, or AbortError). @param {unknown} err */
const errorText = (err) => (err instanceof Error ? err.message : String(err));

registerStrings({
  en: {
    'sidebar.title': 'Conversations',
    'sidebar.toggle': 'Conversations',
    'sidebar.close': 'Close',
    'sidebar.empty': 'No conversations yet. Ask a question to start one.',
    'sidebar.loadFailed': 'Conversations could not be loaded: {message}',
    'sidebar.open': 'Open conversation: {title}',
    'sidebar.rename': 'Rename',
    'sidebar.renameLabel': 'New title for “{title}”',
    'sidebar.save': 'Save',
    'sidebar.cancel': 'Cancel',
    'sidebar.delete': 'Delete',
    'sidebar.confirmDelete': 'Delete “{title}”? This cannot be undone.',
    'sidebar.turns': '{n} questions',
    'sidebar.gone': 'That conversation no longer exists.',
    'sidebar.locked': 'Your conversations appear here once you have entered the API key.',
  },
  zh: {
    'sidebar.title': '对话',
    'sidebar.toggle': '对话列表',
    'sidebar.close': '关闭',
    'sidebar.empty': '还没有对话。提一个问题就会开始一个新对话。',
    'sidebar.loadFailed': '无法加载对话:{message}',
    'sidebar.open': '打开对话:{title}',
    'sidebar.rename': '重命名',
    'sidebar.renameLabel': '“{title}”的新标题',
    'sidebar.save': '保存',
    'sidebar.cancel': '取消',
    'sidebar.delete': '删除',
    'sidebar.confirmDelete': '删除“{title}”?此操作无法撤销。',
    'sidebar.turns': '{n} 个问题',
    'sidebar.gone': '该对话已不存在。',
    'sidebar.locked': '输入 API 密钥后,这里会显示你的对话。',
  },
});

const CURRENT_KEY = 'corpus-qa.conversation';
const PHONE = '(max-width: 720px)';

/**
 * @param {{
 *   api: {json: (path: string, init?: import('./api-client.js').JsonInit) => Promise<unknown>},
 *   header: HTMLElement,
 *   insertBefore: HTMLElement,
 *   storage: Storage,
 *   onOpen: (detail: ConversationDetail) => void,
 *   onNew: () => void,
 *   onStatus: (message: string) => void,
 *   confirm: (message: string) => boolean,
 * }} deps
 */
export function createConversationSidebar({ api, header, insertBefore, storage, onOpen, onNew, onStatus, confirm }) {
  const phone = window.matchMedia(PHONE);
  let current = storage.getItem(CURRENT_KEY) ?? undefined;
  /** @type {ConversationSummary[]} */
  let items = [];

  const heading = el('h2', { className: 'sidebar-title', attrs: { id: 'sidebar-title' } });
  const close = el('button', { className: 'button button-secondary sidebar-close', attrs: { type: 'button' } });
  const list = el('ul', { className: 'sidebar-list' });
  const message = el('p', { className: 'sidebar-message' });
  const nav = el('nav', { className: 'conversation-sidebar', attrs: { id: 'conversation-sidebar', 'aria-labelledby': 'sidebar-title' } }, [
    el('div', { className: 'sidebar-header' }, [heading, close]),
    message,
    list,
  ]);
  const backdrop = el('div', { className: 'sidebar-backdrop', hidden: true });
  const toggle = el('button', { className: 'button button-secondary sidebar-toggle', attrs: { type: 'button', 'aria-controls': 'conversation-sidebar', 'aria-expanded': 'false' } });
  document.body.prepend(nav, backdrop);
  document.body.classList.add('with-sidebar');
  header.insertBefore(toggle, insertBefore);

  /** @param {boolean} open */
  function setDrawer(open) {
    nav.classList.toggle('is-open', open);
    backdrop.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) (/** @type {HTMLButtonElement | null} */ (list.querySelector('[aria-current="true"]')) ?? list.querySelector('button') ?? close).focus();
  }
  const closeDrawerOnPhone = () => {
    if (phone.matches && nav.classList.contains('is-open')) {
      setDrawer(false);
      toggle.focus();
    }
  };
  toggle.addEventListener('click', () => setDrawer(!nav.classList.contains('is-open')));
  close.addEventListener('click', closeDrawerOnPhone);
  backdrop.addEventListener('click', closeDrawerOnPhone);
  nav.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') closeDrawerOnPhone();
  });

  /** @param {string | undefined} id */
  function remember(id) {
    current = id;
    if (id) storage.setItem(CURRENT_KEY, id);
    else storage.removeItem(CURRENT_KEY);
    for (const b of /** @type {NodeListOf<HTMLButtonElement>} */ (list.querySelectorAll('.sidebar-open'))) b.setAttribute('aria-current', String(b.dataset.id === id));
  }

  /** @param {ConversationSummary} item @param {HTMLElement} row */
  function renameForm(item, row) {
    const input = el('input', { className: 'sidebar-rename-input', attrs: { type: 'text', maxlength: '120', 'aria-label': t('sidebar.renameLabel', { title: item.title }) } });
    input.value = item.title;
    const save = el('button', { className: 'button button-primary', text: t('sidebar.save'), attrs: { type: 'submit' } });
    const cancel = el('button', { className: 'button button-secondary', text: t('sidebar.cancel'), attrs: { type: 'button' } });
    const form = el('form', { className: 'sidebar-rename' }, [input, save, cancel]);
    cancel.addEventListener('click', () => render());
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const title = input.value.trim();
      if (!title) return input.focus();
      try {
        await api.json(`/api/conversations/${encodeURIComponent(item.id)}`, { method: 'PATCH', body: { title } });
        await refresh();
      } catch (err) {
        onStatus(errorText(err));
      }
    });
    row.replaceChildren(form);
    input.focus();
    input.select();
  }

  function render() {
    heading.textContent = t('sidebar.title');
    close.textContent = t('sidebar.close');
    toggle.textContent = t('sidebar.toggle');
    message.textContent = items.length ? '' : t('sidebar.empty');
    message.hidden = items.length > 0;
    list.replaceChildren(
      ...items.map((item) => {
        const open = el('button', {
          className: 'sidebar-open',
          attrs: { type: 'button', 'data-id': item.id, 'aria-current': String(item.id === current), title: item.title },
        }, [el('span', { className: 'sidebar-item-title', text: item.title }), el('span', { className: 'sidebar-item-meta', text: t('sidebar.turns', { n: item.turns }) })]);
        open.setAttribute('aria-label', t('sidebar.open', { title: item.title }));
        const rename = el('button', { className: 'sidebar-action sidebar-rename-button', text: t('sidebar.rename'), attrs: { type: 'button' } });
        const del = el('button', { className: 'sidebar-action sidebar-delete', text: t('sidebar.delete'), attrs: { type: 'button' } });
        const row = el('li', { className: 'sidebar-item' }, [open, el('div', { className: 'sidebar-actions' }, [rename, del])]);
        open.addEventListener('click', () => void openConversation(item.id));
        rename.addEventListener('click', () => renameForm(item, row));
        del.addEventListener('click', async () => {
          if (!confirm(t('sidebar.confirmDelete', { title: item.title }))) return;
          try {
            await api.json(`/api/conversations/${encodeURIComponent(item.id)}`, { method: 'DELETE' });
            if (item.id === current) {
              remember(undefined);
              onNew();
            }
            await refresh();
          } catch (err) {
            onStatus(errorText(err));
          }
        });
        return row;
      }),
    );
  }

  function disable() {
    nav.hidden = true;
    toggle.hidden = true;
    document.body.classList.remove('with-sidebar');
  }

  /** `quiet`: a background load that must not open the API-key dialog (a 401 just waits for the key). */
  async function refresh({ quiet = false } = {}) {
    try {
      items = /** @type {ConversationList} */ (await api.json('/api/conversations?limit=100', { promptForKey: !quiet })).conversations;
      render();
    } catch (err) {
      items = [];
      render();
      message.hidden = false;
      message.textContent = err instanceof ApiError && err.status === 401 ? t('sidebar.locked') : t('sidebar.loadFailed', { message: errorText(err) });
    }
  }

  /** @param {string} id */
  async function openConversation(id) {
    try {
      const detail = /** @type {ConversationDetail} */ (await api.json(`/api/conversations/${encodeURIComponent(id)}`));
      remember(id);
      onOpen(detail);
      closeDrawerOnPhone();
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        remember(undefined);
        onStatus(t('sidebar.gone'));
        await refresh();
      } else onStatus(errorText(err));
    }
  }

  onLanguageChange(render);
  render();

  return {
    /** The open conversation's id: sent with the next question. */
    currentId: () => current,
    /** After an answer: it belongs to this conversation now (new ones appear at the top of the list). */
    /** @param {{conversationId?: string}} result */
    answered(result) {
      if (!result.conversationId) return;
      remember(result.conversationId);
      void refresh();
    },
    /** "New conversation": nothing is open until the first answer arrives. */
    startNew() {
      remember(undefined);
    },
    /** Page load: the list, and the conversation that was open before the reload. */
    async restore() {
      // /api/health (never behind a key) says whether this server stores conversations at all.
      const health = /** @type {Health | null} */ (await api.json('/api/health', { promptForKey: false }).catch(() => null));
      if (!health?.storage) return disable();
      await refresh({ quiet: true });
      if (current && items.some((i) => i.id === current)) await openConversation(current);
      else remember(undefined);
    },
  };
}

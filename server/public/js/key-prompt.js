import { registerStrings, t } from './i18n.js';

// The dialog's fixed text is in index.html (data-i18n keys); its words live here with the code that shows it.
registerStrings({
  en: {
    'key.title': 'API key required',
    'key.intro': 'This server needs an API key. It is kept only for this browser tab.',
    'key.retry': 'That key was not accepted. Enter a valid API key.',
    'key.label': 'API key',
    'key.cancel': 'Cancel',
    'key.continue': 'Continue',
  },
  zh: {
    'key.title': '需要 API 密钥',
    'key.intro': '此服务器需要 API 密钥。密钥只保存在这个浏览器标签页中。',
    'key.retry': '该密钥未被接受。请输入有效的 API 密钥。',
    'key.label': 'API 密钥',
    'key.cancel': '取消',
    'key.continue': '继续',
  },
});

/**
 * Asks for the API key in a <dialog> (a window.prompt would show the key in clear text).
 * Resolves with the key, or null if the reader cancels.
 *
 * @param {HTMLDialogElement} dialog
 * @returns {(retrying: boolean) => Promise<string | null>}
 */
export function createKeyPrompt(dialog) {
  const input = /** @type {HTMLInputElement} */ (dialog.querySelector('input'));
  const text = /** @type {HTMLElement} */ (dialog.querySelector('#key-dialog-text'));
  // Cancel is a plain button so that Enter in the input submits "ok" (the form's first submit button).
  dialog.querySelector('#key-cancel')?.addEventListener('click', () => dialog.close('cancel'));

  return (retrying) =>
    new Promise((resolve) => {
      text.textContent = t(retrying ? 'key.retry' : 'key.intro');
      input.value = '';
      dialog.returnValue = '';
      dialog.addEventListener(
        'close',
        () => {
          const key = input.value.trim();
          input.value = '';
          resolve(dialog.returnValue === 'ok' && key ? key : null);
        },
        { once: true },
      );
      dialog.showModal();
      input.focus();
    });
}

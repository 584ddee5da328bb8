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
  const intro = text.textContent;
  // Cancel is a plain button so that Enter in the input submits "ok" (the form's first submit button).
  dialog.querySelector('#key-cancel')?.addEventListener('click', () => dialog.close('cancel'));

  return (retrying) =>
    new Promise((resolve) => {
      text.textContent = retrying ? 'That key was not accepted. Enter a valid API key.' : intro;
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

/**
 * The one way the page builds elements. Text always goes in through textContent, never innerHTML,
 * so corpus text, questions and answers can never become markup.
 *
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {{className?: string, text?: string, attrs?: Record<string, string>, hidden?: boolean}} [props]
 * @param {Array<Node | string>} [children]
 * @returns {HTMLElementTagNameMap[K]} the element of that tag's own type (an <input> is an HTMLInputElement)
 */
export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  if (props.hidden) node.hidden = true;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

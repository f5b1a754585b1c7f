// API key entry: kept in this browser's localStorage and sent as `Authorization: Bearer …`.
import { api, apiKey, setApiKey } from '../api/client';
import { errorBox, h } from '../dom';

export function keyView(root: HTMLElement): () => void {
  const input = h('input', { type: 'password', name: 'apiKey', autocomplete: 'off', placeholder: 'rl_…', value: apiKey(), size: 52 });
  const result = h('div', { class: 'key-result' });
  const check = async () => {
    result.replaceChildren(h('span', { class: 'hint' }, 'checking…'));
    try {
      const page = await api.jobs({ limit: 1 });
      result.replaceChildren(h('div', { class: 'message ok', role: 'status' }, page.jobs.length ? 'The key works.' : 'The key works; its project has no jobs yet.'));
    } catch (error) {
      result.replaceChildren(errorBox(error));
    }
  };
  const form = h(
    'form',
    { class: 'card narrow' },
    h('label', {}, 'API key', input),
    h('p', { class: 'hint' }, 'Kept in this browser only (localStorage) and sent to the API with every request. Ask an admin for a key (POST /api/v1/api-keys), or leave it empty when the API runs without authentication.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Save'), h('button', { type: 'button', onclick: () => ((input.value = ''), setApiKey(''), result.replaceChildren(h('div', { class: 'message ok' }, 'Key forgotten.'))) }, 'Forget')),
    result,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    setApiKey(input.value);
    void check();
  });
  root.append(h('div', { class: 'page-head' }, h('h1', {}, 'API key')), form);
  return () => {};
}

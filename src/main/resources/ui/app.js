'use strict';
// First dashboard page: lists updates and acknowledges them. All text goes in via textContent.
(function () {
  const form = document.getElementById('filters');
  const tbody = document.querySelector('#updates tbody');
  const params = new URLSearchParams(location.search);
  form.state.value = params.get('state') || 'pending';
  form.q.value = params.get('q') || '';
  document.getElementById('webhook-url').textContent = location.origin + '/webhook';

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  async function api(method, path) {
    const res = await fetch(path, { method, headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error((await res.json().catch(() => ({}))).detail || res.statusText);
    return res.status === 204 ? null : res.json();
  }

  async function load() {
    const q = new URLSearchParams({ state: form.state.value, limit: '200' });
    if (form.q.value) q.set('q', form.q.value);
    history.replaceState(null, '', '?' + q.toString().replace('&limit=200', ''));
    const [page, summary] = await Promise.all([api('GET', '/api/updates?' + q), api('GET', '/api/summary')]);
    document.getElementById('summary').textContent =
      `${summary.pending} pending · ${summary.acknowledged} acknowledged · ${summary.hosts} hosts`;
    document.getElementById('empty').hidden = summary.total !== 0;
    tbody.replaceChildren(...page.items.map(row));
  }

  function row(u) {
    const tr = el('tr');
    tr.append(el('td', u.image, 'image'), el('td', u.hostname));
    const status = el('td');
    status.append(el('span', u.status, 'badge'));
    const seen = el('td', new Date(u.lastSeen).toLocaleString());
    const actions = el('td');
    const button = el('button', u.acknowledgedAt ? 'Re-open' : 'Acknowledge');
    button.type = 'button';
    button.setAttribute('aria-label', (u.acknowledgedAt ? 'Re-open ' : 'Acknowledge ') + u.image + ' on ' + u.hostname);
    button.addEventListener('click', async () => {
      await api(u.acknowledgedAt ? 'DELETE' : 'POST', `/api/updates/${u.id}/acknowledge`);
      load();
    });
    actions.append(button);
    tr.append(status, seen, actions);
    return tr;
  }

  form.addEventListener('change', load);
  form.addEventListener('submit', (e) => { e.preventDefault(); load(); });
  load();
})();

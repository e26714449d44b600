'use strict';
// DiunDashboard page. Plain JavaScript, no build step, no CDN. Every piece of data from the server
// is written with textContent (never innerHTML), so image names and metadata stay inert.
(function () {
  const PAGE = 100;
  const $ = (selector, root = document) => root.querySelector(selector);
  const form = $('#filters');
  const sectionsBox = $('#sections');
  const selected = new Set();
  let tags = [];
  let hosts = [];
  let sections = [];
  let matchingTotal = 0;
  let reloadTimer = null;
  let generation = 0;

  // ---- HTTP -------------------------------------------------------------------------------------

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)diun_csrf=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : null;
  }

  async function api(method, path, body) {
    const options = { method, headers: { Accept: 'application/json', 'X-Requested-With': 'diun-dashboard' } };
    if (method !== 'GET' && csrfToken()) options.headers['X-CSRF-Token'] = csrfToken();
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    const res = await fetch(path, options);
    if (res.status === 401) {
      location.assign('/login');
      throw new Error('Please log in');
    }
    if (!res.ok) {
      const error = await res.json().catch(() => ({}));
      throw new Error(error.detail || error.error || res.status + ' ' + res.statusText);
    }
    return res.status === 204 ? null : res.json();
  }

  function toast(message, isError) {
    const t = $('#toast');
    t.textContent = message;
    t.classList.toggle('error', !!isError);
    t.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { t.hidden = true; }, isError ? 6000 : 2500);
  }

  async function act(work, success) {
    try {
      await work();
      if (success) toast(success);
      scheduleReload(0);
    } catch (e) {
      toast(e.message, true);
    }
  }

  // ---- filters in the URL -----------------------------------------------------------------------

  const CLASSES = ['major', 'minor', 'patch', 'digest', 'other'];
  let urlStack = ''; // a stack filter comes from the URL (a link, or "acknowledge this group")

  function filtersFromUrl() {
    $('.maturity-filter').hidden = !new URLSearchParams(location.search).get('maturity');
    const p = new URLSearchParams(location.search);
    form.state.value = ['pending', 'snoozed', 'ignored', 'acknowledged', 'all'].includes(p.get('state')) ? p.get('state') : 'pending';
    form.sort.value = ['lastSeen', 'image', 'hostname'].includes(p.get('sort')) ? p.get('sort') : 'lastSeen';
    form.q.value = p.get('q') || '';
    setSelectValue(form.host, p.get('host') || '');
    setSelectValue(form.tag, p.get('tag') || '');
    form.elements['class'].value = CLASSES.includes(p.get('class')) ? p.get('class') : '';
    form.maturity.value = ['settling', 'mature'].includes(p.get('maturity')) ? p.get('maturity') : '';
    form.group.value = ['host', 'stack', 'tag'].includes(p.get('group')) ? p.get('group') : '';
    urlStack = p.get('stack') || '';
  }

  function setSelectValue(select, value) {
    if (value && ![...select.options].some((o) => o.value === value)) {
      select.append(new Option(value, value));
    }
    select.value = value;
  }

  function currentFilters() {
    const f = { state: form.state.value, sort: form.sort.value };
    if (form.host.value) f.host = form.host.value;
    if (form.tag.value) f.tag = form.tag.value;
    if (form.q.value.trim()) f.q = form.q.value.trim();
    if (form.elements['class'].value) f.class = form.elements['class'].value;
    if (form.maturity.value) f.maturity = form.maturity.value;
    if (urlStack) f.stack = urlStack;
    if (form.group.value) f.group = form.group.value;
    return f;
  }

  function writeUrl() {
    const f = currentFilters();
    const p = new URLSearchParams();
    if (f.state !== 'pending') p.set('state', f.state);
    for (const key of ['host', 'tag', 'q', 'class', 'maturity', 'stack', 'group']) if (f[key]) p.set(key, f[key]);
    if (f.sort !== 'lastSeen') p.set('sort', f.sort);
    const query = p.toString();
    const url = location.pathname + (query ? '?' + query : '');
    if (url !== location.pathname + location.search) history.pushState(null, '', url);
  }

  function query(extra) {
    const f = currentFilters();
    const p = new URLSearchParams();
    for (const key of ['host', 'tag', 'q', 'class', 'maturity', 'stack', 'group', 'sort']) if (f[key]) p.set(key, f[key]);
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    return p.toString();
  }

  // ---- loading ----------------------------------------------------------------------------------

  function scheduleReload(delay) {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(reload, delay);
  }

  async function reload() {
    const mine = ++generation;
    const state = form.state.value;
    const states = state === 'all' ? ['pending', 'snoozed', 'ignored', 'acknowledged'] : [state];
    try {
      const [summary, hostList, tagList, ...pages] = await Promise.all([
        api('GET', '/api/summary'),
        api('GET', '/api/hosts'),
        api('GET', '/api/tags'),
        ...states.map((s) => {
          const loaded = sections.find((x) => x.state === s);
          const limit = Math.min(1000, Math.max(PAGE, loaded ? loaded.items.length : PAGE));
          return api('GET', '/api/updates?' + query({ state: s, limit: String(limit) }));
        }),
      ]);
      if (mine !== generation) return;
      tags = tagList;
      renderSummary(summary);
      renderHostOptions(hostList);
      renderTagOptions();
      sections = states.map((s, i) => ({ state: s, ...flatten(pages[i]) }));
      matchingTotal = (sections.find((s) => s.state === 'pending') || { total: 0 }).total;
      render(summary);
      if ($('#tags').open) renderTagList();
      if ($('#hosts').open) renderHostList();
    } catch (e) {
      if (mine === generation) toast('Could not load updates: ' + e.message, true);
    }
  }

  async function loadMore(section) {
    try {
      const page = await api('GET', '/api/updates?' + query({
        state: section.state, limit: String(PAGE), offset: String(section.items.length),
      }));
      const more = flatten(page);
      section.items = section.items.concat(more.items);
      section.total = more.total;
      if (more.groups) section.groups = more.groups;
      render();
    } catch (e) {
      toast(e.message, true);
    }
  }

  // ---- rendering --------------------------------------------------------------------------------

  function renderSummary(summary) {
    for (const key of ['pending', 'snoozed', 'ignored', 'acknowledged', 'hosts']) {
      document.querySelector(`[data-count="${key}"]`).textContent = String(summary[key]);
    }
    document.title = (summary.pending ? `(${summary.pending}) ` : '') + 'DiunDashboard';
    const seen = $('#test-seen');
    const test = summary.lastTestNotification;
    seen.hidden = !test;
    if (test) {
      seen.textContent = `Diun on ${test.hostname || '(no hostname)'} reached the dashboard ${ago(test.at)}`
        + ` (${new Date(test.at).toLocaleString()}) with its test notification.`;
    }
  }

  function renderHostOptions(list) {
    hosts = list;
    const value = form.host.value;
    const options = [new Option('All hosts', '')];
    for (const h of list) {
      const name = h.alias ? `${h.alias} — ${h.hostname}` : h.hostname || '(no hostname)';
      options.push(new Option(`${name} (${h.pending} pending)`, h.hostname));
    }
    form.host.replaceChildren(...options);
    setSelectValue(form.host, value);
  }

  function renderTagOptions() {
    const value = form.tag.value;
    const options = [new Option('All tags', ''), new Option('No tag', 'none')];
    for (const t of tags) options.push(new Option(`${t.name} (${t.count})`, String(t.id)));
    form.tag.replaceChildren(...options);
    setSelectValue(form.tag, value);
  }

  let knownTotal = null;

  function render(summary) {
    if (summary) knownTotal = summary.total;
    $('#empty').hidden = knownTotal !== 0;
    const nothing = sections.every((s) => s.total === 0);
    $('#no-match').hidden = !(nothing && knownTotal !== 0);
    sectionsBox.replaceChildren(...sections.filter((s) => s.total > 0).map(renderSection));
    renderBulk();
  }

  const SECTION_TITLES = { pending: 'Pending', snoozed: 'Snoozed', ignored: 'Ignored', acknowledged: 'Acknowledged' };

  function renderSection(section) {
    const node = $('#section-template').content.firstElementChild.cloneNode(true);
    node.dataset.state = section.state;
    const title = SECTION_TITLES[section.state];
    node.setAttribute('aria-label', title + ' updates');
    $('.section-title', node).textContent = title;
    $('.section-count', node).textContent = `(${section.total})`;
    $('.rows', node).replaceChildren(...withGroupHeads(section));
    const more = $('.more', node);
    const left = section.total - section.items.length;
    more.hidden = left <= 0;
    more.textContent = `Show ${Math.min(PAGE, left)} more of ${left}`;
    more.addEventListener('click', () => loadMore(section));
    return node;
  }

  /** A grouped reply as a section: its items in group order, and the groups with their counts. */
  function flatten(page) {
    if (!page.groups) return { items: page.items, total: page.total, groups: null };
    return { items: page.groups.flatMap((g) => g.items), total: page.total, groups: page.groups };
  }

  function groupKeyOf(u, by) {
    if (by === 'host') return u.hostname;
    if (by === 'stack') return u.stack;
    return u.tag ? String(u.tag.id) : 'none';
  }

  /** The rows, with a heading (label, count, "acknowledge this group") where a group starts. */
  function withGroupHeads(section) {
    const by = form.group.value;
    if (!section.groups || !by) return section.items.map(renderRow);
    const groups = new Map(section.groups.map((g) => [g.key, g]));
    const nodes = [];
    let current;
    for (const u of section.items) {
      const key = groupKeyOf(u, by);
      if (nodes.length === 0 || key !== current) {
        current = key;
        nodes.push(renderGroupHead(groups.get(key) || { key, label: String(key), count: 0 }, by, section.state));
      }
      nodes.push(renderRow(u));
    }
    return nodes;
  }

  function renderGroupHead(group, by, state) {
    const head = document.createElement('li');
    head.className = 'group-head';
    const title = document.createElement('h3');
    title.textContent = `${group.label} (${group.count})`;
    head.append(title);
    if (state === 'pending' && group.key !== null) {
      const ack = document.createElement('button');
      ack.type = 'button';
      ack.className = 'secondary';
      ack.textContent = 'Acknowledge this group';
      ack.dataset.needs = 'operator';
      ack.setAttribute('aria-label', `Acknowledge the ${group.count} pending updates of ${by} ${group.label}`);
      ack.addEventListener('click', () => {
        const f = currentFilters();
        const body = { state: 'pending', host: f.host, tag: f.tag, q: f.q, class: f.class,
          maturity: f.maturity, stack: f.stack };
        body[by] = group.key;
        act(async () => {
          const result = await api('POST', '/api/updates/acknowledge', body);
          toast(`Acknowledged ${result.acknowledged} update(s)`);
        });
      });
      head.append(ack);
    }
    return head;
  }

  function hostLabel(u) {
    return u.hostAlias || u.hostname || '(no hostname)';
  }

  /**
   * Friendly names of the metadata keys Diun's providers send (Docker, Swarm, Kubernetes, Nomad,
   * containerd) and of the usual stack labels; any other key shows as it is.
   */
  const FACT_NAMES = {
    ctn_id: 'Container ID', ctn_names: 'Container', ctn_name: 'Container', ctn_command: 'Command',
    ctn_createdat: 'Container created', ctn_updatedat: 'Container updated', ctn_state: 'State',
    ctn_status: 'Status', ctn_size: 'Size', ctn_image: 'Image', ctn_namespace: 'containerd namespace',
    ctn_runtime: 'Runtime', ctn_snapshotter: 'Snapshotter', ctn_snapshot_key: 'Snapshot key',
    svc_id: 'Swarm service ID', svc_createdat: 'Service created', svc_updatedat: 'Service updated',
    pod_name: 'Pod', pod_namespace: 'Namespace', pod_status: 'Pod status', pod_createdat: 'Pod created',
    job_id: 'Nomad job ID', job_name: 'Nomad job', job_namespace: 'Nomad namespace', job_status: 'Job status',
    taskgroup_name: 'Task group', task_name: 'Task', task_driver: 'Task driver', task_user: 'Task user',
    compose_project: 'Compose project', 'com.docker.compose.project': 'Compose project', stack: 'Stack',
  };
  const FACT_CHARACTERS = 120;

  /** The metadata under friendly names; a long value (a pod's status) shortened here, kept whole in the payload. */
  function renderFacts(u, row) {
    const meta = asObject(u.metadata);
    const keys = Object.keys(meta);
    if (!keys.length) return;
    const list = $('.fact-list', row);
    for (const key of keys) {
      const name = document.createElement('dt');
      name.textContent = FACT_NAMES[key] || key;
      name.title = key;
      const value = document.createElement('dd');
      const full = typeof meta[key] === 'string' ? meta[key] : JSON.stringify(meta[key]);
      if (full.length > FACT_CHARACTERS) {
        value.textContent = full.slice(0, FACT_CHARACTERS - 1) + '…';
        value.title = `Shortened from ${full.length} characters; the history's raw payload has all of it`;
      } else {
        value.textContent = full;
      }
      list.append(name, value);
    }
    $('.facts', row).hidden = false;
  }

  function splitImage(image) {
    let rest = image;
    let digest = '';
    const at = rest.indexOf('@');
    if (at >= 0) { digest = rest.slice(at); rest = rest.slice(0, at); }
    const slash = rest.lastIndexOf('/');
    const colon = rest.lastIndexOf(':');
    if (colon > slash) return { repo: rest.slice(0, colon), tag: rest.slice(colon) + digest };
    return { repo: rest, tag: digest };
  }

  function ago(iso) {
    const seconds = Math.max(0, (Date.now() - new Date(iso).getTime()) / 1000);
    if (seconds < 60) return 'just now';
    if (seconds < 3600) return Math.floor(seconds / 60) + ' min ago';
    if (seconds < 86400) return Math.floor(seconds / 3600) + ' h ago';
    if (seconds < 86400 * 60) return Math.floor(seconds / 86400) + ' d ago';
    return Math.floor(seconds / (86400 * 30)) + ' mo ago';
  }

  function safeLink(url) {
    try {
      const parsed = new URL(url);
      return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  function renderRow(u) {
    const row = $('#row-template').content.firstElementChild.cloneNode(true);
    const where = `${u.image} on ${hostLabel(u)}`;
    row.dataset.id = String(u.id);
    row.classList.toggle('acknowledged', !!u.acknowledgedAt);
    const parts = splitImage(u.image);
    $('.repo', row).textContent = parts.repo;
    $('.tagname', row).textContent = parts.tag;
    const badge = $('.badge', row);
    badge.textContent = u.status || 'unknown';
    badge.classList.add(u.status === 'new' ? 'new' : 'update');
    const host = $('.host', row);
    host.textContent = hostLabel(u);
    if (u.hostAlias) host.title = 'Hostname sent by Diun: ' + u.hostname;
    $('.platform', row).textContent = u.platform || '';
    const chip = $('.chip', row);
    if (u.tag) { chip.textContent = u.tag.name; chip.hidden = false; }
    const time = $('.ago', row);
    time.dateTime = u.lastSeen;
    time.textContent = ago(u.lastSeen);
    time.title = new Date(u.lastSeen).toLocaleString() + ' (' + u.lastSeen + ')';
    const link = u.hubLink ? safeLink(u.hubLink) : null;
    if (link) {
      const hub = $('.hub', row);
      hub.href = link;
      hub.hidden = false;
      hub.setAttribute('aria-label', 'Registry page of ' + u.image);
    }

    renderWhatChanged(u, row);
    renderFacts(u, row);
    const notes = u.releaseNotesUrl ? safeLink(u.releaseNotesUrl) : null;
    if (notes) {
      const a = $('.notes', row);
      a.href = notes;
      a.hidden = false;
      a.setAttribute('aria-label', 'Release notes of ' + u.image);
    }
    if (u.stack) {
      const stack = $('.stack-link', row);
      stack.textContent = 'stack ' + u.stack;
      stack.href = '?' + new URLSearchParams({ stack: u.stack }).toString();
      stack.setAttribute('aria-label', 'Only the stack ' + u.stack);
      stack.hidden = false;
    }
    if (u.created) {
      const built = $('.built-at', row);
      built.dateTime = u.created;
      built.textContent = ago(u.created);
      built.title = new Date(u.created).toLocaleString() + ' (' + u.created + ')';
      $('.built', row).hidden = false;
    }
    if (u.maturity) {
      const maturity = $('.maturity', row);
      maturity.textContent = u.maturity;
      maturity.classList.add(u.maturity);
      maturity.title = u.maturity === 'settling'
        ? 'Built recently: younger than MATURITY_DAYS' : 'Built longer ago than MATURITY_DAYS';
      maturity.hidden = false;
      $('.maturity-filter').hidden = false;
    }
    if (u.ignoredBy) {
      const ignored = $('.ignored', row);
      ignored.textContent = 'ignored by rule ' + u.ignoredBy;
      ignored.hidden = false;
    }
    if (u.snoozedUntil) {
      const until = $('.snoozed-until', row);
      until.dateTime = u.snoozedUntil;
      until.textContent = new Date(u.snoozedUntil).toLocaleString();
      $('.snoozed', row).hidden = false;
    }
    const snooze = $('.snooze-select', row);
    snooze.setAttribute('aria-label', 'Snooze ' + where);
    snooze.closest('.snooze').hidden = !!u.acknowledgedAt;
    snooze.addEventListener('change', () => {
      if (!snooze.value) return;
      act(() => api('POST', `/api/updates/${u.id}/snooze`, { days: Number(snooze.value) }),
        `Snoozed for ${snooze.options[snooze.selectedIndex].text}`);
    });
    const unsnooze = $('.unsnooze', row);
    unsnooze.hidden = !u.snoozedUntil || !!u.acknowledgedAt;
    unsnooze.setAttribute('aria-label', 'Unsnooze ' + where);
    unsnooze.addEventListener('click', () => act(() => api('DELETE', `/api/updates/${u.id}/snooze`), 'Unsnoozed'));

    const box = $('.select', row);
    box.checked = selected.has(u.id);
    box.disabled = !!u.acknowledgedAt;
    box.setAttribute('aria-label', 'Select ' + where);
    box.addEventListener('change', () => {
      if (box.checked) selected.add(u.id); else selected.delete(u.id);
      selectAllMatching = false;
      renderBulk();
    });

    const ack = $('.ack', row);
    ack.textContent = u.acknowledgedAt ? 'Re-open' : 'Acknowledge';
    ack.setAttribute('aria-label', (u.acknowledgedAt ? 'Re-open ' : 'Acknowledge ') + where);
    ack.addEventListener('click', () => act(
      () => api(u.acknowledgedAt ? 'DELETE' : 'POST', `/api/updates/${u.id}/acknowledge`),
      u.acknowledgedAt ? 'Re-opened' : 'Acknowledged'));

    const tagSelect = $('.tag-select', row);
    tagSelect.setAttribute('aria-label', 'Tag of ' + where);
    tagSelect.append(new Option('No tag', ''));
    for (const t of tags) tagSelect.append(new Option(t.name, String(t.id)));
    tagSelect.value = u.tag ? String(u.tag.id) : '';
    tagSelect.addEventListener('change', () => act(() => (tagSelect.value
      ? api('PUT', `/api/updates/${u.id}/tag`, { tagId: Number(tagSelect.value) })
      : api('DELETE', `/api/updates/${u.id}/tag`)), 'Tag saved'));

    const history = $('.history', row);
    history.setAttribute('aria-label', 'History of ' + where);
    history.addEventListener('click', () => openHistory(u.id));

    const del = $('.delete', row);
    del.setAttribute('aria-label', 'Delete ' + where);
    del.addEventListener('click', () => confirmDelete(u, where));
    return row;
  }

  const JUMP_NAMES = { major: 'major', minor: 'minor', patch: 'patch', digest: 'digest update', other: 'other' };

  function shortDigest(digest) {
    const hex = digest.indexOf(':');
    return hex >= 0 && digest.length > hex + 13 ? digest.slice(0, hex + 13) + '…' : digest;
  }

  function showDigest(node, digest) {
    node.textContent = shortDigest(digest);
    node.title = digest;
    node.setAttribute('aria-label', digest);
  }

  /** The version jump, the digest (a multi-platform index or one manifest) and the one it replaced. */
  function renderWhatChanged(u, row) {
    if (u.version) {
      const jump = $('.jump', row);
      $('.jump-text', jump).textContent = u.version.class === 'digest'
        ? u.version.latest + ': new image behind the same tag'
        : u.version.current + ' → ' + u.version.latest;
      const badge = $('.jump-class', jump);
      badge.textContent = JUMP_NAMES[u.version.class] || u.version.class;
      badge.className = 'jump-class badge class-' + u.version.class;
      jump.hidden = false;
    }
    const digests = $('.digests', row);
    if (!u.digest) { digests.hidden = true; return; }
    $('.kind', digests).textContent = u.manifestList ? 'Multi-platform index' : 'Manifest';
    $('.kind', digests).title = u.manifestList
      ? 'A manifest list: the registry shows a digest per platform, not this one'
      : 'A single-platform image manifest';
    showDigest($('.digest', digests), u.digest);
    const copy = $('.copy', digests);
    if (navigator.clipboard) {
      copy.hidden = false;
      copy.setAttribute('aria-label', 'Copy the digest of ' + u.image);
      copy.addEventListener('click', () => navigator.clipboard.writeText(u.digest)
        .then(() => toast('Digest copied'), () => toast('Could not copy', true)));
    }
    if (u.previousDigest) {
      const was = $('.was', digests);
      showDigest($('.previous', was), u.previousDigest);
      const until = $('.until', was);
      until.dateTime = u.previousSeenAt;
      until.textContent = ago(u.previousSeenAt);
      until.title = new Date(u.previousSeenAt).toLocaleString() + ' (' + u.previousSeenAt + ')';
      was.hidden = false;
    }
  }

  // ---- selection and bulk acknowledgement -------------------------------------------------------

  let selectAllMatching = false;

  function renderBulk() {
    const bulk = $('#bulk');
    const count = selectAllMatching ? matchingTotal : selected.size;
    bulk.hidden = count === 0;
    $('#bulk-count').textContent = selectAllMatching
      ? `All ${matchingTotal} pending updates matching the filters are selected.`
      : `${selected.size} selected.`;
    const matching = $('#select-matching');
    matching.hidden = selectAllMatching || matchingTotal <= selected.size;
    matching.textContent = `Select all ${matchingTotal} pending matching the filters`;
  }

  $('#select-matching').addEventListener('click', () => { selectAllMatching = true; renderBulk(); });
  $('#bulk-clear').addEventListener('click', () => { clearSelection(); render(); });

  function clearSelection() {
    selected.clear();
    selectAllMatching = false;
  }

  $('#bulk-ack').addEventListener('click', () => {
    const f = currentFilters();
    const body = selectAllMatching
      ? { state: 'pending', host: f.host, tag: f.tag, q: f.q, class: f.class, maturity: f.maturity, stack: f.stack }
      : { ids: [...selected] };
    act(async () => {
      const result = await api('POST', '/api/updates/acknowledge', body);
      clearSelection();
      toast(`Acknowledged ${result.acknowledged} update(s)`);
    });
  });

  // ---- dialogs ----------------------------------------------------------------------------------

  // The detail carries the newest events; older ones are paged on demand. Each event says what
  // changed from the next older one loaded, so the history reads as a timeline.
  let historyOf = null;
  let historyEvents = []; // loaded so far, newest first
  let historyTotal = 0;

  async function openHistory(id) {
    const dialog = $('#history');
    const list = $('#history-events');
    const older = $('#history-older');
    list.replaceChildren();
    older.hidden = true;
    historyOf = id;
    historyEvents = [];
    historyTotal = 0;
    $('#history-title').textContent = 'History';
    $('#history-summary').textContent = 'Loading…';
    dialog.showModal();
    try {
      const detail = await api('GET', '/api/updates/' + id);
      if (historyOf !== id) return;
      $('#history-title').textContent = 'History of ' + detail.image;
      $('#history-summary').textContent = `${hostLabel(detail)} · seen ${detail.seenCount} time(s)`
        + ` · first ${new Date(detail.firstSeen).toLocaleString()}`;
      appendEvents(detail.events, detail.eventCount);
    } catch (e) {
      $('#history-summary').textContent = 'Could not load the history: ' + e.message;
    }
  }

  $('#history-older').addEventListener('click', async () => {
    const id = historyOf;
    const offset = historyEvents.length;
    try {
      const page = await api('GET', `/api/updates/${id}/events?offset=${offset}&limit=20`);
      if (historyOf === id) appendEvents(page.items, page.total);
    } catch (e) {
      toast('Could not load older events: ' + e.message, true);
    }
  });

  function appendEvents(events, total) {
    const list = $('#history-events');
    const known = new Set(historyEvents.map((e) => e.id));
    const fresh = events.filter((e) => !known.has(e.id)); // an event arrived meanwhile: pages shift
    const before = historyEvents.length;
    historyEvents = historyEvents.concat(fresh);
    historyTotal = total;
    list.append(...fresh.map((e, i) => renderEvent(e, before + i)));
    // The oldest one shown before had nothing to compare with; now it may have.
    if (before > 0) refreshChanges(before - 1);
    const older = $('#history-older');
    const remaining = historyTotal - historyEvents.length;
    older.hidden = remaining <= 0;
    older.textContent = `Show older events (${remaining} more)`;
    if (remaining <= 0 && historyEvents.length) refreshChanges(historyEvents.length - 1);
  }

  function refreshChanges(index) {
    const item = $('#history-events').children[index];
    if (item) $('.changes', item).replaceWith(renderChanges(index));
  }

  function renderEvent(e, index) {
    const item = document.createElement('li');
    item.className = 'event';
    const head = document.createElement('div');
    head.className = 'event-head';
    const when = document.createElement('time');
    when.dateTime = e.receivedAt;
    when.textContent = new Date(e.receivedAt).toLocaleString();
    when.title = e.receivedAt;
    const status = document.createElement('span');
    status.className = 'badge ' + (e.status === 'new' ? 'new' : 'update');
    status.textContent = e.status || 'unknown';
    head.append(when, status);
    if (e.digest) head.append(digestCode(e.digest));
    item.append(head, renderChanges(index), renderRaw(e, when.textContent));
    return item;
  }

  /** The payload as received, behind a toggle, with a copy button where the clipboard is there. */
  function renderRaw(e, when) {
    const raw = document.createElement('details');
    raw.className = 'raw';
    const summary = document.createElement('summary');
    summary.textContent = 'Raw payload';
    const payload = document.createElement('pre');
    payload.tabIndex = 0;
    payload.setAttribute('aria-label', 'Payload received ' + e.receivedAt);
    payload.textContent = JSON.stringify(e.payload, null, 2);
    raw.append(summary);
    if (navigator.clipboard) {
      const copy = document.createElement('button');
      copy.type = 'button';
      copy.className = 'copy link';
      copy.textContent = 'Copy';
      copy.setAttribute('aria-label', 'Copy the payload received ' + when);
      copy.addEventListener('click', () => navigator.clipboard.writeText(payload.textContent)
        .then(() => toast('Payload copied'), () => toast('Could not copy', true)));
      raw.append(copy);
    }
    raw.append(payload);
    return raw;
  }

  function digestCode(digest) {
    const code = document.createElement('code');
    code.tabIndex = 0;
    showDigest(code, digest);
    return code;
  }

  const asObject = (v) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const TOLD = new Set(['digest', 'status', 'created', 'metadata']);

  /** A value from a payload as short text: strings as they are, anything else as JSON. */
  function shown(value) {
    if (value === undefined || value === null || value === '') return '(none)';
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return text.length > 60 ? text.slice(0, 59) + '…' : text;
  }

  function buildTime(created) {
    const node = document.createElement('time');
    const date = typeof created === 'string' ? new Date(created) : null;
    if (date && !Number.isNaN(date.getTime())) {
      node.dateTime = created;
      node.textContent = date.toLocaleString();
      node.title = created;
    } else {
      node.textContent = shown(created);
    }
    return node;
  }

  /** "ctn_state running → exited", "+ctn_names" (added), "−ctn_id" (removed), in the newer's order. */
  function metadataChanges(olderMeta, newerMeta) {
    const was = asObject(olderMeta);
    const now = asObject(newerMeta);
    const changed = [];
    const added = [];
    for (const key of Object.keys(now)) {
      if (!(key in was)) added.push('+' + key);
      else if (!same(was[key], now[key])) changed.push(`${key} ${shown(was[key])} → ${shown(now[key])}`);
    }
    const removed = Object.keys(was).filter((key) => !(key in now)).map((key) => '−' + key);
    return changed.concat(added, removed);
  }

  /** What the event at index changed from the next older one loaded. */
  function renderChanges(index) {
    const e = historyEvents[index];
    const older = historyEvents[index + 1];
    if (!older) {
      const edge = document.createElement('p');
      edge.className = 'changes edge';
      edge.textContent = historyEvents.length < historyTotal ? 'Older events not loaded' : 'First seen';
      return edge;
    }
    const list = document.createElement('ul');
    list.className = 'changes';
    list.setAttribute('aria-label', 'Changed since the event before');
    const add = (what, ...parts) => {
      const item = document.createElement('li');
      const label = document.createElement('span');
      label.className = 'change-what';
      label.textContent = what + ': ';
      item.append(label, ...parts);
      list.append(item);
    };
    const from = (a, b) => [a, ' → ', b];
    const digestOf = (event) => (event.digest ? digestCode(event.digest) : '(none)');
    if ((e.digest || '') !== (older.digest || '')) add('digest', ...from(digestOf(older), digestOf(e)));
    if ((e.status || '') !== (older.status || '')) add('status', ...from(shown(older.status), shown(e.status)));
    const now = asObject(e.payload);
    const was = asObject(older.payload);
    if (!same(was.created, now.created)) add('image built', ...from(buildTime(was.created), buildTime(now.created)));
    const meta = metadataChanges(was.metadata, now.metadata);
    if (meta.length) add('metadata', meta.join(', '));
    const others = [...new Set(Object.keys(was).concat(Object.keys(now)))]
      .filter((key) => !TOLD.has(key) && !same(was[key], now[key]));
    if (others.length) add('also changed', others.join(', '));
    if (!list.children.length) {
      const nothing = document.createElement('p');
      nothing.className = 'changes';
      nothing.textContent = 'Nothing changed';
      return nothing;
    }
    return list;
  }

  function confirmDelete(u, where) {
    confirmThen('Delete update?', `Delete ${where} and its whole history? This cannot be undone.`, 'Delete', () => {
      selected.delete(u.id);
      act(() => api('DELETE', '/api/updates/' + u.id), 'Deleted');
    });
  }

  /** Asks in the confirm dialog (over any open dialog); runs onOk only when the danger button is chosen. */
  function confirmThen(title, text, okLabel, onOk) {
    const dialog = $('#confirm');
    $('#confirm-title').textContent = title;
    $('#confirm-text').textContent = text;
    $('#confirm-ok').textContent = okLabel;
    dialog.returnValue = 'cancel';
    dialog.onclose = () => {
      if (dialog.returnValue === 'ok') onOk();
    };
    dialog.showModal();
  }

  $('#open-tags').addEventListener('click', () => {
    renderTagList();
    $('#tags').showModal();
  });

  $('#new-tag').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = e.target.name;
    act(async () => {
      await api('POST', '/api/tags', { name: input.value });
      input.value = '';
      tags = await api('GET', '/api/tags');
      renderTagList();
    }, 'Tag created');
  });

  $('#open-rules').addEventListener('click', async () => {
    await renderRuleList();
    $('#rules').showModal();
  });

  $('#new-rule').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = e.target;
    const body = {};
    for (const key of ['image', 'host', 'stack', 'class']) {
      if (f.elements[key].value.trim()) body[key] = f.elements[key].value.trim();
    }
    act(async () => {
      await api('POST', '/api/rules', body);
      f.reset();
      await renderRuleList();
    }, 'Rule added');
  });

  function describeRule(r) {
    const parts = [];
    if (r.image) parts.push('image ' + r.image);
    if (r.host) parts.push('host ' + r.host);
    if (r.stack) parts.push('stack ' + r.stack);
    if (r.class) parts.push(r.class + ' updates');
    return `#${r.id}: ${parts.join(', ')} (ignoring ${r.ignoring})`;
  }

  async function renderRuleList() {
    let rules;
    try {
      rules = await api('GET', '/api/rules');
    } catch (e) {
      toast('Could not load the rules: ' + e.message, true);
      return;
    }
    $('#rule-list').replaceChildren(...rules.map((r) => {
      const item = document.createElement('li');
      const text = document.createElement('span');
      text.className = 'tag-name';
      text.textContent = describeRule(r);
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'danger';
      remove.textContent = 'Delete';
      remove.setAttribute('aria-label', 'Delete ignore rule ' + r.id);
      remove.addEventListener('click', () => act(async () => {
        await api('DELETE', '/api/rules/' + r.id);
        await renderRuleList();
      }, 'Rule deleted'));
      item.append(text, remove);
      return item;
    }));
  }

  $('#open-links').addEventListener('click', async () => {
    await renderLinkList();
    $('#links').showModal();
  });

  $('#new-link').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = e.target;
    act(async () => {
      await api('POST', '/api/links', { image: f.elements.image.value.trim(), template: f.elements.template.value.trim() });
      f.reset();
      await renderLinkList();
    }, 'Link added');
  });

  async function renderLinkList() {
    let links;
    try {
      links = await api('GET', '/api/links');
    } catch (e) {
      toast('Could not load the links: ' + e.message, true);
      return;
    }
    $('#link-list').replaceChildren(...links.map((l) => {
      const item = document.createElement('li');
      const text = document.createElement('span');
      text.className = 'tag-name';
      text.textContent = `#${l.id}: ${l.image} → ${l.template}`;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'danger';
      remove.textContent = 'Delete';
      remove.setAttribute('aria-label', 'Delete release-notes link ' + l.id);
      remove.addEventListener('click', () => act(async () => {
        await api('DELETE', '/api/links/' + l.id);
        await renderLinkList();
      }, 'Link deleted'));
      item.append(text, remove);
      return item;
    }));
  }

  $('#open-hosts').addEventListener('click', () => {
    renderHostList();
    $('#hosts').showModal();
  });

  function renderHostList() {
    $('#host-list').replaceChildren(...hosts.map((h) => {
      const item = document.createElement('li');
      const name = document.createElement('span');
      name.className = 'tag-name';
      name.textContent = h.hostname || '(no hostname)';
      const input = document.createElement('input');
      input.className = 'alias-input';
      input.maxLength = 100;
      input.value = h.alias || '';
      input.placeholder = 'Name to show';
      input.setAttribute('aria-label', 'Name to show for ' + h.hostname);
      const path = '/api/hosts/' + encodeURIComponent(h.hostname) + '/alias';
      const save = document.createElement('button');
      save.type = 'button';
      save.textContent = 'Save';
      save.setAttribute('aria-label', 'Save the name of ' + h.hostname);
      save.addEventListener('click', () => act(() => (input.value.trim()
        ? api('PUT', path, { alias: input.value })
        : api('DELETE', path)), 'Host name saved'));
      item.append(name, input, save);
      if (h.alias) {
        const clear = document.createElement('button');
        clear.type = 'button';
        clear.className = 'secondary';
        clear.textContent = 'Remove';
        clear.setAttribute('aria-label', 'Remove the name of ' + h.hostname);
        clear.addEventListener('click', () => act(() => api('DELETE', path), 'Host name removed'));
        item.append(clear);
      }
      return item;
    }));
  }

  // ---- notification channels ------------------------------------------------------------------

  const channelForm = $('#channel-form');
  let editing = null; // the channel being edited, or null for a new one

  $('#open-channels').addEventListener('click', async () => {
    resetChannelForm();
    await renderChannels();
    $('#channels').showModal();
  });

  /** Shows the fields of the chosen type and mode only. */
  function showChannelFields() {
    const type = channelForm.elements.type.value;
    const mode = channelForm.elements.mode.value;
    for (const label of channelForm.querySelectorAll('[data-type]')) {
      label.hidden = !label.dataset.type.split(' ').includes(type);
    }
    for (const label of channelForm.querySelectorAll('[data-mode]')) {
      label.hidden = label.dataset.mode !== mode
        || (label.querySelector('[name=day]') !== null && channelForm.elements.every.value !== 'week');
    }
  }
  for (const name of ['type', 'mode', 'every']) channelForm.elements[name].addEventListener('change', showChannelFields);

  function resetChannelForm() {
    editing = null;
    channelForm.reset();
    channelForm.elements.type.disabled = false;
    $('#channel-form-title').textContent = 'New channel';
    $('#channel-save').textContent = 'Add channel';
    $('#channel-cancel').hidden = true;
    $('#channel-secret-hint').hidden = true;
    showChannelFields();
  }
  $('#channel-cancel').addEventListener('click', resetChannelForm);

  const SECRETS = ['token', 'password'];

  function editChannel(c) {
    resetChannelForm();
    editing = c;
    const f = channelForm.elements;
    f.name.value = c.name;
    f.type.value = c.type;
    f.type.disabled = true;
    f.mode.value = c.mode;
    f.windowSeconds.value = c.windowSeconds;
    if (c.schedule) {
      f.every.value = c.schedule.every;
      f.at.value = c.schedule.at;
      if (c.schedule.day) f.day.value = c.schedule.day;
      f.zone.value = c.schedule.zone;
    }
    for (const [key, value] of Object.entries(c.config)) {
      if (key === 'headers') {
        f.headers.value = Object.keys(value).map((h) => `${h}: ${value[h]}`).join('\n');
      } else if (f[key] && !SECRETS.includes(key) && value !== null && !(key === 'url' && String(value).includes('********'))) {
        f[key].value = value;
      }
    }
    f.filterHost.value = (c.filter && c.filter.host) || '';
    f.filterStack.value = (c.filter && c.filter.stack) || '';
    f.filterClass.value = (c.filter && c.filter.class) || '';
    $('#channel-form-title').textContent = 'Edit ' + c.name;
    $('#channel-save').textContent = 'Save channel';
    $('#channel-cancel').hidden = false;
    $('#channel-secret-hint').hidden = false;
    showChannelFields();
    f.name.focus();
  }

  /** The form as the API's body; on an edit, empty secrets are left out (the stored ones stay). */
  function channelBody() {
    const f = channelForm.elements;
    const type = f.type.value;
    const config = {};
    const field = (name) => {
      const value = f[name].value.trim();
      if (value) config[name] = value;
      else if (!editing && !SECRETS.includes(name)) config[name] = null;
    };
    if (type === 'ntfy') ['url', 'topic', 'token'].forEach(field);
    if (type === 'gotify') ['url', 'token'].forEach(field);
    if (type === 'discord' || type === 'slack') field('url');
    if (type === 'email') {
      ['host', 'security', 'user', 'password', 'from', 'to'].forEach(field);
      config.port = Number(f.port.value);
    }
    if (type === 'webhook') {
      field('url');
      config.method = f.method.value;
      const headers = {};
      for (const line of f.headers.value.split('\n')) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
      }
      config.headers = headers;
    }
    for (const key of Object.keys(config)) if (config[key] === null) delete config[key];
    const filter = {};
    if (f.filterHost.value.trim()) filter.host = f.filterHost.value.trim();
    if (f.filterStack.value.trim()) filter.stack = f.filterStack.value.trim();
    if (f.filterClass.value) filter.class = f.filterClass.value;
    const body = { name: f.name.value, mode: f.mode.value, filter, config };
    if (!editing) body.type = type;
    if (f.mode.value === 'run') body.windowSeconds = Number(f.windowSeconds.value);
    if (f.mode.value === 'digest') {
      body.schedule = { every: f.every.value, at: f.at.value, zone: f.zone.value.trim() || 'UTC' };
      if (f.every.value === 'week') body.schedule.day = f.day.value;
    }
    return body;
  }

  channelForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = channelBody();
    act(async () => {
      if (editing) await api('PATCH', '/api/channels/' + editing.id, body);
      else await api('POST', '/api/channels', body);
      resetChannelForm();
      await renderChannels();
    }, editing ? 'Channel saved' : 'Channel added');
  });

  const MODE_NAMES = { run: 'per Diun run', digest: 'digest', each: 'each update' };

  function describeChannel(c) {
    let when = MODE_NAMES[c.mode];
    if (c.mode === 'digest' && c.schedule) {
      when += ` every ${c.schedule.every === 'week' ? c.schedule.day : 'day'} at ${c.schedule.at} ${c.schedule.zone}`;
    }
    const only = Object.entries(c.filter || {}).map(([k, v]) => `${k} ${v}`).join(', ');
    return `${c.name} — ${c.type}, ${when}${only ? ', only ' + only : ''}`;
  }

  async function renderChannels() {
    let channels;
    let failed;
    try {
      [channels, failed] = await Promise.all([
        api('GET', '/api/channels'),
        api('GET', '/api/deliveries?state=failed&limit=20'),
      ]);
    } catch (e) {
      toast('Could not load the channels: ' + e.message, true);
      return;
    }
    $('#channel-list').replaceChildren(...channels.map((c) => {
      const item = document.createElement('li');
      const text = document.createElement('span');
      text.className = 'tag-name';
      text.textContent = describeChannel(c);
      const answer = document.createElement('span');
      answer.className = 'answer';
      answer.hidden = true;
      const test = button('Send test', 'Send a test message to ' + c.name, 'secondary', async () => {
        answer.hidden = false;
        answer.textContent = 'Sending…';
        try {
          const r = await api('POST', `/api/channels/${c.id}/test`);
          answer.textContent = (r.delivered ? 'Delivered: ' : 'Not delivered: ') + r.answer;
        } catch (err) {
          answer.textContent = 'Could not send: ' + err.message;
        }
      });
      const edit = button('Edit', 'Edit channel ' + c.name, 'secondary', () => editChannel(c));
      const remove = button('Delete', 'Delete channel ' + c.name, 'danger', () => act(async () => {
        await api('DELETE', '/api/channels/' + c.id);
        await renderChannels();
      }, 'Channel deleted'));
      item.append(text, test, edit, remove, answer);
      return item;
    }));
    $('#no-failed').hidden = failed.total > 0;
    $('#failed-list').replaceChildren(...failed.items.map((d) => {
      const item = document.createElement('li');
      const text = document.createElement('span');
      text.className = 'tag-name';
      text.textContent = `${d.channelName} (${d.kind}${d.hostname ? ', ' + d.hostname : ''}): ${d.attempts} attempts,`
        + ` last ${d.lastAttemptAt ? new Date(d.lastAttemptAt).toLocaleString() : 'never'}`;
      const answer = document.createElement('span');
      answer.className = 'answer';
      answer.textContent = 'Answer: ' + (d.lastAnswer || '(none)');
      const retry = button('Retry', `Retry the delivery to ${d.channelName}`, 'secondary', () => act(async () => {
        await api('POST', `/api/deliveries/${d.id}/retry`);
        await renderChannels();
      }, 'Sending again'));
      item.append(text, retry, answer);
      return item;
    }));
  }

  function button(text, label, className, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = className;
    b.textContent = text;
    b.setAttribute('aria-label', label);
    b.addEventListener('click', onClick);
    return b;
  }

  // ---- tokens -----------------------------------------------------------------------------------

  // The three kinds share one dialog: each lists its tokens (never the token itself), creates one
  // (the reply carries the token this once) and revokes. Errors stay in the dialog, above the lists.
  const TOKEN_KINDS = {
    webhook: {
      path: '/api/tokens', label: 'webhook token',
      use: 'Diun sends it: in diun.yml, under notif.webhook.headers, Authorization: Bearer <token>.',
    },
    feed: {
      path: '/api/feed-tokens', label: 'feed token',
      use: `A feed reader subscribes to ${location.origin}/feed.atom?token=<token>.`,
    },
    api: {
      path: '/api/api-tokens', label: 'API token',
      use: 'Scripts and widgets send it on /api as Authorization: Bearer <token>.',
    },
  };
  let session = null;

  /** What the last action did, in the dialog: an error (the API's detail) or a confirmation. */
  function tokenMessage(message, isError) {
    const error = $('#tokens-error');
    error.textContent = isError ? message : '';
    error.hidden = !isError;
    $('#tokens-status').textContent = isError ? '' : message || '';
  }

  function hideSecret() {
    $('#token-secret-value').value = '';
    $('#token-copied').textContent = '';
    $('#token-secret').hidden = true;
  }

  $('#open-tokens').addEventListener('click', async () => {
    tokenMessage(null);
    hideSecret();
    $('#tokens-login-off').hidden = !session || session.loginRequired;
    await renderTokens();
    $('#tokens').showModal();
  });

  // The token is shown once: closing the dialog forgets it.
  $('#tokens').addEventListener('close', hideSecret);
  $('#token-done').addEventListener('click', () => {
    hideSecret();
    $('#new-webhook-token').elements.name.focus();
  });
  $('#token-secret-value').addEventListener('focus', (e) => e.target.select());
  $('#token-copy').addEventListener('click', async () => {
    const value = $('#token-secret-value');
    try {
      await navigator.clipboard.writeText(value.value);
      $('#token-copied').textContent = 'Copied to the clipboard.';
    } catch (e) {
      value.focus();
      value.select();
      $('#token-copied').textContent = 'Selected: press Ctrl+C to copy.';
    }
  });

  const webhookTokenForm = $('#new-webhook-token');
  webhookTokenForm.elements.host.addEventListener('input', () => {
    const box = webhookTokenForm.elements.hostOnly;
    box.disabled = !webhookTokenForm.elements.host.value.trim();
    if (box.disabled) box.checked = false;
  });

  /** The form as the API's body; a local date and time of expiry as an instant. */
  function tokenBody(f, kind) {
    const body = { name: f.elements.name.value };
    if (f.elements.expiresAt.value) {
      const expires = new Date(f.elements.expiresAt.value);
      body.expiresAt = Number.isNaN(expires.getTime()) ? f.elements.expiresAt.value : expires.toISOString();
    }
    if (kind === 'webhook' && f.elements.host.value.trim()) {
      body.host = f.elements.host.value.trim();
      if (f.elements.hostOnly.checked) body.hostOnly = true;
    }
    if (kind === 'api') body.scope = f.elements.scope.value;
    return body;
  }

  for (const f of document.querySelectorAll('#tokens form[data-kind]')) {
    f.addEventListener('submit', async (e) => {
      e.preventDefault();
      const kind = f.dataset.kind;
      const submit = f.querySelector('button');
      submit.disabled = true;
      try {
        const created = await api('POST', TOKEN_KINDS[kind].path, tokenBody(f, kind));
        tokenMessage(`Created the ${TOKEN_KINDS[kind].label} “${created.name}”.`);
        f.reset();
        if (kind === 'webhook') f.elements.hostOnly.disabled = true;
        showSecret(kind, created);
        await renderTokens();
      } catch (err) {
        tokenMessage(`Could not create the ${TOKEN_KINDS[kind].label}: ${err.message}`, true);
      } finally {
        submit.disabled = false;
      }
    });
  }

  function showSecret(kind, created) {
    $('#token-secret-title').textContent = `New ${TOKEN_KINDS[kind].label} “${created.name}”`;
    $('#token-use').textContent = TOKEN_KINDS[kind].use;
    $('#token-copied').textContent = '';
    $('#token-secret').hidden = false;
    const value = $('#token-secret-value');
    value.value = created.token;
    value.focus();
  }

  async function renderTokens() {
    const kinds = Object.keys(TOKEN_KINDS);
    let lists;
    try {
      lists = await Promise.all(kinds.map((kind) => api('GET', TOKEN_KINDS[kind].path)));
    } catch (e) {
      tokenMessage('Could not load the tokens: ' + e.message, true);
      return;
    }
    kinds.forEach((kind, i) => {
      $(`#no-${kind}-tokens`).hidden = lists[i].length > 0;
      $(`#${kind}-token-list`).replaceChildren(...lists[i].map((t) => renderToken(kind, t)));
    });
  }

  /** "label <time>" with the local date and time, the instant in the tooltip; or the text for none. */
  function tokenTime(className, label, iso, none, relative) {
    const span = document.createElement('span');
    span.className = className;
    if (!iso) {
      span.textContent = `${label} ${none}`;
      return span;
    }
    const time = document.createElement('time');
    time.dateTime = iso;
    time.textContent = relative ? ago(iso) : new Date(iso).toLocaleString();
    time.title = new Date(iso).toLocaleString() + ' (' + iso + ')';
    if (relative) time.className = 'ago';
    span.append(label + ' ', time);
    return span;
  }

  function renderToken(kind, t) {
    const item = document.createElement('li');
    item.dataset.id = String(t.id);
    const name = document.createElement('span');
    name.className = 'tag-name';
    name.textContent = t.name;
    const facts = document.createElement('span');
    facts.className = 'token-facts';
    if (kind === 'webhook') {
      const host = document.createElement('span');
      host.className = 'token-host';
      host.textContent = t.host
        ? `host ${t.host}, ${t.hostOnly ? 'only this host' : 'any hostname stored under it'}`
        : 'any host';
      facts.append(host);
    }
    if (kind === 'api') {
      const scope = document.createElement('span');
      scope.className = 'token-scope';
      scope.textContent = 'scope ' + t.scope;
      facts.append(scope);
    }
    const expired = t.expiresAt && new Date(t.expiresAt).getTime() <= Date.now();
    facts.append(
      tokenTime('token-created', 'created', t.createdAt, ''),
      tokenTime('token-expires', expired ? 'expired' : 'expires', t.expiresAt, 'never'),
      tokenTime('token-used', 'last used', t.lastUsedAt, 'never', true),
    );
    const label = TOKEN_KINDS[kind].label;
    const revoke = button('Revoke', `Revoke ${label} ${t.name}`, 'danger', () => confirmThen(
      'Revoke token?',
      `Revoke the ${label} “${t.name}”? Whatever uses it is refused from now on. This cannot be undone.`,
      'Revoke',
      async () => {
        try {
          await api('DELETE', `${TOKEN_KINDS[kind].path}/${t.id}`);
          tokenMessage(`Revoked the ${label} “${t.name}”.`);
        } catch (err) {
          tokenMessage(`Could not revoke the ${label}: ${err.message}`, true);
        }
        await renderTokens();
        // The button that had the focus is gone: the next token of the kind, or its form, takes it.
        if ($('#tokens').open) ($(`#${kind}-token-list button`) || $(`#new-${kind}-token`).elements.name).focus();
      }));
    item.append(name, revoke, facts);
    return item;
  }

  function renderTagList() {
    const list = $('#tag-list');
    list.replaceChildren(...tags.map((t) => {
      const item = document.createElement('li');
      const name = document.createElement('span');
      name.className = 'tag-name';
      name.textContent = `${t.name} (${t.count})`;
      const rename = document.createElement('button');
      rename.type = 'button';
      rename.className = 'secondary';
      rename.textContent = 'Rename';
      rename.setAttribute('aria-label', 'Rename tag ' + t.name);
      rename.addEventListener('click', () => {
        const input = document.createElement('input');
        input.value = t.name;
        input.maxLength = 100;
        input.setAttribute('aria-label', 'New name for tag ' + t.name);
        const save = document.createElement('button');
        save.type = 'button';
        save.textContent = 'Save';
        save.addEventListener('click', () => act(async () => {
          await api('PATCH', '/api/tags/' + t.id, { name: input.value });
          tags = await api('GET', '/api/tags');
          renderTagList();
        }, 'Tag renamed'));
        input.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') { ev.preventDefault(); save.click(); } });
        item.replaceChildren(input, save);
        input.focus();
      });
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'danger';
      remove.textContent = 'Delete';
      remove.setAttribute('aria-label', 'Delete tag ' + t.name);
      remove.addEventListener('click', () => act(async () => {
        await api('DELETE', '/api/tags/' + t.id);
        if (form.tag.value === String(t.id)) form.tag.value = '';
        tags = await api('GET', '/api/tags');
        renderTagList();
      }, 'Tag deleted'));
      item.append(name, rename, remove);
      return item;
    }));
  }

  // ---- empty state ------------------------------------------------------------------------------

  const webhookUrl = location.origin + '/webhook';
  $('#webhook-url').textContent = webhookUrl;
  $('#diun-snippet').textContent = [
    'notif:',
    '  webhook:',
    `    endpoint: ${webhookUrl}`,
    '    method: POST',
    '    timeout: 10s',
  ].join('\n');
  $('#copy-snippet').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText($('#diun-snippet').textContent);
      toast('Copied');
    } catch (e) {
      const range = document.createRange();
      range.selectNodeContents($('#diun-snippet'));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      toast('Press Ctrl+C to copy');
    }
  });

  // ---- live refresh -----------------------------------------------------------------------------

  let source = null;
  let retryDelay = 1000;

  function setLive(state, text) {
    const live = $('#live');
    live.dataset.state = state;
    live.textContent = text;
  }

  function connect() {
    if (source) source.close();
    source = new EventSource('/api/stream');
    source.addEventListener('hello', () => {
      retryDelay = 1000;
      setLive('live', 'Live');
      scheduleReload(0);
    });
    source.addEventListener('update', () => scheduleReload(250));
    source.addEventListener('tags', () => scheduleReload(250));
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        setLive('offline', 'Offline – retrying');
        setTimeout(connect, retryDelay);
        retryDelay = Math.min(retryDelay * 2, 30000);
      } else {
        setLive('connecting', 'Reconnecting…');
      }
    };
  }

  // ---- wiring -----------------------------------------------------------------------------------

  form.addEventListener('change', () => {
    clearSelection();
    sections = [];
    writeUrl();
    scheduleReload(0);
  });
  form.q.addEventListener('input', () => {
    clearSelection();
    sections = [];
    clearTimeout(form.q.timer);
    form.q.timer = setTimeout(() => { writeUrl(); scheduleReload(0); }, 250);
  });
  form.addEventListener('submit', (e) => e.preventDefault());
  form.addEventListener('reset', (e) => {
    e.preventDefault();
    form.state.value = 'pending';
    form.sort.value = 'lastSeen';
    form.host.value = '';
    form.tag.value = '';
    form.q.value = '';
    form.elements['class'].value = '';
    form.maturity.value = '';
    form.group.value = '';
    urlStack = '';
    form.dispatchEvent(new Event('change'));
  });
  for (const id of ['count-pending', 'count-snoozed', 'count-ignored', 'count-acknowledged']) {
    $('#' + id).addEventListener('click', (e) => {
      e.preventDefault();
      form.state.value = id.slice('count-'.length);
      form.dispatchEvent(new Event('change'));
    });
  }
  window.addEventListener('popstate', () => { filtersFromUrl(); sections = []; scheduleReload(0); });
  setInterval(() => {
    for (const t of document.querySelectorAll('time.ago')) t.textContent = ago(t.dateTime);
  }, 60000);

  api('GET', '/api/session').then((s) => {
    // What the role may not do is hidden (app.css, data-needs); the API refuses it anyway.
    session = s;
    if (s.role) document.body.dataset.role = s.role;
    if (s.loginRequired && s.user) {
      const form = document.createElement('form');
      form.method = 'post';
      form.action = '/logout';
      const button = document.createElement('button');
      button.className = 'secondary';
      button.textContent = 'Log out ' + s.user;
      form.append(button);
      document.querySelector('.top').append(form);
    }
  }).catch(() => {});

  filtersFromUrl();
  reload();
  connect();
})();

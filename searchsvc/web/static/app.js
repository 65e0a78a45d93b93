/* syndex search page: progressive enhancement in plain JavaScript. The page
   works without it; this adds search-as-you-type suggestions (an ARIA 1.2
   combobox over /api/v1/suggest), the "/" shortcut and checkbox filters
   that apply at once. Text is only ever set with textContent. */
(function () {
  'use strict';
  var d = document, form = d.getElementById('f'), q = d.getElementById('q');
  if (!form || !q) return;
  var els = form.elements;

  function submit() {
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  }
  // Leave empty fields out of the URL; enable them again when the page
  // comes back from the back/forward cache.
  form.addEventListener('submit', function () {
    for (var i = 0; i < els.length; i++) {
      if (els[i].name && els[i].name !== 'q' && !els[i].value) els[i].disabled = true;
    }
  });
  window.addEventListener('pageshow', function () {
    for (var i = 0; i < els.length; i++) els[i].disabled = false;
  });

  // Checkbox filters apply at once.
  d.addEventListener('change', function (e) {
    if (e.target.type === 'checkbox' && e.target.form === form) submit();
  });

  // Filters start folded on small screens.
  var filters = d.querySelector('details.filters');
  if (filters && window.matchMedia && matchMedia('(max-width: 47.99em)').matches) filters.open = false;

  // "/" focuses the search box.
  d.addEventListener('keydown', function (e) {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    var t = e.target, n = t.tagName;
    if (t.isContentEditable || n === 'INPUT' || n === 'TEXTAREA' || n === 'SELECT') return;
    e.preventDefault();
    q.focus();
    q.select();
  });

  // Suggestions.
  var list = d.createElement('ul'), items = [], active = -1, timer = 0, ctl = null, last = '';
  list.id = 'sug';
  list.className = 'sug';
  list.hidden = true;
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Suggestions');
  q.parentNode.appendChild(list);
  q.setAttribute('role', 'combobox');
  q.setAttribute('aria-autocomplete', 'list');
  q.setAttribute('aria-expanded', 'false');
  q.setAttribute('aria-controls', 'sug');

  function expand(on) {
    list.hidden = !on;
    q.setAttribute('aria-expanded', on ? 'true' : 'false');
  }
  function close() {
    expand(false);
    select(-1);
    last = '';
  }
  function select(i) {
    active = i;
    for (var j = 0; j < items.length; j++) items[j].el.setAttribute('aria-selected', j === i ? 'true' : 'false');
    if (i < 0) {
      q.removeAttribute('aria-activedescendant');
      return;
    }
    q.setAttribute('aria-activedescendant', items[i].el.id);
    items[i].el.scrollIntoView({block: 'nearest'});
  }
  function pick(i) {
    q.value = items[i].q;
    close();
    submit();
  }
  function add(text, cls) {
    for (var j = 0; j < items.length; j++) if (items[j].q === text) return;
    var li = d.createElement('li'), i = items.length;
    li.id = 'sug-' + i;
    li.setAttribute('role', 'option');
    li.setAttribute('aria-selected', 'false');
    if (cls) li.className = cls;
    li.textContent = text;
    li.addEventListener('mousedown', function (e) {
      e.preventDefault();
      pick(i);
    });
    items.push({el: li, q: text});
    list.appendChild(li);
  }
  function show(data, typed) {
    list.textContent = '';
    items = [];
    active = -1;
    var head = typed.replace(/\S+$/, '');
    (data.terms || []).forEach(function (t) { add(head + t.term); });
    (data.completions || []).forEach(function (c) { add(c.title, 't'); });
    if (items.length) expand(true); else close();
  }
  function suggest() {
    var typed = q.value;
    if (typed === last) return;
    last = typed;
    if (ctl) ctl.abort();
    ctl = null;
    if (typed.trim().length < 2) {
      close();
      return;
    }
    ctl = window.AbortController ? new AbortController() : null;
    fetch('/api/v1/suggest?size=5&q=' + encodeURIComponent(typed), {signal: ctl && ctl.signal})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (data && q.value === typed && d.activeElement === q) show(data, typed);
      })
      .catch(function () {});
  }
  q.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(suggest, 120);
  });
  q.addEventListener('keydown', function (e) {
    var open = !list.hidden, n = items.length;
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && n) {
      e.preventDefault();
      expand(true);
      var i = active + (e.key === 'ArrowDown' ? 1 : -1);
      select(i >= n ? 0 : i < 0 ? n - 1 : i);
    } else if (e.key === 'Enter' && open && active >= 0) {
      e.preventDefault();
      pick(active);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      close();
    }
  });
  q.addEventListener('blur', function () { setTimeout(close, 0); });
})();

/* global document */
// The synchronisation screen's entry list (views/partials/sync-preview.njk). The list
// arrives through htmx, so listeners are delegated from the document.
// - Search: hides the entries (one <tbody> each) whose text does not contain the query.
// - The entries of one document go together: ticking or unticking one does the same to the
//   others, as the import leaves out a document whole (sync-form.ts).
// - The import form sends the unticked documents only.
(function () {
  'use strict';

  function entries() {
    return Array.prototype.slice.call(document.querySelectorAll('.sync-table tbody.sync-entry'));
  }

  function filter(input) {
    var query = input.value.trim().toLowerCase();
    var all = entries();
    var shown = 0;
    all.forEach(function (entry) {
      var match = query === '' || entry.textContent.toLowerCase().indexOf(query) !== -1;
      entry.hidden = !match;
      if (match) shown += 1;
    });
    var count = document.getElementById('sync-search-count');
    if (count) {
      count.textContent =
        query === ''
          ? ''
          : (input.getAttribute('data-hint') || '')
              .replace('{shown}', String(shown))
              .replace('{total}', String(all.length));
    }
  }

  document.addEventListener('input', function (event) {
    var target = event.target;
    if (target && target.id === 'sync-search') filter(target);
  });

  document.addEventListener('change', function (event) {
    var box = event.target;
    if (!box || box.name !== 'keep' || !box.closest('.sync-table')) return;
    var key = box.getAttribute('data-document');
    document.querySelectorAll('.sync-table input[name="keep"]').forEach(function (other) {
      if (other !== box && other.getAttribute('data-document') === key) other.checked = box.checked;
    });
    entries().forEach(function (entry) {
      if (entry.getAttribute('data-document') === key) entry.classList.toggle('unticked', !box.checked);
    });
  });

  // The import sends the unticked documents' keys rather than every ticked box and the
  // document list: a long list would pass the form parser's field limit (sync-form.ts).
  document.addEventListener('formdata', function (event) {
    var form = event.target;
    if (!form || form.id !== 'sync-import') return;
    var excluded = [];
    form.querySelectorAll('input[name="keep"]').forEach(function (box) {
      var key = box.getAttribute('data-document');
      if (!box.checked && excluded.indexOf(key) === -1) excluded.push(key);
    });
    event.formData.delete('keep');
    event.formData.delete('docs');
    event.formData.set('selection', 'js');
    event.formData.set('exclude', excluded.join('\n'));
  });

  // Enter in the search box filters; it must not submit the import.
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && event.target && event.target.id === 'sync-search') event.preventDefault();
  });
})();

// Appended to a report by run_browser_test.sh: works every control of the
// page (each option of each select, each checkbox and radio button, a
// click on each sortable header, twice) so that redrawing and sorting run
// too; errors land in data-errors as for the first drawing. Sets
// data-exercised to the number of actions.
(function () {
  'use strict';
  let actions = 0;
  const fire = (e, type) => { e.dispatchEvent(new Event(type, { bubbles: true })); ++actions; };
  document.querySelectorAll('select').forEach((s) => {
    for (let i = s.options.length - 1; i >= 0; --i) { s.selectedIndex = i; fire(s, 'change'); }
  });
  document.querySelectorAll('input[type=checkbox]').forEach((c) => { c.click(); c.click(); actions += 2; });
  document.querySelectorAll('input[type=radio]').forEach((r) => { r.click(); ++actions; });
  document.querySelectorAll('input[type=radio]').forEach((r) => { if (r.defaultChecked) r.click(); });
  document.querySelectorAll('th.sortable').forEach((th) => { th.click(); th.click(); actions += 2; });
  document.documentElement.setAttribute('data-exercised', String(actions));
})();

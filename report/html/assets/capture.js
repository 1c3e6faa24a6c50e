// Runs before anything else on the page: records every error, failed
// resource load (the report loads nothing) and console.error/console.warn
// into attributes of <html>, so a headless browser test can read them back
// (tests/report/run_browser_test.sh).
(function () {
  'use strict';
  var root = document.documentElement;
  var logs = { 'data-errors': [], 'data-warnings': [] };
  function record(attr, text) {
    logs[attr].push(String(text));
    root.setAttribute(attr, logs[attr].join(' | '));
  }
  root.setAttribute('data-errors', '');
  root.setAttribute('data-warnings', '');
  window.addEventListener('error', function (e) {
    if (e.target && e.target !== window && e.target.tagName) {
      record('data-errors', 'failed to load ' + e.target.tagName + ' ' +
             (e.target.src || e.target.href || ''));
      return;
    }
    record('data-errors', (e.message || 'error') +
           (e.filename ? ' (' + e.filename + ':' + e.lineno + ')' : ''));
  }, true);
  window.addEventListener('unhandledrejection', function (e) {
    record('data-errors', 'unhandled rejection: ' + e.reason);
  });
  ['error', 'warn'].forEach(function (level) {
    var original = console[level];
    console[level] = function () {
      var text = Array.prototype.map.call(arguments, String).join(' ');
      record(level === 'error' ? 'data-errors' : 'data-warnings',
             'console.' + level + ': ' + text);
      return original.apply(console, arguments);
    };
  });
})();

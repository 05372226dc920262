// Test-only, loaded first by the pages the cross-engine checks open: collects what a
// reader's console would show as a problem into window.__reluErrors. WebKitGTK's
// WebDriver has no log channel (no BiDi), so this is how its errors are seen at all;
// Chromium and Firefox report their real consoles to the test as well.
(function () {
  var list = (window.__reluErrors = []);
  ['error', 'warn'].forEach(function (level) {
    var original = console[level];
    console[level] = function () {
      list.push(level + ': ' + Array.prototype.map.call(arguments, String).join(' '));
      return original.apply(this, arguments);
    };
  });
  // Capture phase: a failed <script>/<img>/<link> load fires a non-bubbling error event.
  window.addEventListener('error', function (e) {
    var t = e.target;
    list.push('error: ' + (e.message || (t && (t.src || t.href) ? 'failed to load ' + (t.src || t.href) : 'unknown')));
  }, true);
  window.addEventListener('unhandledrejection', function (e) { list.push('unhandledrejection: ' + (e.reason && e.reason.stack || e.reason)); });
  document.addEventListener('securitypolicyviolation', function (e) {
    list.push('csp: ' + e.violatedDirective + ' blocked ' + e.blockedURI);
  }, true);
})();

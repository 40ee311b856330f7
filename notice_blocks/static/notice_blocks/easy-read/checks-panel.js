/*
 * The easy read checks in the editor's Checks panel, in words an editor understands.
 *
 * Wagtail's Checks panel lists each finding with its rule's name and help, and where it is as
 * the CSS selector of the element at fault: for the easy read checks, a readable id such as
 * "#section-2-point-3". The preview marks each such element with where it is and what is wrong
 * there, in words (data-easy-read-place, and data-easy-read-problems: each check's problems).
 * Each time the panel lists its findings, this shows the place in words instead of the
 * selector, and the problems before the rule's help. Where anything is missing, the row is
 * left as Wagtail wrote it.
 */
(function () {
  'use strict';

  var PANEL = "[data-side-panel='checks'] [data-checks-panel]";
  var CONFIGURATION = '#checker-axe-configuration, #accessibility-axe-configuration';
  var PREVIEW = '#w-preview-iframe, #preview-iframe';
  var RULE_PREFIX = 'easy-read-';

  // Wagtail 8 names the parts of a row data-content-checker-*, Wagtail 7.0 data-a11y-result-*.
  function part(row, name) {
    return row.querySelector(
      '[data-content-checker-' + name + '], [data-a11y-result-' + name + ']',
    );
  }

  // The easy read check of each rule name the panel shows: "Long sentence" -> "sentence-length".
  function checksByName() {
    var checks = new Map();
    var script = document.querySelector(CONFIGURATION);
    if (!script) return checks;
    var messages = JSON.parse(script.textContent).messages || {};
    Object.keys(messages).forEach(function (ruleId) {
      var message = messages[ruleId];
      if (ruleId.indexOf(RULE_PREFIX) === 0 && message && message.error_name) {
        checks.set(message.error_name, ruleId.slice(RULE_PREFIX.length));
      }
    });
    return checks;
  }

  function previewDocument() {
    var frame = document.querySelector(PREVIEW);
    try {
      return frame ? frame.contentDocument : null;
    } catch (error) {
      return null;
    }
  }

  function paragraph(text) {
    var element = document.createElement('p');
    element.textContent = text;
    return element;
  }

  function describe(row, checks, preview) {
    var name = part(row, 'name');
    var help = part(row, 'help');
    var location = part(row, 'selector-text');
    if (!name || !help || !location) return;
    var check = checks.get(name.textContent.trim());
    var selector = location.textContent.trim();
    if (!check || !/^#[\w-]+$/.test(selector)) return;
    var element = preview.querySelector(selector);
    if (!element || !element.dataset.easyReadPlace) return;
    var problems = JSON.parse(element.dataset.easyReadProblems || '{}')[check] || [];
    location.textContent = element.dataset.easyReadPlace;
    var advice = help.textContent;
    var paragraphs = problems.map(paragraph);
    if (advice) paragraphs.push(paragraph(advice));
    help.replaceChildren.apply(help, paragraphs);
    row.setAttribute('data-easy-read-described', '');
  }

  function start() {
    var panel = document.querySelector(PANEL);
    var checks = checksByName();
    if (!panel || !checks.size) return;
    new MutationObserver(function () {
      var preview = previewDocument();
      if (!preview) return;
      panel.querySelectorAll(':scope > :not([data-easy-read-described])').forEach(function (row) {
        describe(row, checks, preview);
      });
    }).observe(panel, { childList: true });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();

'use strict';
// The colour theme: System (the OS setting), Light or Dark, remembered in localStorage. Loaded
// without defer at the top of <head> on both pages, so the stored choice is on <html> before the
// first paint; app.css turns data-theme into color-scheme, which picks each colour of the palette.
(function () {
  const KEY = 'diun-theme';
  const CHOICES = ['system', 'light', 'dark'];
  const root = document.documentElement;

  function stored() {
    try {
      const value = localStorage.getItem(KEY);
      return CHOICES.includes(value) ? value : 'system';
    } catch (e) {
      return 'system'; // storage blocked: follow the system
    }
  }

  function apply(choice) {
    if (choice === 'system') delete root.dataset.theme; else root.dataset.theme = choice;
    for (const button of document.querySelectorAll('[data-theme-choice]')) {
      button.setAttribute('aria-pressed', String(button.dataset.themeChoice === choice));
    }
  }

  function choose(choice) {
    try {
      if (choice === 'system') localStorage.removeItem(KEY); else localStorage.setItem(KEY, choice);
    } catch (e) {
      // not remembered, still applied to this page
    }
    apply(choice);
  }

  apply(stored());
  // Another tab changed it.
  window.addEventListener('storage', (e) => { if (e.key === KEY || e.key === null) apply(stored()); });
  document.addEventListener('DOMContentLoaded', () => {
    for (const button of document.querySelectorAll('[data-theme-choice]')) {
      button.addEventListener('click', () => choose(button.dataset.themeChoice));
    }
    apply(stored());
  });
})();

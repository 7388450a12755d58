// One key per decision in the review queue: j/n next finding, p previous, k keep, b restrict
// (beperken), a redact (afschermen). Keys are ignored while typing in a field.
const findings = [...document.querySelectorAll('[data-finding]')];
let current = 0;
const focus = (i) => {
  if (!findings.length) return;
  current = (i + findings.length) % findings.length;
  for (const f of findings) f.classList.remove('current');
  findings[current].classList.add('current');
  findings[current].focus();
};
if (findings.length) focus(0);
for (const [i, f] of findings.entries()) f.addEventListener('focus', () => (current = i));
document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const target = e.target;
  if (target instanceof HTMLElement && target.closest('input, textarea, select')) return;
  if (e.key === 'j' || e.key === 'n') return (e.preventDefault(), focus(current + 1));
  if (e.key === 'p') return (e.preventDefault(), focus(current - 1));
  const button = findings[current]?.querySelector(`button[data-key="${e.key}"]`);
  if (button) {
    e.preventDefault();
    button.click();
  }
});

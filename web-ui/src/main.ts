import { api, apiKey } from './api/client';
import { disposeChartsOutside, redrawCharts } from './charts/chart';
import { errorBox, h } from './dom';
import { firstVisitRoute, parseRoute } from './router';
import './style.css';
import { applyTheme, currentTheme } from './theme';
import { compareView } from './views/compare';
import { jobView } from './views/job';
import { jobsView } from './views/jobs';
import { keyView } from './views/key';
import { submitView } from './views/submit';

const app = document.getElementById('app')!;
const themeButton = document.getElementById('theme') as HTMLButtonElement;
let leave: () => void = () => {};

function showTheme() {
  const theme = currentTheme();
  document.documentElement.dataset.theme = theme;
  themeButton.textContent = theme === 'dark' ? 'Light theme' : 'Dark theme';
}

themeButton.addEventListener('click', () => {
  applyTheme(currentTheme() === 'dark' ? 'light' : 'dark');
  showTheme();
  redrawCharts();
});

function route() {
  leave();
  const current = parseRoute(window.location.hash);
  const page = h('div', { class: 'page', 'data-page': current.path[0] ?? 'jobs' });
  app.replaceChildren(page);
  disposeChartsOutside(app);
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    link.classList.toggle('active', link.dataset.nav === (current.path[0] ?? 'jobs'));
  }
  try {
    switch (current.path[0] ?? 'jobs') {
      case 'jobs':
        leave = current.path[1] ? jobView(page, current) : jobsView(page, current);
        break;
      case 'compare':
        leave = compareView(page, current);
        break;
      case 'submit':
        leave = submitView(page, current);
        break;
      case 'key':
        leave = keyView(page);
        break;
      default:
        page.append(errorBox(`There is no page '${current.path.join('/')}'.`), h('a', { href: '#/jobs' }, 'Go to the jobs'));
        leave = () => {};
    }
  } catch (error) {
    page.append(errorBox(error));
  }
}

showTheme();
window.addEventListener('hashchange', route);
if (!window.location.hash && !apiKey()) {
  // First visit without a key: an API without authentication (standalone mode) answers, so go to the jobs;
  // otherwise the key page says what to do.
  void firstVisitRoute(() => api.jobs({ limit: 1 })).then((hash) => (window.location.hash = hash));
} else {
  route();
}

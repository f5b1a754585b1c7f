// The dashboard in a real headless Chromium against a running API with real workers (driven by e2e's DashboardIT,
// or by hand: see web-ui/README.md). It submits a Train job from the form, watches it change status live in the jobs
// list, submits a grid of 5 more and sees each appear and finish live in the list without any read of the list,
// evaluates its model from the job page, checks the robustness chart's series against the API's curves,
// compares two evaluations, and saves screenshots. Writes a JSON report; exits 0 only when every check passed.
//
// Environment: ROBUSTLAB_UI_URL (the API's base URL, which serves the dashboard), ROBUSTLAB_UI_KEY (an API key),
// ROBUSTLAB_UI_OUT (folder for screenshots and report.json), ROBUSTLAB_UI_RUN (a label for this run's jobs),
// CHROMIUM (default /usr/bin/chromium).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const base = required('ROBUSTLAB_UI_URL').replace(/\/$/, '');
const key = required('ROBUSTLAB_UI_KEY');
const out = required('ROBUSTLAB_UI_OUT');
const run = process.env.ROBUSTLAB_UI_RUN ?? Date.now().toString(36);
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const JOB_TIMEOUT = 240_000;

const report = { ok: false, run, checks: [], screenshots: [], seconds: {}, jobs: {} };
const started = Date.now();
mkdirSync(out, { recursive: true });

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

function check(name, ok, detail) {
  report.checks.push({ name, ok: !!ok, detail: detail === undefined ? undefined : detail });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail === undefined ? '' : `: ${JSON.stringify(detail)}`}`);
  return !!ok;
}

async function apiJson(path, init = {}) {
  const response = await fetch(base + path, {
    ...init,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${text}`);
  return JSON.parse(text);
}

async function shot(page, name) {
  const path = join(out, `${name}.png`);
  await page.waitForFunction(() => [...document.images].every((img) => img.src && img.complete && img.naturalWidth > 0),
    undefined, { timeout: 15_000 }).catch(() => {});
  await page.waitForTimeout(600); // chart animations
  await page.screenshot({ path, fullPage: true });
  report.screenshots.push(path);
}

async function series(page, chart) {
  const text = await page.locator(`[data-chart="${chart}"]`).first().getAttribute('data-series');
  return text ? JSON.parse(text) : null;
}

async function waitForSeries(page, chart, predicate, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  let last = null;
  while (Date.now() < deadline) {
    last = (await page.locator(`[data-chart="${chart}"][data-series]`).count()) ? await series(page, chart) : null;
    if (last && predicate(last)) return last;
    await page.waitForTimeout(250);
  }
  return last;
}

async function main() {
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    // Failed requests are judged by their responses below (one 400 is expected: the refused spec).
    page.on('console', (message) => message.type() === 'error' && !message.text().startsWith('Failed to load resource')
      && pageErrors.push(message.text()));
    const failedRequests = [];
    page.on('response', (response) => response.status() >= 400 && failedRequests.push(`${response.request().method()} ${response.url()} ${response.status()}`));

    // 1. First visit: the dashboard asks the API without a key (an API without authentication would answer and the
    //    jobs would open); this one needs a key, so the key page opens; the key is checked against the API.
    await page.goto(`${base}/`);
    await page.waitForSelector('input[name="apiKey"]');
    check('a first visit without a key opens the API key page', page.url().endsWith('#/key'), page.url());
    const probe = `GET ${base}/api/v1/jobs?limit=1 401`;
    check('the first visit asked the API once without a key and was refused', failedRequests.length === 1
      && failedRequests[0] === probe, failedRequests);
    failedRequests.splice(0, failedRequests.length);
    await page.fill('input[name="apiKey"]', key);
    await page.click('form button[type="submit"]');
    await page.waitForSelector('.key-result .message');
    check('the key is accepted', (await page.locator('.key-result .message.ok').count()) === 1,
      await page.locator('.key-result').innerText());
    await page.evaluate(() => (window.__sameDocument = true));

    // 2. Submit a Train job from the form; a bad value first, refused by the API and shown at its field.
    await page.click('nav a[data-nav="submit"]');
    await page.waitForSelector('form.submit-form');
    const fill = async (name, value) => page.fill(`form.submit-form [name="${name}"]`, value);
    await fill('name', `ui-train-${run}`);
    await fill('labels', `e2e=${run}, meta=0.7`);
    await fill('trainSize', '2000');
    await fill('testSize', '200');
    await fill('hidden', '64');
    await fill('epochs', '0');
    await fill('batchSize', '50');
    await fill('seed', '7');
    await page.click('form.submit-form button[type="submit"]');
    await page.waitForSelector('[data-error-for="epochs"]', { timeout: 15_000 });
    check('the API\'s validation error is shown next to its field', /epochs|must/.test(
      await page.locator('[data-error-for="epochs"]').innerText()), await page.locator('[data-error-for="epochs"]').innerText());
    await fill('epochs', '3');
    await page.click('form.submit-form button[type="submit"]');
    await page.waitForURL(/#\/jobs\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    const trainId = page.url().split('/').pop();
    report.jobs.train = trainId;
    const submitted = await apiJson(`/api/v1/jobs/${trainId}`);
    check('the form submitted the spec it shows', submitted.kind === 'Train' && submitted.spec.epochs === 3
      && JSON.stringify(submitted.spec.model.hidden) === '[64]' && submitted.labels.meta === '0.7', submitted.spec);

    // 3. The jobs list: the new job is there and changes status live, through its event stream, without a reload.
    await page.click('nav a[data-nav="jobs"]');
    const row = `tr[data-job-id="${trainId}"]`;
    await page.waitForSelector(row);
    await page.evaluate((selector) => {
      window.__seen = [];
      const record = () => {
        const element = document.querySelector(selector);
        if (!element) return;
        const entry = `${element.dataset.status}/${element.dataset.updatedBy}`;
        if (window.__seen[window.__seen.length - 1] !== entry) window.__seen.push(entry);
      };
      record();
      window.__watch = setInterval(record, 50);
    }, row);
    // While it runs: a picture of a live row with its progress bar, when the job is slow enough to catch one.
    if (await page.waitForSelector(`${row}[data-status="RUNNING"] .progress`, { timeout: 20_000 }).then(() => true, () => false)) {
      await page.screenshot({ path: join(out, 'jobs-list-running-light.png') });
      report.screenshots.push(join(out, 'jobs-list-running-light.png'));
    }
    await page.waitForSelector(`${row}:is([data-status="SUCCEEDED"], [data-status="FAILED"], [data-status="CANCELLED"])`, { timeout: JOB_TIMEOUT });
    const trainStatus = await page.locator(row).getAttribute('data-status');
    if (!check('the Train job succeeded', trainStatus === 'SUCCEEDED', trainStatus === 'SUCCEEDED' ? undefined
      : await page.locator(`${row} .reason`).innerText().catch(() => trainStatus))) throw new Error('the Train job did not succeed');
    const seen = await page.evaluate(() => (clearInterval(window.__watch), window.__seen));
    report.seconds.trainVisible = (Date.now() - started) / 1000;
    const statuses = seen.map((s) => s.split('/')[0]);
    check('the list showed the job before it finished', statuses[0] === 'QUEUED' || statuses[0] === 'RUNNING', seen);
    check('the status changed in the list while it was open', new Set(statuses).size >= 2, seen);
    check('status changes came over the live stream', seen.some((s, i) => i > 0 && s.endsWith('/sse')
      && s.split('/')[0] !== seen[i - 1].split('/')[0]), seen);
    check('no reload happened', await page.evaluate(() => window.__sameDocument === true));

    // 3b. A grid of jobs, more than the 3 job streams the list used to follow: the one project stream brings every
    // new row and every status change, with no read of the list (its requests are counted in the page).
    const grid = [];
    await page.evaluate(() => {
      window.__listReads = 0;
      const original = window.fetch;
      window.fetch = (input, init) => {
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        if (/\/api\/v1\/jobs\?/.test(url)) window.__listReads++;
        return original(input, init);
      };
      window.__finalAt = {};
      window.__gridWatch = setInterval(() => {
        for (const row of document.querySelectorAll('tr[data-job-id]')) {
          const id = row.dataset.jobId;
          if (!window.__finalAt[id] && ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(row.dataset.status)) {
            window.__finalAt[id] = { at: Date.now(), status: row.dataset.status, by: row.dataset.updatedBy };
          }
        }
      }, 50);
    });
    for (let i = 0; i < 5; i++) {
      const created = await apiJson('/api/v1/jobs', {
        method: 'POST',
        body: JSON.stringify({
          apiVersion: 'robustlab/v1', kind: 'Train', metadata: { name: `ui-grid-${i}-${run}`, labels: { e2e: run, grid: String(i) } },
          dataset: { name: 'gaussian', trainSize: 1000, testSize: 200, dimension: 20, mu: 0.5, sigma: 1.0 },
          model: { architecture: 'mlp', hidden: [32], activation: 'tanh' }, optimizer: { name: 'sgd', learningRate: 0.05, momentum: 0 },
          epochs: 2, batchSize: 50, seed: 100 + i,
        }),
      });
      grid.push({ id: created.id, submittedAt: Date.now() });
    }
    report.jobs.grid = grid.map((g) => g.id);
    // Whether rows come over the stream is checked below (no list read, each row set by the stream); how fast is a
    // figure in the report, not a pass mark: a loaded machine must not fail it.
    const appeared = await Promise.all(grid.map((g) => page.waitForSelector(`tr[data-job-id="${g.id}"]`, { timeout: 30_000 })
      .then(() => Date.now() - g.submittedAt, () => null)));
    report.gridAppearedAfterMs = appeared;
    check('each job of a grid of 5 appears in the list without a reload', appeared.every((ms) => ms !== null), appeared);
    const apiFinalAt = {};
    const gridDeadline = Date.now() + JOB_TIMEOUT;
    while (Object.keys(apiFinalAt).length < grid.length && Date.now() < gridDeadline) {
      for (const g of grid) {
        if (apiFinalAt[g.id]) continue;
        const current = await apiJson(`/api/v1/jobs/${g.id}`);
        if (['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(current.status)) apiFinalAt[g.id] = { at: Date.now(), status: current.status };
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    check('the 5 grid jobs succeeded', grid.every((g) => apiFinalAt[g.id]?.status === 'SUCCEEDED'), apiFinalAt);
    await page.waitForFunction((ids) => ids.every((id) => window.__finalAt[id]), grid.map((g) => g.id), { timeout: 30_000 }).catch(() => {});
    const pageFinalAt = await page.evaluate(() => (clearInterval(window.__gridWatch), window.__finalAt));
    // The API is polled every ~0.2 s per job, so the page may even be first: only a late row counts against it.
    const lags = grid.map((g) => (pageFinalAt[g.id] && apiFinalAt[g.id] ? pageFinalAt[g.id].at - apiFinalAt[g.id].at : null));
    report.gridFinalLagMs = lags;
    console.log(`grid rows: appeared after ${JSON.stringify(appeared)} ms; final status ${JSON.stringify(lags)} ms after the API's`);
    check('every grid row showed its final status, set by the live stream',
      grid.every((g, i) => lags[i] !== null && pageFinalAt[g.id].status === apiFinalAt[g.id].status
        && pageFinalAt[g.id].by === 'sse'), { lags, pageFinalAt });
    const listReads = await page.evaluate(() => window.__listReads);
    check('the list was not read again meanwhile', listReads === 0, listReads);
    check('the list says it is live', (await page.locator('.list-status').getAttribute('data-live')) === 'yes');

    // 4. The Train job's page: training curves; then "Evaluate this model".
    await page.click(`${row} td.name a`);
    const training = await waitForSeries(page, 'training', (s) => s.length === 4);
    check('the training chart shows loss and accuracy, train and test',
      JSON.stringify(training) === JSON.stringify(['train loss', 'test loss', 'train accuracy', 'test accuracy']), training);
    await page.click('a:has-text("Evaluate this model")');
    await page.waitForSelector('form.submit-form [name="model"]');
    await page.waitForFunction((id) => document.querySelector('form.submit-form [name="model"]')?.value === id, trainId);
    check('"Evaluate this model" fills in the Train job', true);
    await page.waitForFunction(() => document.querySelector('form.submit-form [name="name"]')?.value.startsWith('evaluate'));
    await fill('name', `ui-eval-${run}`);
    await fill('samples', '100');
    await fill('steps', '5');
    await page.selectOption('form.submit-form [name="epsilonPreset"]', 'quick');
    for (const corruption of ['gaussian-noise', 'contrast']) {
      await page.check(`form.submit-form input[name="corruptions"][value="${corruption}"]`);
    }
    await fill('severities', '1, 3');
    await fill('sigmas', '0.05, 0.2');
    await fill('draws', '3');
    await fill('batchSize', '100');
    await page.click('form.submit-form button[type="submit"]');
    await page.waitForURL(/#\/jobs\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    const evalId = page.url().split('/').pop();
    report.jobs.evaluation = evalId;

    // 5. The evaluation's page, followed live until it finishes: the robustness chart has one series per curve the
    //    API measured — each attack and the worst cases — in the API's order.
    await page.waitForSelector('[data-job-status="SUCCEEDED"], [data-job-status="FAILED"], [data-job-status="CANCELLED"]', { timeout: JOB_TIMEOUT });
    const evalStatus = await page.locator('[data-job-status]').getAttribute('data-job-status');
    if (!check('the evaluation succeeded', evalStatus === 'SUCCEEDED', evalStatus)) throw new Error('the evaluation did not succeed');
    check('the evaluation page followed the job to SUCCEEDED without a reload',
      await page.evaluate(() => window.__sameDocument === true));
    const curves = await apiJson(`/api/v1/jobs/${evalId}/curves`);
    const labels = curves.curves.map((c) => c.label);
    const robustness = await waitForSeries(page, 'robustness', (s) => JSON.stringify(s) === JSON.stringify(labels));
    check('the robustness chart has one series per curve of the API, in its order', JSON.stringify(robustness) === JSON.stringify(labels),
      { chart: robustness, api: labels });
    check('… with a series per attack of the spec', ['fgsm (L∞)', 'linf-pgd (L∞)'].every((l) => robustness?.includes(l)), robustness);
    check('… and the worst cases', (robustness ?? []).some((l) => l.startsWith('worst-case')), robustness);
    const corruptionSeries = await waitForSeries(page, 'corruptions', (s) => s.length === 1);
    check('the corruption heatmap is drawn', JSON.stringify(corruptionSeries) === '["accuracy under corruption"]', corruptionSeries);
    const noiseSeries = await waitForSeries(page, 'weight-noise', (s) => s.length === 2);
    check('the weight-noise curve is drawn with error bars', JSON.stringify(noiseSeries) === '["mean accuracy","± 1 std"]', noiseSeries);
    // Every image is fetched with the key (a blob each), so they arrive one after another.
    await page.waitForFunction(() => {
      const images = [...document.querySelectorAll('.gallery img')];
      return images.length > 0 && images.every((img) => img.src && img.complete && img.naturalWidth > 0);
    }, undefined, { timeout: 30_000 }).catch(() => {});
    const images = await page.evaluate(() => [...document.querySelectorAll('.gallery img')].filter((img) => img.naturalWidth === 112).length);
    const expectedImages = await apiJson(`/api/v1/jobs/${evalId}/artifacts`)
      .then((list) => list.artifacts.filter((a) => a.name.startsWith('gallery/') && a.name.endsWith('.png')).length);
    check('the adversarial-example gallery shows every image the worker stored', images >= 3 && images === expectedImages,
      { shown: images, stored: expectedImages });
    check('the artifacts are listed', (await page.locator('[data-section="artifacts"] code:has-text("result.json")').count()) === 1);
    // Exports: the curves as CSV, the chart as SVG and PNG, each a real file.
    const downloaded = async (section, button) => {
      const [file] = await Promise.all([page.waitForEvent('download'),
        page.click(`[data-section="${section}"] button:text-is("${button}")`)]);
      const path = join(out, `download-${file.suggestedFilename()}`);
      await file.saveAs(path);
      return { name: file.suggestedFilename(), bytes: readFileSync(path) };
    };
    const csv = await downloaded('robustness', 'CSV');
    const csvLines = csv.bytes.toString('utf8').trim().split('\r\n');
    check('the curves download as CSV: a column per curve, a row per epsilon', csvLines[0] === ['epsilon', ...labels].join(',')
      && csvLines.length === 1 + new Set(curves.curves.flatMap((c) => c.points.map((p) => p.epsilon))).size, csvLines);
    const svg = await downloaded('robustness', 'SVG');
    check('the robustness chart downloads as SVG', svg.name.endsWith('.svg') && svg.bytes.toString('utf8').includes('<svg')
      && labels.every((l) => svg.bytes.toString('utf8').includes(l.replace('(', '').split(' ')[0])), svg.name);
    const png = await downloaded('robustness', 'PNG');
    check('the robustness chart downloads as PNG', png.name.endsWith('.png') && png.bytes.subarray(1, 4).toString() === 'PNG'
      && png.bytes.length > 10_000, { name: png.name, bytes: png.bytes.length });
    await shot(page, 'job-page-evaluation-light');
    await page.locator('.page').evaluate(() => window.scrollTo(0, 0));

    // 6. A second evaluation of the same model, submitted through the API, then both compared.
    const second = await apiJson('/api/v1/jobs', {
      method: 'POST',
      body: JSON.stringify({
        apiVersion: 'robustlab/v1', kind: 'Evaluate',
        metadata: { name: `ui-eval-fgsm-${run}`, labels: { e2e: run, meta: '1.35' } },
        model: { trainJob: trainId }, dataset: { name: 'fashion-mnist' }, samples: 100,
        attacks: [{ name: 'fgsm' }], epsilons: [{ values: [0, 0.01, 0.03, 0.1, 0.3] }], batchSize: 100, seed: 5,
      }),
    });
    report.jobs.secondEvaluation = second.id;
    const deadline = Date.now() + JOB_TIMEOUT;
    let status = second.status;
    while (!['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(status) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      status = (await apiJson(`/api/v1/jobs/${second.id}`)).status;
    }
    check('the second evaluation succeeded', status === 'SUCCEEDED', status);

    await page.click('nav a[data-nav="jobs"]');
    await page.waitForSelector(`tr[data-job-id="${second.id}"]`);
    for (const id of [evalId, second.id]) await page.check(`tr[data-job-id="${id}"] input[type="checkbox"]`);
    await shot(page, 'jobs-list-light');
    await page.click('button:has-text("Compare selected")');
    await page.waitForSelector('.compare-table tbody tr');
    const compared = await page.locator('.compare-table tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.jobId));
    check('the compare view shows both jobs', compared.length === 2 && compared.includes(evalId) && compared.includes(second.id), compared);
    const overlay = await waitForSeries(page, 'compare-robustness', (s) => s.length === 2);
    check('their robustness curves are overlaid', overlay?.length === 2
      && overlay.some((n) => n.startsWith(`ui-eval-${run} ·`)) && overlay.some((n) => n.startsWith(`ui-eval-fgsm-${run} ·`)), overlay);
    const numbers = await page.locator('.compare-table tbody tr').first().locator('td').allInnerTexts();
    check('the table has clean accuracy, robust accuracy and area as percentages', numbers.slice(3, 6).every((t) => /^\d+(\.\d)?%$/.test(t)), numbers);
    const trainingOverlay = await waitForSeries(page, 'compare-training', (s) => s.length === 4);
    check('the training curves of their model are overlaid', trainingOverlay?.length === 4, trainingOverlay);
    await shot(page, 'compare-light');

    // 7. Dark theme, and a reload on a job page (hash routes survive it).
    await page.click('#theme');
    check('the dark theme is applied', (await page.evaluate(() => document.documentElement.dataset.theme)) === 'dark');
    await waitForSeries(page, 'compare-robustness', (s) => s.length === 2);
    await shot(page, 'compare-dark');
    await page.goto(`${base}/#/jobs/${evalId}`);
    await page.reload();
    const afterReload = await waitForSeries(page, 'robustness', (s) => s.length === labels.length);
    check('a job page survives a reload', JSON.stringify(afterReload) === JSON.stringify(labels), afterReload);
    await shot(page, 'job-page-evaluation-dark');
    await page.goto(`${base}/#/jobs/${trainId}`);
    await waitForSeries(page, 'training', (s) => s.length === 4);
    await shot(page, 'job-page-train-dark');
    await page.click('#theme');
    await page.goto(`${base}/#/jobs/${trainId}`);
    await waitForSeries(page, 'training', (s) => s.length === 4);
    await shot(page, 'job-page-train-light');
    await page.goto(`${base}/#/submit?kind=Evaluate`);
    await page.waitForSelector('form.submit-form');
    await shot(page, 'submit-light');

    // The JSON editor: the form's spec as JSON; a spec the API refuses lists every error it names.
    await page.goto(`${base}/#/submit`);
    await page.waitForSelector('form.submit-form');
    await page.click('form.submit-form button:text-is("JSON")');
    const json = JSON.parse(await page.inputValue('textarea[name="spec"]'));
    check('the JSON editor starts from the form\'s spec', json.kind === 'Train' && json.apiVersion === 'robustlab/v1'
      && Array.isArray(json.model?.hidden), json);
    await page.fill('textarea[name="spec"]', JSON.stringify({ ...json, epochs: -1, model: { ...json.model, hidden: [0] } }));
    await page.click('form.submit-form button[type="submit"]');
    await page.waitForSelector('form.submit-form [data-error-for=""] li', { timeout: 15_000 });
    const listed = await page.locator('form.submit-form [data-error-for=""] li').allInnerTexts();
    check('the API\'s errors are listed by field under the JSON editor', listed.some((e) => e.startsWith('epochs'))
      && listed.some((e) => e.startsWith('model.hidden[0]')), listed);

    check('no script error in the page', pageErrors.length === 0, pageErrors);
    check('no request failed but the two refused specs', failedRequests.length === 2
      && failedRequests.every((r) => r === `POST ${base}/api/v1/jobs 400`), failedRequests);
  } finally {
    await browser.close();
  }
}

try {
  await main();
  report.ok = report.checks.length > 0 && report.checks.every((c) => c.ok);
} catch (error) {
  report.error = error instanceof Error ? error.stack ?? error.message : String(error);
  console.error(report.error);
}
report.seconds.total = (Date.now() - started) / 1000;
writeFileSync(join(out, 'report.json'), JSON.stringify(report, null, 2));
console.log(`${report.ok ? 'PASSED' : 'FAILED'}: ${report.checks.filter((c) => c.ok).length}/${report.checks.length} checks in ${report.seconds.total} s`);
process.exit(report.ok ? 0 : 1);

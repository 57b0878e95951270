// The scheduled-task screen over real HTTP on a real appliance (stores, pipeline,
// scheduler): create, edit, pause and resume, stop a run, delete; bad input answered with
// a message under the field it concerns.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyCounts } from '../../src/domain/run.js';
import { setQuiet } from '../../src/log.js';
import { startAppliance, type Appliance } from '../../src/serve.js';
import type { NamedSchedule } from '../../src/web/schedule-form.js';
import { WebClient } from '../helpers/web-client.js';

let root: string;
let appliance: Appliance;
let client: WebClient;
let token: string;

/** Paris wall-clock date `days` from now, YYYY-MM-DD. */
function parisDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

const profileId = (): string => appliance.settings.profiles()[0]?.id ?? '';

function form(fields: Record<string, string | string[]>): [string, string][] {
  const base: Record<string, string | string[]> = {
    _csrf: token,
    name: 'Import du matin',
    profileId: profileId(),
    task: 'orders',
    date: parisDate(1),
    time: '06:00',
    kind: 'daily',
    everyDays: '1',
    everyWeeks: '1',
    repeatEvery: '30',
    repeatFor: '720',
    ...fields,
  };
  return Object.entries(base).flatMap(([k, v]) =>
    Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v]],
  );
}

/** The text of the field error under a field, by the id the dialog gives it. */
function fieldError(html: string, field: string): string | undefined {
  const text = new RegExp(`<p class="field-error" id="err-${field}" role="alert">([^<]*)</p>`).exec(
    html,
  )?.[1];
  return text
    ?.replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

function row(html: string, id: string): string {
  const start = html.indexOf(`data-schedule="${id}"`);
  expect(start, `row of ${id}`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</tr>', start));
}

beforeAll(async () => {
  setQuiet(true);
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-web-schedules-'));
  appliance = await startAppliance({
    dataDir: root,
    port: 0,
    host: '127.0.0.1',
    stabilityMs: 300,
    polling: false,
    rescanMs: 60_000,
    timeZone: 'Europe/Paris',
  });
  client = new WebClient(appliance.url);
  token = await client.setup('admin', 'correct horse battery');
});

afterAll(async () => {
  await appliance?.close();
  if (root) await fs.rm(root, { recursive: true, force: true });
});

describe('scheduled tasks over HTTP', () => {
  it('lists no task, then creates one through the dialog and shows its trigger and next run', async () => {
    const empty = await (await client.request('/schedules')).text();
    expect(empty).toContain('Aucune tâche planifiée.');
    const dialog = await (
      await client.request('/schedules/new', { headers: { 'HX-Request': 'true' } })
    ).text();
    expect(dialog).toContain('<dialog open class="modal"');
    expect(dialog).not.toContain('<html');
    for (const kind of ['daily', 'weekly', 'monthly-days', 'monthly-weekdays'])
      expect(dialog).toContain(`name="kind" value="${kind}"`);

    const created = await client.post('/schedules', form({}));
    expect(created.status).toBe(302);
    expect(created.headers.get('location')).toBe('/schedules?notice=created');
    const [stored] = appliance.schedules.list() as NamedSchedule[];
    expect(stored).toMatchObject({
      name: 'Import du matin',
      profileId: profileId(),
      task: 'orders',
      start: { date: parisDate(1), time: '06:00' },
      trigger: { kind: 'daily', everyDays: 1 },
      paused: false,
    });
    expect(stored?.repeat).toBeUndefined();

    const html = await (await client.request('/schedules?notice=created')).text();
    expect(html).toContain('La tâche est créée.');
    const line = row(html, stored!.id);
    expect(line).toContain('Import du matin');
    expect(line).toContain('Tous les jours à 06:00');
    // Starts tomorrow at 06:00: that is the next run, in the appliance's zone.
    const [y, m, d] = parisDate(1).split('-');
    expect(line).toContain(`${d}/${m}/${y} 06:00:00`);
    expect(line).toContain('jamais');
  });

  it('refuses bad input with a message under each field concerned, keeping what was typed', async () => {
    const bad = await client.post(
      '/schedules',
      form({ name: '', time: '25:00', kind: 'weekly', everyWeeks: '2', weeklyWeekdays: [] }),
    );
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(fieldError(html, 'name')).toBe('Donnez un nom à la tâche (1 à 80 caractères).');
    expect(fieldError(html, 'time')).toContain('de 00:00 à 23:59');
    expect(fieldError(html, 'weeklyWeekdays')).toBe('Cochez au moins un jour de la semaine.');
    expect(fieldError(html, 'date')).toBeUndefined();
    expect(html).toContain('value="25:00"');
    expect(html).toMatch(/name="kind" value="weekly" checked/);
    expect(html).toContain('id="s-time" name="time" value="25:00"');

    const more = await (
      await client.post(
        '/schedules',
        form({
          profileId: 'no-such-profile',
          date: '2026-02-30',
          kind: 'monthly-days',
          mdMonths: ['2', '4'],
          mdDays: ['31'],
          repeat: '1',
          repeatEvery: '720',
          repeatFor: '60',
        }),
      )
    ).text();
    expect(fieldError(more, 'profileId')).toBe('Choisissez un profil.');
    expect(fieldError(more, 'date')).toContain('date réelle');
    expect(fieldError(more, 'mdDays')).toContain('ne se lancerait jamais');
    expect(fieldError(more, 'repeatEvery')).toBe(
      "L'intervalle doit être plus court que la durée de répétition.",
    );

    const noWeek = await (
      await client.post(
        '/schedules',
        form({ kind: 'monthly-weekdays', mwMonths: ['1'], mwWeekdays: ['mon'] }),
      )
    ).text();
    expect(fieldError(noWeek, 'mwWeeks')).toBe('Cochez au moins une semaine du mois.');
    // None of these was saved.
    expect(appliance.schedules.list()).toHaveLength(1);
  });

  it('edits a task with every trigger option and a repeat', async () => {
    const [stored] = appliance.schedules.list();
    const edit = await (await client.request(`/schedules/${stored!.id}/edit`)).text();
    expect(edit).toContain('Modifier la tâche planifiée');
    expect(edit).toContain('value="Import du matin"');

    const saved = await client.post(
      `/schedules/${stored!.id}`,
      form({
        name: 'Avoirs fin de mois',
        task: 'creditnotes',
        time: '08:00',
        kind: 'monthly-weekdays',
        mwMonths: ['3', '6', '9', '12'],
        mwWeeks: ['first', 'last'],
        mwWeekdays: ['fri', 'mon'],
        repeat: '1',
        repeatEvery: '5',
        repeatFor: '720',
      }),
    );
    expect(saved.status).toBe(302);
    const after = appliance.schedules.get(stored!.id) as NamedSchedule;
    expect(after).toMatchObject({
      name: 'Avoirs fin de mois',
      task: 'creditnotes',
      trigger: {
        kind: 'monthly-weekdays',
        months: [3, 6, 9, 12],
        weeks: ['first', 'last'],
        weekdays: ['fri', 'mon'],
      },
      repeat: { everyMinutes: 5, forMinutes: 720 },
    });
    const html = await (await client.request('/schedules')).text();
    expect(row(html, stored!.id)).toContain(
      'Le premier et dernier lundi et vendredi de mars, juin, septembre et décembre à 08:00, puis toutes les 5 min pendant 12 h',
    );
    // The edit dialog shows what is stored.
    const again = await (await client.request(`/schedules/${stored!.id}/edit`)).text();
    expect(again).toMatch(/name="mwWeeks" value="last" checked/);
    expect(again).toMatch(/name="mwWeekdays" value="tue">/);
    expect(again).toMatch(/<option value="5" selected>/);
  });

  it('pauses and resumes a task: a paused task has no next run', async () => {
    const [stored] = appliance.schedules.list();
    const paused = await client.post(`/schedules/${stored!.id}/pause`, { _csrf: token, paused: 'true' });
    expect(paused.headers.get('location')).toBe('/schedules?notice=paused');
    expect(appliance.schedules.get(stored!.id)?.paused).toBe(true);
    const html = await (await client.request('/schedules')).text();
    expect(row(html, stored!.id)).toContain('Reprendre');
    expect(row(html, stored!.id)).toMatch(/class="schedule-next nowrap">en pause</);

    await client.post(`/schedules/${stored!.id}/pause`, { _csrf: token, paused: 'false' });
    expect(appliance.schedules.get(stored!.id)?.paused).toBe(false);
    const resumed = await (await client.request('/schedules')).text();
    expect(row(resumed, stored!.id)).toMatch(/class="schedule-next nowrap">\d{2}\/\d{2}\/\d{4} 08:\d{2}:00</);
  });

  it("links the profile's last run and stops a run still going", async () => {
    const [stored] = appliance.schedules.list();
    const profile = appliance.settings.profile(stored!.profileId)!;
    const run = await appliance.runs.create({
      profileId: profile.id,
      profileName: profile.name,
      task: 'creditnotes',
      status: 'running',
      startedAt: new Date().toISOString(),
      counts: emptyCounts(),
      debit: '0.00',
      credit: '0.00',
      done: 0,
      files: [],
    });
    const html = await (await client.request('/schedules')).text();
    const line = row(html, stored!.id);
    expect(line).toContain(`<a href="/runs/${run.id}">`);
    expect(line).toContain(`name="runId" value="${run.id}"`);

    // A run id that is not this profile's (or not going) is refused.
    const other = await client.post(`/schedules/${stored!.id}/stop`, { _csrf: token, runId: '999999' });
    expect(other.headers.get('location')).toBe('/schedules?notice=notRunning');
    const stop = await client.post(`/schedules/${stored!.id}/stop`, { _csrf: token, runId: String(run.id) });
    expect(stop.headers.get('location')).toBe('/schedules?notice=stopped');
    await appliance.runs.finish({
      ...run,
      status: 'failed',
      endedAt: new Date().toISOString(),
      message: 'stopped',
    });
  });

  it('deletes a task after a confirmation page', async () => {
    const [stored] = appliance.schedules.list();
    const confirm = await (await client.request(`/schedules/${stored!.id}/delete`)).text();
    expect(confirm).toContain('Supprimer la tâche « Avoirs fin de mois » ?');
    expect(appliance.schedules.list()).toHaveLength(1);
    const deleted = await client.post(`/schedules/${stored!.id}/delete`, { _csrf: token });
    expect(deleted.headers.get('location')).toBe('/schedules?notice=deleted');
    expect(appliance.schedules.list()).toHaveLength(0);
    expect((await client.request(`/schedules/${stored!.id}/edit`)).status).toBe(404);
    // Without the CSRF token nothing is changed.
    expect((await client.post('/schedules', form({ _csrf: 'forged' }))).status).toBe(403);
    expect(appliance.schedules.list()).toHaveLength(0);
  });
});

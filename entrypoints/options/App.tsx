import { useEffect, useState } from 'preact/hooks';
import type { PaperdexDb } from '../../utils/library/db';
import { DEFAULT_SETTINGS, type Settings, normalizeHost } from '../../utils/settings';
import { loadSettings, saveSettings, watchSettings } from '../../utils/settings-store';
import { DeleteSection, ExportSection, ImportSection } from './Data';

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 ** 2).toFixed(1)} MB`;
}

/**
 * Ids another page hands over for "export these" (`options.html?ids=a,b`): the popup's current
 * filter. Only ids in the identity scheme's shape are kept; the export looks them up read-only.
 */
function chosenIds(search: string): string[] {
  const raw = new URLSearchParams(search).get('ids') ?? '';
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^[a-z0-9]+:\S{1,300}$/.test(s))
    .slice(0, 100_000);
}

export interface AppProps {
  /** Read-only: counts and exports. Every write is a message to the background. */
  db: PaperdexDb;
}

export function App({ db }: AppProps) {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [sitesText, setSitesText] = useState('');
  const [usage, setUsage] = useState<string>('…');
  const [papers, setPapers] = useState<string>('…');
  const [status, setStatus] = useState('');
  const [version, setVersion] = useState(0);
  const [ids] = useState(() => chosenIds(location.search));

  useEffect(() => {
    void loadSettings().then((s) => {
      setSettings(s);
      setSitesText(s.disabledSites.join('\n'));
    });
    return watchSettings((s) => {
      setSettings(s);
      setSitesText(s.disabledSites.join('\n'));
    });
  }, []);

  useEffect(() => {
    void navigator.storage
      ?.estimate?.()
      .then((e) => setUsage(formatBytes(e.usage ?? 0)))
      .catch(() => setUsage('unknown'));
    void db.papers
      .count()
      .then((n) => setPapers(n.toLocaleString('en')))
      .catch(() => setPapers('unknown'));
  }, [db, version]);

  const changed = () => setVersion((v) => v + 1);

  const update = async (patch: Partial<Settings>) => {
    const next = { ...settings, ...patch };
    setSettings(next);
    await saveSettings(next);
    setStatus('Saved.');
  };

  const saveSites = async () => {
    const sites = sitesText
      .split(/[\s,]+/)
      .map(normalizeHost)
      .filter(Boolean);
    setSitesText(sites.join('\n'));
    await update({ disabledSites: sites });
  };

  return (
    <main>
      <h1>Paperdex settings</h1>
      <section aria-labelledby="marks">
        <h2 id="marks">On pages</h2>
        <label>
          <input
            type="checkbox"
            checked={settings.highlight}
            onChange={(e) => void update({ highlight: e.currentTarget.checked })}
          />{' '}
          Mark papers on pages (seen, opened, starred, new)
        </label>
        <label>
          <input
            type="checkbox"
            checked={settings.paused}
            onChange={(e) => void update({ paused: e.currentTarget.checked })}
          />{' '}
          Pause capture: remember no new papers (marks still show)
        </label>
        <label>
          <input
            type="checkbox"
            checked={settings.incognito}
            onChange={(e) => void update({ incognito: e.currentTarget.checked })}
          />{' '}
          Capture in private windows (only if the browser lets Paperdex run there)
        </label>
        <label for="sites">Sites where Paperdex does nothing (one per line)</label>
        <textarea
          id="sites"
          rows={5}
          value={sitesText}
          onInput={(e) => setSitesText(e.currentTarget.value)}
        />
        <button type="button" onClick={() => void saveSites()}>
          Save sites
        </button>
      </section>
      <ExportSection key={`export-${version}`} db={db} chosenIds={ids} />
      <ImportSection onChanged={changed} />
      <DeleteSection onChanged={changed} />
      <section aria-labelledby="storage">
        <h2 id="storage">Storage</h2>
        <p>
          Papers in the library: <output id="paper-count">{papers}</output>. Storage used:{' '}
          <output id="usage">{usage}</output>. Everything stays on this computer.
        </p>
      </section>
      <p role="status">{status}</p>
    </main>
  );
}

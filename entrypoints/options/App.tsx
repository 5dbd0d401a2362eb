import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_SETTINGS, type Settings, normalizeHost } from '../../utils/settings';
import { loadSettings, saveSettings, watchSettings } from '../../utils/settings-store';

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 ** 2).toFixed(1)} MB`;
}

export function App() {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [sitesText, setSitesText] = useState('');
  const [usage, setUsage] = useState<string>('…');
  const [status, setStatus] = useState('');

  useEffect(() => {
    void loadSettings().then((s) => {
      setSettings(s);
      setSitesText(s.disabledSites.join('\n'));
    });
    void navigator.storage
      ?.estimate?.()
      .then((e) => setUsage(formatBytes(e.usage ?? 0)))
      .catch(() => setUsage('unknown'));
    return watchSettings(setSettings);
  }, []);

  const update = async (patch: Partial<Settings>) => {
    const next = { ...settings, ...patch };
    setSettings(next);
    await saveSettings(next);
    setStatus('Saved.');
  };

  const saveSites = async () => {
    const sites = sitesText.split(/[\s,]+/).map(normalizeHost).filter(Boolean);
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
      <section aria-labelledby="storage">
        <h2 id="storage">Storage</h2>
        <p>
          Storage used: <output id="usage">{usage}</output>. Everything stays on this computer.
        </p>
      </section>
      <p role="status">{status}</p>
    </main>
  );
}

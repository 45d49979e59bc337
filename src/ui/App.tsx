import { useEffect, useMemo, useState } from 'react';
import { startEmbedWorker, type EmbedClient } from '../embed/embed-client';
import type { DeviceReport } from '../models/device';
import { DevicePanel } from './DevicePanel';
import { readLabConfig } from './lab-config';
import { ModelCatalog } from './ModelCatalog';

export function App() {
  const config = useMemo(() => readLabConfig(), []);
  const [embedWorker] = useState<EmbedClient>(() => startEmbedWorker());
  const [device, setDevice] = useState<DeviceReport | null>(null);
  const [deviceError, setDeviceError] = useState<string | null>(null);

  useEffect(() => {
    embedWorker.call('detect', { config: config.runtime }).then(setDevice, (e: Error) => setDeviceError(e.message));
  }, [embedWorker, config]);

  return (
    <div className="app">
      <header className="app__header">
        <h1>Offline RAG Lab</h1>
        <DevicePanel report={device} error={deviceError} />
      </header>
      <main>
        <ModelCatalog device={device?.device ?? 'wasm'} showTestModels={config.showTestModels} />
      </main>
    </div>
  );
}

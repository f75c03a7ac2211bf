import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ActivitiesClient } from './api/activities-client';
import { App } from './app/app';
import { readRuntimeConfig } from './config/runtime-config';
import { startBrowserTracing } from './telemetry/browser-tracing';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
try {
  const config = readRuntimeConfig(window.CRUDDUR_CONFIG);
  // Before the first fetch, so the feed load is traced.
  startBrowserTracing(config);
  root.render(
    <StrictMode>
      <App client={new ActivitiesClient(config)} userHandle={config.userHandle} />
    </StrictMode>,
  );
} catch (error) {
  root.render(
    <p className="feed-error" role="alert">
      Cruddur cannot start: {error instanceof Error ? error.message : String(error)}
    </p>,
  );
}
